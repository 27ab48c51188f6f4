using System;
using Xunit.Sdk;

namespace GradGen.Runtime.Tests
{
    /// <summary>Floating-point assertions with a relative tolerance.</summary>
    internal static class Close
    {
        // Below the normal range a double has fewer than 53 bits, so no relative bound can hold there.
        private const double SubnormalSlack = 2.2250738585072014e-308;

        /// <summary>Relative error of <paramref name="actual"/> w.r.t. a reference; equal values (incl. infinities, NaNs) give 0.</summary>
        public static double RelativeError(double expected, double actual)
        {
            if (expected.Equals(actual))
            {
                return 0.0;
            }

            double difference = Math.Abs(actual - expected);
            if (difference <= SubnormalSlack)
            {
                return 0.0;
            }

            return expected == 0.0 ? double.PositiveInfinity : difference / Math.Abs(expected);
        }

        public static void Relative(double expected, double actual, double tolerance, string what = "")
        {
            double error = RelativeError(expected, actual);
            if (!(error <= tolerance))
            {
                throw new XunitException(
                    $"{what}: expected {expected:R}, actual {actual:R}, relative error {error:R} > {tolerance:R}");
            }
        }
    }
}
