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
            foreach (var p in spec.Parameters.Where(p => p.IsOutput)) names.Reserve(SeedName(p.Name));

            string? result = spec.IsVectorValued ? null : names.Fresh("result");
            var body = ExitRewriter.Rewrite(RenameLocalsNamedLikeOutputs(spec, names), names, result, spec.ReturnType);
            body = AliasInlining.Inline(body, spec.Parameters.Select(p => p.Name).ToList());
            body = ArrayHoisting.Hoist(body, spec.Parameters.Select(p => p.Name).ToList());
            var wrt = spec.Parameters.Where(p => p.IsWrt).Select(p => p.Name);
            var results = spec.IsVectorValued ? spec.Parameters.Where(p => p.IsOutput).Select(p => p.Name) : new[] { result! };
            var activity = Activity.Analyze(wrt, results, body);

            var diagnostics = Validation.Check(body, activity, spec.Location);
            diagnostics.AddRange(CheckGeneratedNames(spec));
            if (checkOnly || diagnostics.Any(d => d.IsError)) return new DifferentiationResult(null, diagnostics);

            body = CallTemps.Introduce(body, activity, names);
            var (plan, errors) = ReverseBuilder.Build(spec, activity, names, body, result);
            foreach (var (message, location) in errors)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotYetSupported, location ?? spec.Location, spec.Name, message));
            return new DifferentiationResult(errors.Count == 0 ? plan : null, diagnostics);
        }

        /// <summary>A local may not share a name with a parameter the generated methods add (gradX, seed…): rename it.</summary>
        private static IReadOnlyList<Stmt> RenameLocalsNamedLikeOutputs(MethodSpec spec, NameAllocator names)
        {
            var generated = new HashSet<string> { "seed", "jacobian" };
            foreach (var p in spec.Parameters)
            {
                if (p.IsWrt) generated.Add(ReverseBuilder.GradName(p.Name));
                if (p.IsOutput) generated.Add(SeedName(p.Name));
            }
            var map = new Dictionary<string, string>();
            foreach (var s in IrWalker.AllStatements(spec.Body))
            {
                if (s is LocalDecl d && generated.Contains(d.Name) && !map.ContainsKey(d.Name))
                    map[d.Name] = names.Fresh(d.Name + "Local");
            }
            return map.Count == 0 ? (IReadOnlyList<Stmt>)spec.Body : IrRenamer.Rename(spec.Body, map);
        }

        /// <summary>The generated methods add parameters (gradW, seed, seedY, jacobian): none may repeat a name.</summary>
        private static IEnumerable<DiagnosticInfo> CheckGeneratedNames(MethodSpec spec)
        {
            var taken = new Dictionary<string, string>();
            foreach (var p in spec.Parameters) taken[p.Name] = "the parameter '" + p.Name + "'";
            var added = new List<(string Name, string Owner)>();
            if (spec.IsVectorValued)
            {
                foreach (var p in spec.Parameters.Where(p => p.IsOutput)) added.Add((SeedName(p.Name), p.Name));
                if (HasJacobian(spec)) added.Add(("jacobian", ""));
            }
            else
            {
                added.Add(("seed", ""));
            }
            foreach (var p in spec.Parameters.Where(p => p.IsWrt)) added.Add((ReverseBuilder.GradName(p.Name), p.Name));
            foreach (var (name, owner) in added)
            {
                if (taken.TryGetValue(name, out var other))
                {
                    string rename = owner.Length > 0 ? owner : other.Substring(other.IndexOf('\'') + 1).TrimEnd('\'');
                    yield return DiagnosticInfo.Create(Descriptors.OutputNameCollision, spec.Location, name, spec.Name, other, rename);
                }
                else
                {
                    taken[name] = owner.Length > 0 ? "the generated parameter for '" + owner + "'" : "a generated parameter";
                }
            }
        }

        /// <summary>"y" → "seedY": the seed of a vector-valued method's output.</summary>
        internal static string SeedName(string output) => "seed" + NameAllocator.Capitalize(output);

        /// <summary>FJacobian exists for one wrt input vector and one output vector.</summary>
        internal static bool HasJacobian(MethodSpec spec)
        {
            var wrt = spec.Parameters.Where(p => p.IsWrt).ToList();
            return spec.IsVectorValued && wrt.Count == 1 && (wrt[0].Type.Shape == Shape.Array || wrt[0].Type.Shape == Shape.Span || wrt[0].Type.Shape == Shape.ReadOnlySpan)
                && spec.Parameters.Count(p => p.IsOutput) == 1;
        }
    }
}
