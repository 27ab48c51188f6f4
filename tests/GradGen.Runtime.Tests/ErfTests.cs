using System;
using Xunit;

namespace GradGen.Runtime.Tests
{
    /// <summary>Erf and Erfc against 40-digit references (Reference/make_reference.py) and their identities.</summary>
    public class ErfTests
    {
        private const double Accuracy = 1e-15;

        [Fact]
        public void Erf_is_accurate_to_1e15_relative_against_the_reference_table()
        {
            double worst = 0, worstX = 0;
            foreach ((double x, double erf, _) in ReferenceValues.Erf)
            {
                double error = Close.RelativeError(erf, GradMath.Erf(x));
                if (error > worst)
                {
                    (worst, worstX) = (error, x);
                }
            }

            Assert.True(worst <= Accuracy, $"worst relative error {worst:R} at x = {worstX:R}");
            Assert.True(ReferenceValues.Erf.Length > 400);
        }

        [Fact]
        public void Erfc_is_accurate_to_1e15_relative_including_the_right_tail()
        {
            double worst = 0, worstX = 0;
            foreach ((double x, _, double erfc) in ReferenceValues.Erf)
            {
                double error = Close.RelativeError(erfc, GradMath.Erfc(x));
                if (error > worst)
                {
                    (worst, worstX) = (error, x);
                }
            }

            Assert.True(worst <= Accuracy, $"worst relative error {worst:R} at x = {worstX:R}");
        }

        [Fact]
        public void Erf_special_values()
        {
            Assert.Equal(0.0, GradMath.Erf(0.0));
            Assert.True(double.IsNegative(GradMath.Erf(-0.0)), "erf(−0) = −0");
            Assert.Equal(1.0, GradMath.Erf(6.0));
            Assert.Equal(-1.0, GradMath.Erf(-6.0));
            Assert.Equal(1.0, GradMath.Erf(double.PositiveInfinity));
            Assert.Equal(-1.0, GradMath.Erf(double.NegativeInfinity));
            Assert.True(double.IsNaN(GradMath.Erf(double.NaN)));

            Assert.Equal(1.0, GradMath.Erfc(0.0));
            Assert.Equal(2.0, GradMath.Erfc(-6.0));
            Assert.Equal(0.0, GradMath.Erfc(double.PositiveInfinity));
            Assert.Equal(2.0, GradMath.Erfc(double.NegativeInfinity));
            Assert.True(double.IsNaN(GradMath.Erfc(double.NaN)));
            // Tabulated (Abramowitz & Stegun 7.1): erf(1) = 0.84270079294971486934.
            Assert.Equal(0.84270079294971487, GradMath.Erf(1.0));
            // Tiny arguments: erf(x) = (2/√π) x to full precision.
            Close.Relative(1.1283791670955126e-300, GradMath.Erf(1e-300), Accuracy);
        }

        [Fact]
        public void Erf_is_odd_monotone_and_complements_erfc_on_a_dense_sweep()
        {
            double previous = -1.0;
            for (int i = -60_000; i <= 60_000; i++)
            {
                double x = i * 1e-4;
                double erf = GradMath.Erf(x);
                Assert.Equal(-erf, GradMath.Erf(-x));
                Assert.True(erf >= previous, $"erf decreases at {x:R}");
                // erf + erfc = 1 up to the rounding of the larger one.
                Assert.True(Math.Abs(erf + GradMath.Erfc(x) - 1.0) <= 4.5e-16, $"erf + erfc ≠ 1 at {x:R}");
                previous = erf;
            }
        }
    }
}
