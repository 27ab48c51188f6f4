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
    /// Randomized differential test of the array constructs (RandomArrayProgramGenerator): local arrays
    /// and stackalloc scratch made per data point, foreach/row aliases over double[][], calls to
    /// [Differentiable] helpers taking arrays (LogSumExp over a reused scratch, a vector-valued Map
    /// into a Span, a Dot over aliases), <c>q[k++] = …</c>, while/do-while, switch on a loop index and
    /// double[,] reads. All programs are compiled in one in-memory compilation with the generator;
    /// FGradient and FPullback are compared at random shapes and points with an exact forward-mode twin
    /// (1e-10 relative), and with Richardson-extrapolated central differences of F (1e-6) wherever F is
    /// smooth within the step, so that a bug both modes share cannot hide. A failing program is shrunk
    /// (ProgramReducer) and the smallest failing source printed. GRADGEN_FUZZ_PROGRAMS=N runs N programs,
    /// GRADGEN_FUZZ_SEED=S starts at seed S.
    /// </summary>
    public class RandomArrayProgramTests
    {
        private const int DefaultPrograms = 100;
        private const int PointsPerProgram = 3;
        private const int BatchSize = 60;
        private const double Tolerance = 1e-10;
        private const double DifferenceTolerance = 1e-6;

        private readonly ITestOutputHelper _output;

        public RandomArrayProgramTests(ITestOutputHelper output) => _output = output;

        private sealed record Program(int Seed, string Template) : IFuzzProgram
        {
            public string Source => RandomArrayProgramSource.UnderTest(Template);

            public string Class => RandomArrayProgramSource.Class(Seed, Template);

            public string Shown => Source;
        }

        [Fact]
        public void RandomArrayPrograms_generated_gradients_match_forward_mode()
        {
            FuzzDriver.Run(_output, "array programs", DefaultPrograms, BatchSize, seed => new Program(seed, RandomArrayProgramGenerator.Generate(seed)), RandomArrayProgramSource.Unit, Check, Minimize);
        }

        // Not rounded: a tie such as Max(w[0], w[1]) with equal values is a kink, where central
        // differences average the two sides and differentiation picks one.
        private static double R(Random rng) => rng.NextDouble() * 3 - 1.5;

        /// <summary>The smallest program the reducer finds that still gets a wrong gradient.</summary>
        private static string Minimize(Program failing)
        {
            string reduced = ProgramReducer.Reduce(failing.Template, template =>
            {
                var candidate = new Program(failing.Seed, template);
                var outcome = InMemoryGenerator.Run(RandomArrayProgramSource.Unit(candidate.Class));
                int points = 0, skipped = 0;
                return outcome.Assembly is not null && Check(candidate, outcome.Assembly, ref points, ref skipped) is not null;
            });
            return RandomArrayProgramSource.UnderTest(reduced);
        }

        private static string? Check(Program program, Assembly assembly, ref int points, ref int skipped)
        {
            string type = RandomArrayProgramSource.Namespace + "." + RandomArrayProgramSource.ClassName(program.Seed);
            var rng = new Random(program.Seed * 7919 + 23);
            for (int point = 0; point < PointsPerProgram; point++)
            {
                int n = 2 + rng.Next(3), count = 2 + rng.Next(3), rows = 1 + rng.Next(3), cols = 1 + rng.Next(3);
                double a = R(rng), b = R(rng);
                double[] w = Enumerable.Range(0, n).Select(_ => R(rng)).ToArray();
                double[][] xs = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, n).Select(_ => R(rng)).ToArray()).ToArray();
                double[][] cs = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, n).Select(_ => R(rng)).ToArray()).ToArray();
                var m = new double[rows, cols];
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < cols; j++)
                    {
                        m[i, j] = R(rng);
                    }
                }

                double seed = Math.Round(rng.NextDouble() * 2 + 0.5, 2);
                double startValue = 0.25;
                object?[] Args() => new object?[] { a, b, w, xs, cs, m };

                double[] fwd, rev, pull;
                double plain;
                try
                {
                    fwd = (double[])InMemoryGenerator.Call(assembly, type, "Fwd", Args())!;
                    plain = (double)InMemoryGenerator.Call(assembly, type, "Plain", Args())!;
                    rev = (double[])InMemoryGenerator.Call(assembly, type, "Rev", Args())!;
                    pull = (double[])InMemoryGenerator.Call(assembly, type, "Pull", Args().Concat(new object?[] { seed, startValue }).ToArray())!;
                }
                catch (TargetInvocationException e)
                {
                    return Describe(program, a, b, w, xs, cs, m, $"threw {e.InnerException}");
                }

                if (fwd.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e100))
                {
                    skipped++;
                    continue;
                }

                points++;
                var names = new List<string> { "value", "a", "b" };
                names.AddRange(Enumerable.Range(0, n).Select(j => $"w[{j}]"));
                for (int i = 0; i < count; i++)
                {
                    names.AddRange(Enumerable.Range(0, n).Select(j => $"xs[{i}][{j}]"));
                }

                for (int i = 0; i < rows; i++)
                {
                    names.AddRange(Enumerable.Range(0, cols).Select(j => $"m[{i}, {j}]"));
                }

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
                    if (!FuzzDriver.Same(rev[k], fwd[k], Tolerance * scale))
                    {
                        problems.Add($"FGradient d/d{names[k]} = {rev[k]:R}, forward mode = {fwd[k]:R}");
                    }

                    double expected = startValue + seed * fwd[k];
                    if (!FuzzDriver.Same(pull[k], expected, Tolerance * (1 + seed * scale)))
                    {
                        problems.Add($"FPullback(seed {seed}) d/d{names[k]} = {pull[k]:R}, expected {startValue} + seed * {fwd[k]:R} = {expected:R}");
                    }
                }

                if (problems.Count == 0)
                {
                    // The second oracle, independent of both modes of differentiation: Richardson-extrapolated
                    // central differences of F itself, where F is smooth within the step.
                    double[] flat = Flatten(a, b, w, xs, m);
                    double Plain(double[] v)
                    {
                        var (pa, pb, pw, pxs, pm) = Unflatten(v, n, count, rows, cols);
                        return (double)InMemoryGenerator.Call(assembly, type, "Plain", new object?[] { pa, pb, pw, pxs, cs, pm })!;
                    }

                    double[] numeric = GradientCheck.RichardsonDifferences(Plain, flat, out double[] errors);
                    for (int k = 1; k < fwd.Length; k++)
                    {
                        double g = fwd[k], d = numeric[k - 1];
                        if (!double.IsFinite(d) || errors[k - 1] > DifferenceTolerance * (1 + Math.Abs(d)))
                        {
                            continue;   // not smooth within the step (a kink of Max/Min) or overflowing: no verdict
                        }

                        // A disagreement counts beyond the tolerance plus the oracle's own error estimate
                        // (a fast-oscillating F, e.g. sin of a large argument, leaves the steps some error).
                        if (Math.Abs(g - d) > DifferenceTolerance * (1 + Math.Abs(g) + Math.Abs(plain)) + errors[k - 1])
                        {
                            problems.Add($"d/d{names[k]}: forward mode and FGradient agree on {g:R}, Richardson central differences give {d:R}");
                        }
                    }
                }

                if (problems.Count > 0)
                {
                    return Describe(program, a, b, w, xs, cs, m, string.Join("\n  ", problems.Take(8)) + (problems.Count > 8 ? $"\n  … {problems.Count - 8} more" : ""));
                }
            }

            return null;
        }

        private static double[] Flatten(double a, double b, double[] w, double[][] xs, double[,] m)
        {
            var flat = new List<double> { a, b };
            flat.AddRange(w);
            foreach (var row in xs)
            {
                flat.AddRange(row);
            }

            flat.AddRange(m.Cast<double>());
            return flat.ToArray();
        }

        private static (double A, double B, double[] W, double[][] Xs, double[,] M) Unflatten(double[] v, int n, int count, int rows, int cols)
        {
            int at = 2;
            double[] w = v.Skip(at).Take(n).ToArray();
            at += n;
            var xs = new double[count][];
            for (int i = 0; i < count; i++, at += n)
            {
                xs[i] = v.Skip(at).Take(n).ToArray();
            }

            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    m[i, j] = v[at++];
                }
            }

            return (v[0], v[1], w, xs, m);
        }

        private static string Describe(Program program, double a, double b, double[] w, double[][] xs, double[][] cs, double[,] m, string problem)
        {
            static string V(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            static string Arr(double[] v) => "new[] { " + string.Join(", ", v.Select(V)) + " }";
            static string Jag(double[][] v) => "new[] { " + string.Join(", ", v.Select(Arr)) + " }";
            string mat = "new double[,] { " + string.Join(", ", Enumerable.Range(0, m.GetLength(0))
                .Select(i => "{ " + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(j => V(m[i, j]))) + " }")) + " }";
            string args = $"{V(a)}, {V(b)}, {Arr(w)}, {Jag(xs)}, {Jag(cs)}, {mat}";
            return $"seed {program.Seed}: at F({args}):\n  {problem}\nProgram:\n{program.Source}";
        }

    }
}
