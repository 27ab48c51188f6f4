using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.CodeFixes
{
    /// <summary>
    /// GG0008: marks the called method <c>[Differentiable]</c> when its source is in the solution,
    /// adding <c>using GradGen;</c> to its file if needed and <c>partial</c> to its containing types.
    /// No fix for methods of referenced assemblies (declare a [Derivative] wrapper instead).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDifferentiableCodeFixProvider)), Shared]
    public sealed class AddDifferentiableCodeFixProvider : CodeFixProvider
    {
        private const string AttributeNamespace = "GradGen";
        private const string AttributeMetadataName = "GradGen.DifferentiableAttribute";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.NoDerivative.Id);

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var invocation = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == diagnostic.Location.SourceSpan)
                    ?? node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
                if (invocation is null) continue;
                if (model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol called) continue;
                var callee = (called.ReducedFrom ?? called).OriginalDefinition;
                if (callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeMetadataName)) continue;

                var declaration = FindDeclaration(context.Document.Project.Solution, callee, context.CancellationToken);
                if (declaration is null) continue;
                var (document, method) = declaration.Value;
                string title = "Mark '" + callee.ContainingType.Name + "." + callee.Name + "' [Differentiable]";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => MarkDifferentiableAsync(document, method, ct), equivalenceKey: Descriptors.NoDerivative.Id + ":" + callee.ToDisplayString()),
                    diagnostic);
            }
        }

        /// <summary>The method's declaration with a body, in a document of this solution.</summary>
        private static (Document Document, MethodDeclarationSyntax Method)? FindDeclaration(Solution solution, IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax syntax) continue;
                if (syntax.Body is null && syntax.ExpressionBody is null) continue;
                var document = solution.GetDocument(reference.SyntaxTree);
                if (document is not null) return (document, syntax);
            }
            return null;
        }

        private static async Task<Solution> MarkDifferentiableAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document.Project.Solution;
            var eol = Edits.EndOfLine(root);

            // Does [Differentiable] already bind at the method (a using GradGen; in scope, or inside namespace GradGen)?
            bool inScope = model.LookupNamespacesAndTypes(method.SpanStart, name: "DifferentiableAttribute")
                .Any(s => s.ToDisplayString() == AttributeMetadataName);

            var types = method.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToList();
            var tracked = root.TrackNodes(new SyntaxNode[] { method }.Concat(types));
            var current = tracked.GetCurrentNode(method)!;
            tracked = tracked.ReplaceNode(current, Edits.AddAttribute(current, "Differentiable", eol));
            // Innermost first: each replacement keeps the outer types trackable.
            foreach (var type in types)
            {
                var t = tracked.GetCurrentNode(type)!;
                tracked = tracked.ReplaceNode(t, Edits.MakePartial(t));
            }
            if (!inScope && tracked is CompilationUnitSyntax unit)
                tracked = Edits.AddUsing(unit, AttributeNamespace, eol);
            return document.WithSyntaxRoot(tracked).Project.Solution;
        }
    }
}
