using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using GradGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.CodeFixes
{
    /// <summary>GG0018: <c>[Differentiable("x")]</c> → <c>[Differentiable(nameof(x))]</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseNameofCodeFixProvider)), Shared]
    public sealed class UseNameofCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.WrtShouldUseNameof.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                    || !literal.IsKind(SyntaxKind.StringLiteralExpression))
                    continue;
                string name = literal.Token.ValueText;
                if (!SyntaxFacts.IsValidIdentifier(name)) continue;
                string identifier = SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.NameOfKeyword
                    ? "@" + name
                    : name;
                var replacement = SyntaxFactory.ParseExpression("nameof(" + identifier + ")").WithTriviaFrom(literal);
                context.RegisterCodeFix(
                    CodeAction.Create("Use nameof(" + identifier + ")",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, replacement))),
                        equivalenceKey: Descriptors.WrtShouldUseNameof.Id),
                    diagnostic);
            }
        }
    }
}
