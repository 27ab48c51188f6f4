using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using GradGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.CodeFixes
{
    /// <summary>GG0001: adds <c>partial</c> to the type the diagnostic is on.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
    public sealed class MakePartialCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.TypeNotPartial.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                var type = token.Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault(t => t.Identifier == token);
                if (type is null) continue;
                string title = "Make '" + type.Identifier.ValueText + "' partial";
                context.RegisterCodeFix(
                    CodeAction.Create(title,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(type, Edits.MakePartial(type)))),
                        equivalenceKey: Descriptors.TypeNotPartial.Id),
                    diagnostic);
            }
        }
    }
}
