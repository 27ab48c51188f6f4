using System;
using System.Globalization;
using Xunit;
using Xunit.Sdk;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>Calls a generated <c>FGradient</c>: writes ∂F/∂pᵢ into <c>grad[i]</c> (via <c>out grad[i]</c>), returns F.</summary>
    internal delegate double GradientFn(double[] x, double[] grad);

    /// <summary>Calls a generated <c>FPullback</c>: adds seed·∂F/∂pᵢ to <c>grad[i]</c> (via <c>ref grad[i]</c>), returns F.</summary>
    internal delegate double PullbackFn(double[] x, double seed, double[] grad);

    /// <summary>
    /// The checks every scalar [Differentiable] method goes through (see <see cref="Verify"/>), and
    /// small assertion helpers measured by <see cref="GradientCheck.RelativeError"/>,
    /// |a − b| / max(1, |a|, |b|).
    /// </summary>
    internal static class GradAssert
    {
        /// <summary>Tolerance against a closed form written by hand.</summary>
        public const double ClosedFormTolerance = 1e-12;

        /// <summary>Tolerance against central differences (GradientCheck's step ∛ε·max(1, |x|)).</summary>
        public const double DifferenceTolerance = 1e-7;

        /// <summary>How many seeded random points each method is checked at.</summary>
        public const int Points = 6;

        /// <summary>
        /// Checks a scalar method F of n scalar arguments at <see cref="Points"/> seeded random points
        /// drawn by <paramref name="sample"/> (seeded from <paramref name="name"/>, so runs are
        /// reproducible):
        /// <list type="bullet">
        /// <item>FGradient returns F(x) exactly and overwrites outputs pre-filled with garbage;</item>
        /// <item>the gradient matches <paramref name="closedForm"/> (when given) to 1e-12;</item>
        /// <item>the gradient matches central differences of F to 1e-7;</item>
        /// <item>FPullback returns F(x) exactly and adds seed·gradient to pre-filled outputs.</item>
        /// </list>
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

        /// <summary>The checks of <see cref="Verify"/> at one given point.</summary>
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
            double expectedValue = f((double[])x.Clone());

            // FGradient: exact value, every output overwritten (garbage and NaN both replaced).
            double[] g = new double[x.Length];
            for (int i = 0; i < g.Length; i++) g[i] = i % 2 == 0 ? double.NaN : 1e300;
            double value = gradient((double[])x.Clone(), g);
            ExactlyEqual(expectedValue, value, at + ": Gradient's value");
            for (int i = 0; i < g.Length; i++)
            {
                if (!double.IsFinite(g[i])) throw new XunitException($"{at}: grad[{i}] = {g[i]} (not overwritten or not finite)");
            }

            // Closed form.
            if (closedForm is not null)
            {
                double[] expected = closedForm((double[])x.Clone());
                Close(expected, g, ClosedFormTolerance, at + " vs closed form");
            }

            // Central differences.
            var check = GradientCheck.Check(f, x, g, differenceTolerance);
            if (!check.Passed) throw new XunitException(at + " vs central differences:\n" + check);

            // FPullback: exact value, accumulates seed·gradient into pre-filled outputs.
            double seed = Math.Round(random.NextDouble() * 4 - 2, 3);
            if (seed == 0) seed = 1.25;
            double[] before = new double[x.Length];
            for (int i = 0; i < before.Length; i++) before[i] = Math.Round(random.NextDouble() * 10 - 5, 2);
            double[] acc = (double[])before.Clone();
            double pulled = pullback((double[])x.Clone(), seed, acc);
            ExactlyEqual(expectedValue, pulled, at + ": Pullback's value");
            double[] expectedAcc = new double[x.Length];
            for (int i = 0; i < x.Length; i++) expectedAcc[i] = before[i] + seed * g[i];
            Close(expectedAcc, acc, ClosedFormTolerance, at + $": Pullback(seed {seed}) accumulation");

            // Seed 0 adds nothing.
            double[] untouched = (double[])before.Clone();
            pullback((double[])x.Clone(), 0.0, untouched);
            for (int i = 0; i < x.Length; i++) ExactlyEqual(before[i], untouched[i], at + $": Pullback(seed 0) changed grad[{i}]");
        }

        /// <summary>Bitwise-equal doubles (the generated code must compute the original value, not an approximation).</summary>
        public static void ExactlyEqual(double expected, double actual, string what)
        {
            if (expected.Equals(actual)) return;
            throw new XunitException($"{what}: expected exactly {R(expected)}, got {R(actual)}");
        }

        /// <summary>Component-wise <see cref="GradientCheck.RelativeError"/> at most <paramref name="tolerance"/>.</summary>
        public static void Close(double[] expected, double[] actual, double tolerance, string what)
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

        // ----- samplers -----

        /// <summary>n independent uniform values in [lo, hi).</summary>
        public static Func<Random, double[]> Uniform(int n, double lo = -2, double hi = 2)
            => r =>
            {
                var x = new double[n];
                for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * r.NextDouble();
                return x;
            };

        /// <summary>One uniform range per component.</summary>
        public static Func<Random, double[]> Box(params (double Lo, double Hi)[] ranges)
            => r =>
            {
                var x = new double[ranges.Length];
                for (int i = 0; i < ranges.Length; i++) x[i] = ranges[i].Lo + (ranges[i].Hi - ranges[i].Lo) * r.NextDouble();
                return x;
            };

        /// <summary>A sampler that redraws until <paramref name="accept"/> holds (to stay away from kinks).</summary>
        public static Func<Random, double[]> Where(this Func<Random, double[]> sample, Func<double[], bool> accept)
            => r =>
            {
                for (int attempt = 0; attempt < 10_000; attempt++)
                {
                    double[] x = sample(r);
                    if (accept(x)) return x;
                }
                throw new InvalidOperationException("sampler rejected 10000 points");
            };

        public static double Sigma(double z) => 1.0 / (1.0 + Math.Exp(-z));

        private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static string Format(double[] x)
        {
            var parts = new string[x.Length];
            for (int i = 0; i < x.Length; i++) parts[i] = R(x[i]);
            return "(" + string.Join(", ", parts) + ")";
        }
    }
}
