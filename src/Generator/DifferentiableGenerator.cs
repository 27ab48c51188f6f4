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
    /// <summary>What the pipeline produces for one method: a file, or the diagnostics that replace it.</summary>
    public sealed record GeneratedFile(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>The hint name with the namespace in front, used when two files would share <see cref="HintName"/>.</summary>
        public string QualifiedHintName { get; init; } = HintName;
    }

    /// <summary>
    /// The incremental pipeline: [Differentiable] methods → parse (IR, equatable) → differentiate and
    /// emit → source. Every stage's output is plain data, so an edit elsewhere regenerates nothing.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DifferentiableGenerator : IIncrementalGenerator
    {
        public const string ParseStep = "Parse";
        public const string GenerateStep = "Generate";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsed = context.SyntaxProvider.ForAttributeWithMetadataName(
                    MethodParser.DifferentiableAttributeName,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (ctx, ct) => SafeParse((IMethodSymbol)ctx.TargetSymbol, (MethodDeclarationSyntax)ctx.TargetNode, ctx.SemanticModel, ct))
                .WithTrackingName(ParseStep);

            var files = parsed.Select(static (result, _) => Generate(result)).WithTrackingName(GenerateStep);

            // Collected so that two methods whose files would share a name (the same type and method
            // name in two namespaces) both get one: the second is qualified with its namespace.
            // The compilation only maps diagnostics back onto its syntax trees (squiggles, code fixes).
            context.RegisterSourceOutput(files.Collect().Combine(context.CompilationProvider), static (spc, input) =>
            {
                var (all, compilation) = input;
                var used = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var file in all)
                {
                    foreach (var d in file.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic(compilation, null));
                    if (file.Source is null) continue;
                    string hint = file.HintName;
                    if (!used.Add(hint))
                    {
                        hint = file.QualifiedHintName;
                        for (int k = 2; !used.Add(hint); k++) hint = file.QualifiedHintName.Replace(".g.cs", "." + k + ".g.cs");
                    }
                    spc.AddSource(hint, file.Source);
                }
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
                return new ParseResult(null, EquatableArray.Create(InternalError(LocationInfo.From(syntax.Identifier.GetLocation()), method.Name, e)), method.Name);
            }
        }

        internal static GeneratedFile Generate(ParseResult parsed)
        {
            var spec = parsed.Spec;
            if (spec is null) return new GeneratedFile("", null, parsed.Diagnostics);
            try
            {
                FaultInjection.ThrowIfRequested(spec.Name);
                var result = Differentiator.Differentiate(spec);
                var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>(parsed.Diagnostics);
                diagnostics.AddRange(result.Diagnostics);
                string? source = result.Plan is null ? null : SourceEmitter.Emit(spec, result.Plan);
                return new GeneratedFile(spec.HintName, source, diagnostics.ToEquatableArray())
                {
                    QualifiedHintName = spec.Namespace is null ? spec.HintName : spec.Namespace + "." + spec.HintName,
                };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new GeneratedFile(spec.HintName, null, EquatableArray.Create(InternalError(spec.Location, spec.Name, e)));
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
