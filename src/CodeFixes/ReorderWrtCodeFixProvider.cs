using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.CodeFixes
{
    /// <summary>
    /// GG0021: <c>[Differentiable(nameof(spot), nameof(vol), nameof(rate))]</c> on
    /// <c>(spot, rate, vol)</c> → <c>[Differentiable(nameof(spot), nameof(rate), nameof(vol))]</c>,
    /// the order of the generated outputs. Each slot keeps its own trivia (layout, comments).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReorderWrtCodeFixProvider)), Shared]
    public sealed class ReorderWrtCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.WrtOutOfOrder.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
                if (attribute?.Parent?.Parent is not MethodDeclarationSyntax declaration) continue;
                if (model.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method) continue;
                var reordered = Reorder(attribute, method, model, context.CancellationToken);
                if (reordered is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create("Put the wrt list in declaration order",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, reordered))),
                        equivalenceKey: Descriptors.WrtOutOfOrder.Id),
                    diagnostic);
            }
        }

        private static AttributeSyntax? Reorder(AttributeSyntax attribute, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
        {
            var elements = MethodParser.WrtExpressions(attribute);
            var ordinals = elements.Select(e =>
            {
                var name = model.GetConstantValue(e, cancellationToken).Value as string;
                var parameter = method.Parameters.FirstOrDefault(p => p.Name == name);
                return parameter is null ? -1 : parameter.Ordinal;
            }).ToList();
            if (elements.Count < 2 || ordinals.Any(o => o < 0) || ordinals.Distinct().Count() != ordinals.Count) return null;
            var sorted = elements.Zip(ordinals, (e, o) => (e, o)).OrderBy(x => x.o).Select(x => x.e).ToList();
            var replacements = elements.Select((slot, i) => (slot, sorted[i])).ToDictionary(x => (SyntaxNode)x.slot, x => x.Item2);
            return attribute.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original));
        }
    }
}
