using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradGen.Generator.Analyzer;
using GradGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.CodeFixes
{
    /// <summary>
    /// GG0022: <c>1.0 / (1.0 + Math.Exp(-u))</c> → <c>GradMath.Sigmoid(u)</c>,
    /// <c>Math.Log(1 + Math.Exp(x))</c> → <c>GradMath.Softplus(x)</c>; adds <c>using GradGen;</c>
    /// when <c>GradMath</c> does not bind there yet (or qualifies it when another GradMath would).
    /// Log-sum-exp has no scalar GradMath function: the diagnostic's message says what to write.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseGradMathCodeFixProvider)), Shared]
    public sealed class UseGradMathCodeFixProvider : CodeFixProvider
    {
        private const string GradMathMetadataName = "GradGen.GradMath";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UnstableForm.Id);

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node) continue;
                var expression = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == diagnostic.Location.SourceSpan);
                if (expression is null) continue;
                var form = UnstableForms.Match(expression, model, context.CancellationToken);
                if (form is null || form.Kind == UnstableKind.LogSumExp) continue;
                string function = form.Kind == UnstableKind.Sigmoid ? "Sigmoid" : "Softplus";
                context.RegisterCodeFix(
                    CodeAction.Create("Use GradMath." + function,
                        ct => Task.FromResult(Rewrite(context.Document, root, model, form, function, ct)),
                        equivalenceKey: Descriptors.UnstableForm.Id + ":" + function),
                    diagnostic);
            }
        }

        private static Document Rewrite(Document document, SyntaxNode root, SemanticModel model, UnstableForm form, string function, CancellationToken cancellationToken)
        {
            // Does GradMath bind to GradGen.GradMath here, or to nothing (then a using makes it), or to another type?
            var visible = model.LookupNamespacesAndTypes(form.Expression.SpanStart, name: "GradMath");
            bool bound = visible.Any(s => s.ToDisplayString() == GradMathMetadataName);
            bool taken = !bound && visible.Length > 0;
            string receiver = taken ? "global::GradGen.GradMath" : "GradMath";
            string argument = form.Argument.WithoutTrivia().ToFullString();
            // Math.Exp(n) with an int n computes in double; GradMath.Sigmoid(n) would pick the float overload.
            var parameter = model.GetTypeInfo(form.Exponent, cancellationToken).ConvertedType?.SpecialType;
            var given = model.GetTypeInfo(form.Exponent, cancellationToken).Type?.SpecialType;
            if (given != parameter && parameter is SpecialType.System_Double or SpecialType.System_Single)
                argument = "(" + (parameter == SpecialType.System_Double ? "double" : "float") + ")(" + argument + ")";
            var call = SyntaxFactory.ParseExpression(receiver + "." + function + "(" + argument + ")")
                .WithTriviaFrom(form.Expression);
            var updated = root.ReplaceNode(form.Expression, call);
            if (!bound && !taken && updated is CompilationUnitSyntax unit)
                updated = Edits.AddUsing(unit, "GradGen", Edits.EndOfLine(root));
            return document.WithSyntaxRoot(updated);
        }
    }
}
