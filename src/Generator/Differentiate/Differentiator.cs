using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>The differentiated method, ready to emit, or the diagnostics that stop it.</summary>
    internal sealed class DifferentiationResult
    {
        public DifferentiationResult(GradientPlan? plan, List<DiagnosticInfo> diagnostics)
        {
            Plan = plan;
            Diagnostics = diagnostics;
        }

        public GradientPlan? Plan { get; }

        public List<DiagnosticInfo> Diagnostics { get; }
    }

    /// <summary>
    /// Differentiate stage: exits rewritten, activity, the checks that need it, kept call results,
    /// then the two sweeps.
    /// </summary>
    internal static class Differentiator
    {
        public static DifferentiationResult Differentiate(MethodSpec spec, bool checkOnly = false)
        {
            var names = new NameAllocator(spec.ReservedNames.Concat(spec.Parameters.Select(p => p.Name)));
            foreach (var p in spec.Parameters.Where(p => p.IsWrt)) names.Reserve(ReverseBuilder.GradName(p.Name));
            names.Reserve("seed");

            string? result = spec.IsVectorValued ? null : names.Fresh("result");
            var body = ExitRewriter.Rewrite(spec.Body, names, result, spec.ReturnType);
            var wrt = spec.Parameters.Where(p => p.IsWrt).Select(p => p.Name);
            var results = spec.IsVectorValued ? spec.Parameters.Where(p => p.IsOutput).Select(p => p.Name) : new[] { result! };
            var activity = Activity.Analyze(wrt, results, body);

            var diagnostics = Validation.Check(body, activity);
            if (checkOnly || diagnostics.Any(d => d.IsError)) return new DifferentiationResult(null, diagnostics);

            if (spec.IsVectorValued)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotYetSupported, spec.Location, spec.Name, "vector-valued methods are not supported yet"));
                return new DifferentiationResult(null, diagnostics);
            }

            body = CallTemps.Introduce(body, activity, names);
            var (plan, errors) = ReverseBuilder.Build(spec, activity, names, body, result);
            foreach (var error in errors)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotYetSupported, spec.Location, spec.Name, error));
            return new DifferentiationResult(errors.Count == 0 ? plan : null, diagnostics);
        }
    }
}
