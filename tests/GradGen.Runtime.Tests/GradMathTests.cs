using System;
using Xunit;

namespace GradGen.Runtime.Tests
{
    /// <summary>Values of the GradMath functions against 40-digit references and at the extremes.</summary>
    public class GradMathTests
    {
        // A few ulps: the functions are built from correctly rounded-ish exp/log, not correctly rounded.
        private const double Ulps4 = 4 * 1.1102230246251565e-16;

        [Fact]
        public void Sigmoid_matches_reference_values()
        {
            foreach ((double x, double value) in ReferenceValues.Sigmoid)
            {
                Close.Relative(value, GradMath.Sigmoid(x), Ulps4, $"Sigmoid({x:R})");
            }
        }

        [Fact]
        public void Sigmoid_is_stable_at_the_extremes()
        {
            Assert.Equal(1.0, GradMath.Sigmoid(double.PositiveInfinity));
            Assert.Equal(0.0, GradMath.Sigmoid(double.NegativeInfinity));
            Assert.Equal(1.0, GradMath.Sigmoid(1e308));
            Assert.Equal(0.0, GradMath.Sigmoid(-1e308));
            Assert.Equal(0.5, GradMath.Sigmoid(0.0));
            Assert.True(double.IsNaN(GradMath.Sigmoid(double.NaN)));
            // The left tail keeps full relative accuracy: σ(−700) = e^−700 (1 − e^−700) ≈ e^−700.
            Close.Relative(Math.Exp(-700.0), GradMath.Sigmoid(-700.0), Ulps4);
        }

        [Theory]
        [InlineData(0.1)]
        [InlineData(1.0)]
        [InlineData(3.0)]
        [InlineData(17.0)]
        public void Sigmoid_has_the_symmetry_one_minus_sigma(double x)
        {
            // 1 − σ(x) is only good to an absolute ulp of 1, so compare absolutely.
            Assert.True(Math.Abs(GradMath.Sigmoid(-x) - (1.0 - GradMath.Sigmoid(x))) <= 2.3e-16);
        }

        [Fact]
        public void Softplus_matches_reference_values()
        {
            foreach ((double x, double value) in ReferenceValues.Softplus)
            {
                Close.Relative(value, GradMath.Softplus(x), Ulps4, $"Softplus({x:R})");
            }
        }

        [Fact]
        public void Softplus_neither_overflows_nor_loses_the_left_tail()
        {
            Assert.Equal(1000.0, GradMath.Softplus(1000.0));
            Assert.Equal(double.PositiveInfinity, GradMath.Softplus(double.PositiveInfinity));
            Assert.Equal(0.0, GradMath.Softplus(double.NegativeInfinity));
            Assert.True(double.IsNaN(GradMath.Softplus(double.NaN)));
            // ln(1 + e^−40) = e^−40 − e^−80/2 + …; a naive Log(1 + Exp(x)) returns 0 here.
            Close.Relative(4.248354255291589e-18, GradMath.Softplus(-40.0), Ulps4);
        }

        [Fact]
        public void Softplus_with_beta_matches_reference_values()
        {
            foreach ((double x, double beta, double value) in ReferenceValues.SoftplusBeta)
            {
                Close.Relative(value, GradMath.Softplus(x, beta), 2 * Ulps4, $"Softplus({x:R}, {beta:R})");
            }
        }

        [Fact]
        public void Relu_is_max_of_zero_and_x()
        {
            Assert.Equal(2.5, GradMath.Relu(2.5));
            Assert.Equal(0.0, GradMath.Relu(-2.5));
            Assert.Equal(0.0, GradMath.Relu(0.0));
            Assert.Equal(0.0, GradMath.Relu(double.NegativeInfinity));
            Assert.Equal(double.PositiveInfinity, GradMath.Relu(double.PositiveInfinity));
            Assert.True(double.IsNaN(GradMath.Relu(double.NaN)));
            Assert.Equal(3f, GradMath.Relu(3f));
            Assert.Equal(0f, GradMath.Relu(-3f));
        }

        [Fact]
        public void LeakyRelu_scales_the_negative_side()
        {
            Assert.Equal(2.5, GradMath.LeakyRelu(2.5));
            Assert.Equal(0.01 * -2.5, GradMath.LeakyRelu(-2.5));
            Assert.Equal(0.2 * -2.5, GradMath.LeakyRelu(-2.5, 0.2));
            Assert.Equal(0.0, GradMath.LeakyRelu(0.0, 0.2));
            Assert.True(double.IsNaN(GradMath.LeakyRelu(double.NaN)));
            Assert.Equal(-0.5f, GradMath.LeakyRelu(-2.5f, 0.2f));
            Assert.Equal(0.01f * -2.5f, GradMath.LeakyRelu(-2.5f));
        }

        [Fact]
        public void Float_overloads_agree_with_double_to_float_precision()
        {
            const double floatTolerance = 4e-7;
            for (float x = -30f; x <= 30f; x += 0.37f)
            {
                Close.Relative(GradMath.Sigmoid((double)x), GradMath.Sigmoid(x), floatTolerance, $"Sigmoid({x})");
                Close.Relative(GradMath.Softplus((double)x), GradMath.Softplus(x), floatTolerance, $"Softplus({x})");
                Close.Relative(GradMath.Softplus((double)x, 2.0), GradMath.Softplus(x, 2f), floatTolerance, $"Softplus({x}, 2)");
                Close.Relative(GradMath.Erf((double)x), GradMath.Erf(x), floatTolerance, $"Erf({x})");
                if (x < 9f)
                {
                    // Beyond x ≈ 9.2, erfc is a float subnormal, with fewer significant bits.
                    Close.Relative(GradMath.Erfc((double)x), GradMath.Erfc(x), floatTolerance, $"Erfc({x})");
                }
            }
        }

        [Fact]
        public void LogSumExp_is_stable()
        {
            Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), GradMath.LogSumExp([1.0, 2.0, 3.0]), 15);
            Close.Relative(1000.0 + Math.Log(2.0), GradMath.LogSumExp([1000.0, 1000.0]), Ulps4);
            Close.Relative(-1000.0 + Math.Log(2.0), GradMath.LogSumExp([-1000.0, -1000.0]), Ulps4);
            Assert.Equal(5.0, GradMath.LogSumExp([5.0]));
            Assert.Equal(double.NegativeInfinity, GradMath.LogSumExp([]));
            Assert.Equal(double.NegativeInfinity, GradMath.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]));
            Assert.Equal(3.0, GradMath.LogSumExp([double.NegativeInfinity, 3.0]));
            Assert.Equal(double.PositiveInfinity, GradMath.LogSumExp([1.0, double.PositiveInfinity]));
            Assert.True(double.IsNaN(GradMath.LogSumExp([1.0, double.NaN, 2.0])));
        }

        [Fact]
        public void LogSumExpPullback_adds_seed_times_softmax()
        {
            double[] a = [1.0, 2.0, 3.0, 1000.0];
            double[] grad = [10.0, 20.0, 30.0, 40.0];
            double value = GradMath.LogSumExpPullback(a, 2.0, grad);

            Assert.Equal(GradMath.LogSumExp(a), value);
            double lse = GradMath.LogSumExp(a);
            for (int i = 0; i < a.Length; i++)
            {
                double expected = 10.0 * (i + 1) + 2.0 * Math.Exp(a[i] - lse);
                Close.Relative(expected, grad[i], Ulps4, $"gradA[{i}]");
            }
        }

        [Fact]
        public void LogSumExpPullback_matches_finite_differences()
        {
            double[] a = [0.3, -1.2, 2.5, 0.0, 1.7];
            double[] grad = new double[a.Length];
            GradMath.LogSumExpPullback(a, 1.0, grad);

            GradientCheckResult result = GradientCheck.Check(v => GradMath.LogSumExp(v), a, grad);
            Assert.True(result.Passed, result.ToString());
            Assert.True(result.MaxRelativeError < 1e-9, result.ToString());
        }

        [Fact]
        public void LogSumExpPullback_rejects_a_length_mismatch_before_writing()
        {
            double[] grad = [7.0, 7.0];
            var e = Assert.Throws<ArgumentException>(() => GradMath.LogSumExpPullback([1.0, 2.0, 3.0], 1.0, grad));
            Assert.Equal("gradA", e.ParamName);
            Assert.Equal([7.0, 7.0], grad);
        }

        [Fact]
        public void Scalar_functions_and_the_pullback_do_not_allocate()
        {
            Span<double> a = stackalloc double[] { 0.5, -1.0, 2.0, 3.5 };
            Span<double> grad = stackalloc double[4];
            double sink = 0;
            for (int round = 0; round < 2; round++)
            {
                // Round 0 warms up (JIT, statics); round 1 is measured.
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 1000; i++)
                {
                    double x = i * 0.01 - 5.0;
                    sink += GradMath.Sigmoid(x) + GradMath.Softplus(x) + GradMath.Softplus(x, 2.0)
                        + GradMath.Relu(x) + GradMath.LeakyRelu(x) + GradMath.Erf(x) + GradMath.Erfc(x)
                        + GradMath.Sigmoid((float)x) + GradMath.Softplus((float)x) + GradMath.Erf((float)x)
                        + GradMath.LogSumExp(a) + GradMath.LogSumExpPullback(a, 1.0, grad);
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (round == 1)
                {
                    Assert.Equal(0, allocated);
                }
            }

            Assert.True(double.IsFinite(sink));
        }
    }
}
