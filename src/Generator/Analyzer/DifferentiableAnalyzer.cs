using System;
using System.Collections.Immutable;
using System.Linq;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradGen.Generator.Analyzer
{
    /// <summary>
    /// The one reporter of GradGen's diagnostics, live in the IDE and in the command-line build (the
    /// generator reports none, so each diagnostic appears once). It runs the generator's own stages on
    /// each [Differentiable] method (<see cref="DifferentiableGenerator.SafeParse"/>, then
    /// <see cref="DifferentiableGenerator.Check"/>: differentiation under the generator's exception
    /// handling, without writing the file), so it reports exactly why the generator did or did not
    /// generate. Locations in the model are relative to the method; they become locations in the
    /// document here, which the IDE needs for squiggles and code fixes.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DifferentiableAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.All.ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(AnalyzeMethod, SyntaxKind.MethodDeclaration);
            context.RegisterSyntaxNodeAction(AnalyzeOtherTarget,
                SyntaxKind.LocalFunctionStatement, SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration,
                SyntaxKind.ConstructorDeclaration, SyntaxKind.DestructorDeclaration,
                SyntaxKind.GetAccessorDeclaration, SyntaxKind.SetAccessorDeclaration, SyntaxKind.InitAccessorDeclaration,
                SyntaxKind.AddAccessorDeclaration, SyntaxKind.RemoveAccessorDeclaration);
        }

        private static void AnalyzeMethod(SyntaxNodeAnalysisContext context)
        {
            var syntax = (MethodDeclarationSyntax)context.Node;
            if (syntax.AttributeLists.Count == 0) return;
            IMethodSymbol? method = null;
            try
            {
                method = context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken);
                if (method is null || !HasDifferentiableAttribute(method, syntax)) return;

                var parsed = DifferentiableGenerator.SafeParse(method, syntax, context.SemanticModel, context.CancellationToken);
                var file = DifferentiableGenerator.Check(parsed);
                foreach (var d in file.Diagnostics)
                    context.ReportDiagnostic(d.ToDiagnostic(syntax));
                ReportUnstableForms(context, syntax);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReportInternalError(context, syntax.Identifier.GetLocation(), method?.Name ?? syntax.Identifier.ValueText, e);
            }
        }

        /// <summary>GG0022, analyzer only: hand-written forms of functions GradMath computes stably.</summary>
        private static void ReportUnstableForms(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax syntax)
        {
            foreach (var form in UnstableForms.Find(syntax, context.SemanticModel, context.CancellationToken))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnstableForm, form.Expression.GetLocation(), form.Expression.ToString(), form.Name, form.Replacement));
        }

        /// <summary>
        /// [Differentiable] is allowed by the compiler on local functions, operators, constructors and
        /// accessors, which the generator does not look at: say so instead of ignoring it.
        /// </summary>
        private static void AnalyzeOtherTarget(SyntaxNodeAnalysisContext context)
        {
            var node = context.Node;
            var lists = node switch
            {
                LocalFunctionStatementSyntax f => f.AttributeLists,
                BaseMethodDeclarationSyntax m => m.AttributeLists,
                AccessorDeclarationSyntax a => a.AttributeLists,
                _ => default,
            };
            if (lists.Count == 0) return;
            try
            {
                if (context.SemanticModel.GetDeclaredSymbol(node, context.CancellationToken) is not IMethodSymbol method) return;
                if (!HasDifferentiableAttribute(method, node)) return;
                var d = MethodParser.UnsupportedTarget(method, node);
                context.ReportDiagnostic(d.ToDiagnostic(node));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReportInternalError(context, node.GetLocation(), node.Kind().ToString(), e);
            }
        }

        /// <summary>
        /// The generator's trigger (<c>ForAttributeWithMetadataName</c>): the attribute is written on
        /// this declaration, not only on another part of a partial method.
        /// </summary>
        private static bool HasDifferentiableAttribute(IMethodSymbol method, SyntaxNode declaration)
            => method.GetAttributes().Any(a =>
                a.AttributeClass?.ToDisplayString() == MethodParser.DifferentiableAttributeName
                && a.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == declaration.SyntaxTree
                && declaration.Span.Contains(reference.Span));

        private static void ReportInternalError(SyntaxNodeAnalysisContext context, Location location, string method, Exception e)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, location, method, e.GetType().Name, e.Message));
    }
}
