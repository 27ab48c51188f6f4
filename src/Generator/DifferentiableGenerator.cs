using System;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Differentiate;
using GradGen.Generator.Emit;
using GradGen.Generator.Model;
using GradGen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator
{
    /// <summary>
    /// What the pipeline produces for one method: a file, or no file and the diagnostics that say why
    /// (reported by <see cref="Analyzer.DifferentiableAnalyzer"/>, not by the generator).
    /// </summary>
    public sealed record GeneratedFile(string Key, string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>The hint name with the namespace in front, used when two files would share <see cref="HintName"/>.</summary>
        public string QualifiedHintName { get; init; } = HintName;

        /// <summary>The [Differentiable] methods of this compilation whose Pullbacks the file calls.</summary>
        public EquatableArray<string> Callees { get; init; } = EquatableArray<string>.Empty;
    }

    /// <summary>
    /// The incremental pipeline: [Differentiable] methods → <see cref="ParseStep"/> (IR, equatable,
    /// locations relative to the method) → <see cref="GenerateStep"/> (differentiate and emit, per
    /// method) → <see cref="PlanStep"/> (the few facts that need every method: which hint names
    /// collide, which methods call a method that failed) → <see cref="OutputStep"/> → one source per
    /// method. No step reads the Compilation, so an edit elsewhere leaves every step cached, and an
    /// edit in one method re-adds that method's file only. The generator reports no diagnostic: the
    /// analyzer reports each one once, live in the IDE and in the build (docs/architecture.md).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DifferentiableGenerator : IIncrementalGenerator
    {
        public const string ParseStep = "Parse";
        public const string GenerateStep = "Generate";
        public const string PlanStep = "Plan";
        public const string OutputStep = "Output";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsed = context.SyntaxProvider.ForAttributeWithMetadataName(
                    MethodParser.DifferentiableAttributeName,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (ctx, ct) => SafeParse((IMethodSymbol)ctx.TargetSymbol, (MethodDeclarationSyntax)ctx.TargetNode, ctx.SemanticModel, ct))
                .WithTrackingName(ParseStep);

            var files = parsed.Select(static (result, _) => Generate(result)).WithTrackingName(GenerateStep);

            var plan = files.Select(static (file, _) => OutputPlan.Summarize(file))
                .Collect()
                .Select(static (all, _) => OutputPlan.Create(all))
                .WithTrackingName(PlanStep);

            var outputs = files.Combine(plan)
                .Select(static (pair, _) => pair.Right.Resolve(pair.Left))
                .WithTrackingName(OutputStep);

            context.RegisterSourceOutput(outputs, static (spc, output) =>
            {
                if (output.Source is not null) spc.AddSource(output.HintName, output.Source);
            });
        }

        /// <summary>Parse with every failure turned into GG9999 on the method, so the compiler never sees an exception.</summary>
        internal static ParseResult SafeParse(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, System.Threading.CancellationToken ct)
        {
            try
            {
                return MethodParser.Parse(method, syntax, model, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new ParseResult(null, EquatableArray.Create(InternalError(LocationInfo.From(syntax.Identifier.GetLocation(), syntax), method.Name, e)), method.Name);
            }
        }

        /// <summary>The generator's stage: differentiate and emit.</summary>
        internal static GeneratedFile Generate(ParseResult parsed) => Run(parsed, emit: true);

        /// <summary>The analyzer's stage: every diagnostic <see cref="Generate"/> would meet, without writing the file.</summary>
        internal static GeneratedFile Check(ParseResult parsed) => Run(parsed, emit: false);

        private static GeneratedFile Run(ParseResult parsed, bool emit)
        {
            var spec = parsed.Spec;
            if (spec is null) return new GeneratedFile("", "", null, parsed.Diagnostics);
            try
            {
                FaultInjection.ThrowIfRequested(spec.Name);
                var result = Differentiator.Differentiate(spec);
                var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>(parsed.Diagnostics);
                diagnostics.AddRange(result.Diagnostics);
                string? source = result.Plan is null || !emit ? null : SourceEmitter.Emit(spec, result.Plan);
                return new GeneratedFile(spec.Key, spec.HintName, source, diagnostics.ToEquatableArray())
                {
                    QualifiedHintName = spec.Namespace is null ? spec.HintName : spec.Namespace.Replace("@", "") + "." + spec.HintName,
                    Callees = spec.Callees,
                };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new GeneratedFile(spec.Key, spec.HintName, null, EquatableArray.Create(InternalError(spec.Location, spec.Name, e)));
            }
        }

        internal static DiagnosticInfo InternalError(LocationInfo? location, string method, Exception e)
            => DiagnosticInfo.Create(Descriptors.InternalError, location, method, e.GetType().Name, e.Message);
    }

    /// <summary>
    /// Test hook: a method whose name ends in this marker makes the generator throw, proving that a
    /// fault in one method becomes GG9999 and leaves the others generated.
    /// </summary>
    internal static class FaultInjection
    {
        public const string Marker = "__GradGenInjectFault";

        public static void ThrowIfRequested(string method)
        {
            if (method.EndsWith(Marker, StringComparison.Ordinal))
                throw new InvalidOperationException("fault injected for testing");
        }
    }
}
