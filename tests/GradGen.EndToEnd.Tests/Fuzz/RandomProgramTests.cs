using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using GradGen.EndToEnd.Tests.Fuzz;
using GradGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Randomized differential test: random valid [Differentiable] methods (RandomProgramGenerator),
    /// all compiled in one in-memory compilation with the generator under test, and at several random
    /// points FGradient and FPullback are compared with an exact forward-mode twin of the same
    /// statements on duals (1e-10 relative), and with Richardson-extrapolated central differences of F
    /// (1e-6) where F is smooth within the step; a failing program is shrunk and printed. Fixed seeds; GRADGEN_FUZZ_PROGRAMS=N runs N programs
    /// (soak), GRADGEN_FUZZ_SEED=S starts at seed S (reproduce one program with N=1).
    /// </summary>
    public class RandomProgramTests
    {
        private const int DefaultPrograms = 200;
        private const int PointsPerProgram = 4;
        private const int BatchSize = 100;
        private const double Tolerance = 1e-10;
        private const double DifferenceTolerance = 1e-6;

        private readonly ITestOutputHelper _output;

        public RandomProgramTests(ITestOutputHelper output) => _output = output;

        private sealed record Program(int Seed, string Template, int Scalars) : IFuzzProgram
        {
            public string Method => RandomProgramSource.Method(Template, Scalars);

            public string Class => RandomProgramSource.Class(Seed, Template, Scalars);

            public string Shown => Method;
        }

        [Fact]
        public void RandomPrograms_generated_gradients_match_forward_mode()
        {
            FuzzDriver.Run(_output, "programs", DefaultPrograms, BatchSize, Create, RandomProgramSource.Unit, Check, Minimize);
        }

        /// <summary>The smallest program the reducer finds that still gets a wrong gradient.</summary>
        private static string Minimize(Program failing)
        {
            string reduced = ProgramReducer.Reduce(failing.Template, template =>
            {
                var candidate = failing with { Template = template };
                var outcome = InMemoryGenerator.Run(RandomProgramSource.Unit(candidate.Class));
                int points = 0, skipped = 0;
                return outcome.Assembly is not null && Check(candidate, outcome.Assembly, ref points, ref skipped) is not null;
            });
            return (failing with { Template = reduced }).Method;
        }

        // Not rounded: a tie such as Max(a, b) with a == b is a kink, where central differences
        // average the two sides and differentiation picks one.
        private static double R(Random rng) => rng.NextDouble() * 3 - 1.5;

        private static Program Create(int seed)
        {
            var (template, scalars) = RandomProgramGenerator.Generate(seed);
            return new Program(seed, template, scalars);
        }

        private static string? Check(Program program, Assembly assembly, ref int points, ref int skipped)
        {
            string type = RandomProgramSource.Namespace + "." + RandomProgramSource.ClassName(program.Seed);
            var rng = new Random(program.Seed * 7919 + 17);
            for (int point = 0; point < PointsPerProgram; point++)
            {
                var p = Enumerable.Range(0, program.Scalars).Select(_ => R(rng)).ToArray();
                var x = Enumerable.Range(0, 3 + rng.Next(4)).Select(_ => R(rng)).ToArray();
                double seed = Math.Round(rng.NextDouble() * 2 + 0.5, 2);
                double startValue = 0.25;

                double[] fwd, rev, pull;
                double plain;
                try
                {
                    fwd = (double[])InMemoryGenerator.Call(assembly, type, "Fwd", new object?[] { p, x })!;
                    plain = (double)InMemoryGenerator.Call(assembly, type, "Plain", new object?[] { p, x })!;
                    rev = (double[])InMemoryGenerator.Call(assembly, type, "Rev", new object?[] { p, x })!;
                    pull = (double[])InMemoryGenerator.Call(assembly, type, "Pull", new object?[] { p, x, seed, startValue })!;
                }
                catch (TargetInvocationException e)
                {
                    return Describe(program, p, x, $"threw {e.InnerException}");
                }

                if (fwd.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e100))
                {
                    skipped++;
                    continue;
                }

                points++;
                double scale = 1 + fwd.Skip(1).Select(Math.Abs).DefaultIfEmpty(0).Max();
                var problems = new List<string>();
                if (!FuzzDriver.Same(plain, fwd[0], Tolerance * (1 + Math.Abs(plain))))
                {
                    problems.Add($"twin value {fwd[0]:R} vs F {plain:R} (harness problem?)");
                }

                if (!FuzzDriver.Same(rev[0], plain, Tolerance * (1 + Math.Abs(plain))))
                {
                    problems.Add($"FGradient returned {rev[0]:R}, F returns {plain:R}");
                }

                if (!FuzzDriver.Same(pull[0], plain, Tolerance * (1 + Math.Abs(plain))))
                {
                    problems.Add($"FPullback returned {pull[0]:R}, F returns {plain:R}");
                }

                for (int k = 1; k < fwd.Length; k++)
                {
                    string name = k <= program.Scalars ? ((char)('a' + k - 1)).ToString() : $"x[{k - 1 - program.Scalars}]";
                    if (!FuzzDriver.Same(rev[k], fwd[k], Tolerance * scale))
                    {
                        problems.Add($"FGradient d/d{name} = {rev[k]:R}, forward mode = {fwd[k]:R}");
                    }

                    double expected = startValue + seed * fwd[k];
                    if (!FuzzDriver.Same(pull[k], expected, Tolerance * (1 + seed * scale)))
                    {
                        problems.Add($"FPullback(seed {seed}) d/d{name} = {pull[k]:R}, expected {startValue} + seed * {fwd[k]:R} = {expected:R}");
                    }
                }

                if (problems.Count == 0)
                {
                    // The second oracle: Richardson-extrapolated central differences of F, where F is smooth within the step.
                    int scalars = program.Scalars;
                    double Plain(double[] v) => (double)InMemoryGenerator.Call(assembly, type, "Plain", new object?[] { v.Take(scalars).ToArray(), v.Skip(scalars).ToArray() })!;
                    double[] numeric = GradientCheck.RichardsonDifferences(Plain, p.Concat(x).ToArray(), out double[] errors);
                    for (int k = 1; k < fwd.Length; k++)
                    {
                        double g = fwd[k], d = numeric[k - 1];
                        if (!double.IsFinite(d) || errors[k - 1] > DifferenceTolerance * (1 + Math.Abs(d)))
                        {
                            continue;   // not smooth within the step (a kink, a jump of a cut-off) or overflowing: no verdict
                        }

                        // A disagreement counts beyond the tolerance plus the oracle's own error estimate
                        // (a fast-oscillating F, e.g. sin of a large argument, leaves the steps some error).
                        if (Math.Abs(g - d) > DifferenceTolerance * (1 + Math.Abs(g) + Math.Abs(plain)) + errors[k - 1])
                        {
                            string name = k <= scalars ? ((char)('a' + k - 1)).ToString() : $"x[{k - 1 - scalars}]";
                            problems.Add($"d/d{name}: forward mode and FGradient agree on {g:R}, Richardson central differences give {d:R}");
                        }
                    }
                }

                if (problems.Count > 0)
                {
                    return Describe(program, p, x, string.Join("\n  ", problems));
                }
            }

            return null;
        }

        private static string Describe(Program program, double[] p, double[] x, string problem)
        {
            string args = string.Join(", ", p.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
                + ", new[] { " + string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + " }";
            return $"seed {program.Seed}: at F({args}):\n  {problem}\nProgram:\n{program.Method}";
        }

    }
}
