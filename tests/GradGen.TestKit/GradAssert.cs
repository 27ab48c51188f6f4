using System;
using System.Globalization;
using Xunit;
using Xunit.Sdk;

namespace GradGen.TestKit
{
    /// <summary>Calls a generated <c>FGradient</c> on a flat point (scalars, or arrays flattened): writes the flat gradient into <c>grad</c>, returns F.</summary>
    public delegate double GradientFn(double[] x, double[] grad);

    /// <summary>Calls a generated <c>FPullback</c> on a flat point: adds seed·gradient to <c>grad</c>, returns F.</summary>
    public delegate double PullbackFn(double[] x, double seed, double[] grad);

    /// <summary>
    /// The checks every scalar [Differentiable] method goes through (<see cref="Verify"/>), on a flat
    /// view of its wrt inputs (the test's delegates pack the flat vector into the method's scalars or
    /// arrays and unpack the outputs), and small assertion helpers measured by
    /// <see cref="GradientCheck.RelativeError"/>, |a − b| / max(1, |a|, |b|).
    /// </summary>
    public static class GradAssert
    {
        /// <summary>Tolerance against a closed form.</summary>
        public const double ClosedFormTolerance = 1e-12;

        /// <summary>Tolerance against central differences (GradientCheck's step ∛ε·max(1, |x|)).</summary>
        public const double DifferenceTolerance = 1e-7;

        /// <summary>Seeded random points per method (the brief asks for at least 5).</summary>
        public const int Points = 6;

        /// <summary>
        /// At <paramref name="points"/> seeded random points from <paramref name="sample"/> (seeded
        /// from <paramref name="name"/>, so runs are reproducible):
        /// FGradient returns F exactly and overwrites outputs pre-filled with garbage (NaN and 1e300);
        /// the gradient matches <paramref name="closedForm"/> (when given) to 1e-12 and central
        /// differences of F to 1e-7; FPullback returns F exactly and adds seed·gradient to
        /// pre-filled outputs; FPullback with seed 0 changes nothing.
        /// </summary>
        public static void Verify(
            string name,
            Func<double[], double> f,
            GradientFn gradient,
            PullbackFn pullback,
            Func<double[], double[]>? closedForm,
            Func<Random, double[]> sample,
            int points = Points,
            double differenceTolerance = DifferenceTolerance)
        {
            var random = new Random(StableSeed(name));
            for (int p = 0; p < points; p++)
            {
                double[] x = sample(random);
                VerifyAt(name, f, gradient, pullback, closedForm, x, random, differenceTolerance);
            }
        }

        /// <summary>The checks of <see cref="Verify"/> at one point.</summary>
        public static void VerifyAt(
            string name,
            Func<double[], double> f,
            GradientFn gradient,
            PullbackFn pullback,
            Func<double[], double[]>? closedForm,
            double[] x,
            Random? random = null,
            double differenceTolerance = DifferenceTolerance)
        {
            random ??= new Random(StableSeed(name) ^ 0x5bd1e995);
            string at = name + " at " + Format(x);
            double[] original = (double[])x.Clone();
            double expectedValue = f((double[])x.Clone());

            double[] g = Garbage(x.Length);
            double value = gradient(x, g);
            Exactly(original, x, at + ": Gradient modified its input");
            Exactly(expectedValue, value, at + ": Gradient's value");
            for (int i = 0; i < g.Length; i++)
            {
                if (!double.IsFinite(g[i])) throw new XunitException($"{at}: grad[{i}] = {R(g[i])} (not overwritten, or not finite)");
            }

            if (closedForm is not null) Close(closedForm((double[])x.Clone()), g, ClosedFormTolerance, at + " vs closed form");

            Differences(f, x, g, at, differenceTolerance);

            double seed = Math.Round(random.NextDouble() * 4 - 2, 3);
            if (seed == 0) seed = 1.25;
            double[] before = Prefilled(random, x.Length);
            double[] acc = (double[])before.Clone();
            double pulled = pullback(x, seed, acc);
            Exactly(original, x, at + ": Pullback modified its input");
            Exactly(expectedValue, pulled, at + ": Pullback's value");
            double[] expectedAcc = new double[x.Length];
            for (int i = 0; i < x.Length; i++) expectedAcc[i] = before[i] + seed * g[i];
            Close(expectedAcc, acc, ClosedFormTolerance, at + $": Pullback(seed {R(seed)}) accumulation");

            double[] untouched = (double[])before.Clone();
            pullback(x, 0.0, untouched);
            Exactly(before, untouched, at + ": Pullback(seed 0) changed an output");
        }

        /// <summary>The gradient against central differences of f, to <paramref name="tolerance"/>.</summary>
        public static void Differences(Func<double[], double> f, double[] x, ReadOnlySpan<double> g, string what, double tolerance = DifferenceTolerance)
        {
            GradientCheckResult check = GradientCheck.Check(p => f((double[])p.Clone()), x, g, tolerance);
            if (!check.Passed) throw new XunitException(what + " vs central differences:\n" + check);
        }

        // ----- comparisons -----

        /// <summary>Bitwise-equal doubles (the generated code must compute the original value, not an approximation).</summary>
        public static void Exactly(double expected, double actual, string what)
        {
            if (expected.Equals(actual)) return;
            throw new XunitException($"{what}: expected exactly {R(expected)}, got {R(actual)}");
        }

        public static void Exactly(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++) Exactly(expected[i], actual[i], what + $" [component {i}]");
        }

        public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], tolerance, what + $" [component {i}]");
        }

        public static void Close(double expected, double actual, double tolerance = ClosedFormTolerance, string what = "value")
        {
            double error = GradientCheck.RelativeError(expected, actual);
            if (error <= tolerance) return;
            throw new XunitException($"{what}: expected {R(expected)}, got {R(actual)} (relative error {error:E2} > {tolerance:E0})");
        }

        public static void Close(double[,] expected, double[,] actual, double tolerance, string what)
        {
            JacobianCheckResult check = GradientCheck.CompareJacobian(expected, actual, tolerance);
            if (!check.Passed) throw new XunitException(what + ":\n" + check);
        }

        /// <summary>Absolute difference at most <paramref name="tolerance"/>, entry by entry.</summary>
        public static void AbsoluteClose(double[,] expected, double[,] actual, double tolerance, string what)
        {
            Assert.Equal(expected.GetLength(0), actual.GetLength(0));
            Assert.Equal(expected.GetLength(1), actual.GetLength(1));
            for (int i = 0; i < expected.GetLength(0); i++)
            {
                for (int j = 0; j < expected.GetLength(1); j++)
                {
                    double d = Math.Abs(expected[i, j] - actual[i, j]);
                    if (!(d <= tolerance))
                    {
                        throw new XunitException($"{what}: J[{i},{j}] expected {R(expected[i, j])}, got {R(actual[i, j])} (|difference| {d:E2} > {tolerance:E0})");
                    }
                }
            }
        }

        // ----- data -----

        /// <summary>NaN and 1e300 alternating: what a Gradient must overwrite.</summary>
        public static double[] Garbage(int n)
        {
            var g = new double[n];
            for (int i = 0; i < n; i++) g[i] = i % 2 == 0 ? double.NaN : 1e300;
            return g;
        }

        /// <summary>Round values in [−5, 5): what a Pullback must add to.</summary>
        public static double[] Prefilled(Random random, int n)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = Math.Round(random.NextDouble() * 10 - 5, 2);
            return v;
        }

        public static double[] Uniform(Random random, int n, double lo = -2, double hi = 2)
        {
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * random.NextDouble();
            return x;
        }

        /// <summary>n independent uniform values in [lo, hi).</summary>
        public static Func<Random, double[]> Uniform(int n, double lo = -2, double hi = 2) => r => Uniform(r, n, lo, hi);

        /// <summary>One uniform range per component.</summary>
        public static Func<Random, double[]> Box(params (double Lo, double Hi)[] ranges)
            => r =>
            {
                var x = new double[ranges.Length];
                for (int i = 0; i < ranges.Length; i++) x[i] = ranges[i].Lo + (ranges[i].Hi - ranges[i].Lo) * r.NextDouble();
                return x;
            };

        /// <summary>A sampler that redraws until <paramref name="accept"/> holds (to keep away from kinks).</summary>
        public static Func<Random, double[]> Where(this Func<Random, double[]> sample, Func<double[], bool> accept)
            => r =>
            {
                for (int attempt = 0; attempt < 100_000; attempt++)
                {
                    double[] x = sample(r);
                    if (accept(x)) return x;
                }
                throw new InvalidOperationException("the sampler rejected 100000 points");
            };

        public static double[,] Matrix(double[] flat, int offset, int rows, int cols)
        {
            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++) m[i, j] = flat[offset + i * cols + j];
            }
            return m;
        }

        public static double[][] Jagged(double[] flat, int offset, int[] lengths)
        {
            var m = new double[lengths.Length][];
            for (int i = 0; i < lengths.Length; i++)
            {
                m[i] = new double[lengths[i]];
                Array.Copy(flat, offset, m[i], 0, lengths[i]);
                offset += lengths[i];
            }
            return m;
        }

        public static double[] Slice(double[] flat, int offset, int length)
        {
            var v = new double[length];
            Array.Copy(flat, offset, v, 0, length);
            return v;
        }

        public static void Store(double[,] m, double[] flat, int offset)
        {
            int cols = m.GetLength(1);
            for (int i = 0; i < m.GetLength(0); i++)
            {
                for (int j = 0; j < cols; j++) flat[offset + i * cols + j] = m[i, j];
            }
        }

        public static void Store(double[][] m, double[] flat, int offset)
        {
            foreach (double[] row in m)
            {
                Array.Copy(row, 0, flat, offset, row.Length);
                offset += row.Length;
            }
        }

        public static double[,] Copy(double[,] m) => (double[,])m.Clone();

        public static double[][] Copy(double[][] m)
        {
            var c = new double[m.Length][];
            for (int i = 0; i < m.Length; i++) c[i] = (double[])m[i].Clone();
            return c;
        }

        public static double[,] RandomMatrix(Random random, int rows, int cols, double lo = -1, double hi = 1)
        {
            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++) m[i, j] = lo + (hi - lo) * random.NextDouble();
            }
            return m;
        }

        public static double[][] RandomJagged(Random random, int[] lengths, double lo = -1, double hi = 1)
        {
            var m = new double[lengths.Length][];
            for (int i = 0; i < lengths.Length; i++) m[i] = Uniform(random, lengths[i], lo, hi);
            return m;
        }

        public static double Sigma(double z) => 1.0 / (1.0 + Math.Exp(-z));

        /// <summary>A seed that is the same in every run (string.GetHashCode is randomized per process).</summary>
        public static int StableSeed(string name)
        {
            unchecked
            {
                uint h = 2166136261;
                foreach (char c in name) h = (h ^ c) * 16777619;
                return (int)(h & 0x7fffffff);
            }
        }

        public static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        public static string Format(ReadOnlySpan<double> x)
        {
            var parts = new string[x.Length];
            for (int i = 0; i < x.Length; i++) parts[i] = R(x[i]);
            return "(" + string.Join(", ", parts) + ")";
        }
    }
}
