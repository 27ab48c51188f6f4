using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// The documented conventions (docs/reference.md §4) at non-smooth points, and throw.
    /// Convention: Abs'(0) = 0; Max/Min on a tie pass the derivative to the first argument.
    /// </summary>
    public static partial class Conventions
    {
        [Differentiable]
        public static double AbsOf(double x) => Math.Abs(x);

        [Differentiable]
        public static double AbsOfDifference(double x, double y) => Math.Abs(x - y);

        [Differentiable]
        public static double MaxOf(double x, double y) => Math.Max(x, y);

        [Differentiable]
        public static double MinOf(double x, double y) => Math.Min(x, y);

        [Differentiable]
        public static double ClampOf(double x, double lo, double hi) => Math.Clamp(x, lo, hi);

        [Differentiable]
        public static double ReluOf(double x) => GradMath.Relu(x);

        [Differentiable]
        public static double LeakyReluOf(double x, double slope) => GradMath.LeakyRelu(x, slope);

        /// <summary>Argument validation with throw, before and in the middle of the computation.</summary>
        [Differentiable]
        public static double Validated(double x, double y)
        {
            if (x <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(x), x, "x must be positive.");
            }
            double a = Math.Log(x) * y;
            if (a > 10) throw new InvalidOperationException("log(x)·y exceeds 10.");
            a = a * a + y;
            return a;
        }

        /// <summary>throw inside a loop, on a value computed in the loop.</summary>
        [Differentiable(nameof(x))]
        public static double ThrowInLoop(double x, int n)
        {
            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s += x * x * (i + 1);
                if (s > 1000) throw new OverflowException("sum exceeded 1000 at i = " + i);
            }
            return s;
        }
    }
}
