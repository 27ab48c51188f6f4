using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    public class MoreMathFunctionsTests
    {
        [Fact]
        public void FusedMultiplyAdd()
            => Verify(nameof(MathFunctions.FusedMultiplyAdd),
                v => MathFunctions.FusedMultiplyAdd(v[0], v[1]),
                (v, g) => MathFunctions.FusedMultiplyAddGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.FusedMultiplyAddPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => new[] { v[1] + 2 * v[0], v[0] },
                Uniform(2));

        [Fact]
        public void Asinh_Acosh_Atanh()
            => Verify(nameof(MathFunctions.InverseHyperbolic),
                v => MathFunctions.InverseHyperbolic(v[0]),
                (v, g) => MathFunctions.InverseHyperbolicGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.InverseHyperbolicPullback(v[0], s, ref g[0]),
                v =>
                {
                    double x = v[0], u = x + 2, w = x / 3;
                    return new[] { 1 / Math.Sqrt(x * x + 1) + 1 / Math.Sqrt(u * u - 1) + 1 / (3 * (1 - w * w)) };
                },
                Uniform(1, -0.8, 2.5));

        [Fact]
        public void GradMath_LogSumExp_over_a_stackalloc_span()
            => Verify(nameof(MathFunctions.LogSumExpOfThree),
                v => MathFunctions.LogSumExpOfThree(v[0], v[1], v[2]),
                (v, g) => MathFunctions.LogSumExpOfThreeGradient(v[0], v[1], v[2], out g[0], out g[1], out g[2]),
                (v, s, g) => MathFunctions.LogSumExpOfThreePullback(v[0], v[1], v[2], s, ref g[0], ref g[1], ref g[2]),
                v =>
                {
                    double a = v[0], b = v[1], c = v[2];
                    double e0 = Math.Exp(a), e1 = Math.Exp(2 * b), e2 = Math.Exp(a * c), z = e0 + e1 + e2;
                    return new[] { (e0 + c * e2) / z, 2 * e1 / z, a * e2 / z };
                },
                Uniform(3));

        [Fact]
        public void Polynomial_via_Math_Pow()
            => Verify(nameof(MathFunctions.PolynomialViaPow),
                v => MathFunctions.PolynomialViaPow(v[0]),
                (v, g) => MathFunctions.PolynomialViaPowGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.PolynomialViaPowPullback(v[0], s, ref g[0]),
                v => new[] { 2 + 6 * v[0] + 12 * v[0] * v[0] },
                Uniform(1));

        /// <summary>
        /// tests/README.md E7: d/dx x⁰ = 0 everywhere, but the Pow template j·x^(j−1) gives 0·0⁻¹ = 0·∞ = NaN
        /// at x = 0, and the NaN poisons the whole gradient.
        /// </summary>
        [Fact]
        public void Polynomial_via_Math_Pow_at_zero()
        {
            double f = MathFunctions.PolynomialViaPowGradient(0.0, out double g);
            Assert.Equal(1.0, f);
            Assert.Equal(2.0, g);
            VerifyAt(nameof(MathFunctions.PolynomialViaPow) + "0",
                v => MathFunctions.PolynomialViaPow(v[0]),
                (v, gr) => MathFunctions.PolynomialViaPowGradient(v[0], out gr[0]),
                (v, s, gr) => MathFunctions.PolynomialViaPowPullback(v[0], s, ref gr[0]),
                v => new[] { 2.0 },
                new[] { 0.0 });
        }

        /// <summary>
        /// tests/README.md E7, with an active exponent: at x = 0, y = 2, f(0, y) = 0 for every y &gt; 0 so
        /// ∂f/∂y = 0, but the template x^y·ln x gives 0·(−∞) = NaN.
        /// </summary>
        [Fact]
        public void Pow_with_variable_exponent_at_a_zero_base()
        {
            Assert.Equal(0.0, MathFunctions.PowVariableExponentGradient(0.0, 2.0, out double gx, out double gy));
            Assert.Equal(0.0, gx);
            Assert.Equal(0.0, gy);
        }

        private static double LongLoopDerivative(double x, int n)
        {
            double r = 0.5, dr = 0;
            for (int i = 0; i < n; i++)
            {
                double next = Math.Sin(r) * x + 0.1 * Math.Cos(r);
                dr = Math.Cos(r) * dr * x + Math.Sin(r) - 0.1 * Math.Sin(r) * dr;
                r = next;
            }
            return dr;
        }

        [Theory]
        [InlineData(63)]
        [InlineData(64)]
        [InlineData(65)]
        [InlineData(5000)]
        public void Long_loop_grows_the_tape(int n)
            => Verify(nameof(MathFunctions.LongLoop) + n,
                v => MathFunctions.LongLoop(v[0], n),
                (v, g) => MathFunctions.LongLoopGradient(v[0], n, out g[0]),
                (v, s, g) => MathFunctions.LongLoopPullback(v[0], n, s, ref g[0]),
                v => new[] { LongLoopDerivative(v[0], n) },
                Uniform(1, -0.9, 0.9), // a contraction: the derivative stays bounded
                points: 5);

        [Fact]
        public void Float_Log_with_base_Atan2_Cbrt_Log10_Log2()
            => FloatAssert.Verify(nameof(FloatFunctions.FloatLogsAndAngles),
                v => FloatFunctions.FloatLogsAndAngles(v[0], v[1]),
                (v, g) => FloatFunctions.FloatLogsAndAnglesGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => FloatFunctions.FloatLogsAndAnglesPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1], r2 = x * x + y * y, c = Math.Cbrt(x);
                    return new[]
                    {
                        1 / (x * Math.Log(3)) - y / r2 + 1 / (3 * c * c) + 1 / (x * Math.Log(10)),
                        x / r2 + 1 / (y * Math.Log(2)),
                    };
                },
                Uniform(2, 0.3, 3));

        [Fact]
        public void Float_Softplus_beta_Erfc_Relu()
            => FloatAssert.Verify(nameof(FloatFunctions.FloatSoftplusErfcRelu),
                v => FloatFunctions.FloatSoftplusErfcRelu(v[0], v[1]),
                (v, g) => FloatFunctions.FloatSoftplusErfcReluGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => FloatFunctions.FloatSoftplusErfcReluPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], b = v[1], f = Math.Log(1 + Math.Exp(b * x)) / b;
                    return new[]
                    {
                        Sigma(b * x) - 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) + (x > 0 ? 1 : 0),
                        (x * Sigma(b * x) - f) / b,
                    };
                },
                Box((-2, 2), (0.5, 3)).Where(v => Math.Abs(v[0]) > 0.05));

        [Theory]
        [InlineData(3)]
        [InlineData(100)]
        public void Float_loop_with_a_tape(int n)
            => FloatAssert.Verify(nameof(FloatFunctions.FloatTapedLoop) + n,
                v => FloatFunctions.FloatTapedLoop(v[0], n),
                (v, g) => FloatFunctions.FloatTapedLoopGradient(v[0], n, out g[0]),
                (v, s, g) => FloatFunctions.FloatTapedLoopPullback(v[0], n, s, ref g[0]),
                v =>
                {
                    double x = v[0], r = x, dr = 1;
                    for (int i = 0; i < n; i++)
                    {
                        dr = Math.Cos(r) * dr * x + Math.Sin(r);
                        r = Math.Sin(r) * x;
                    }
                    return new[] { dr };
                },
                Uniform(1, -0.8, 0.8));

        [Fact]
        public void Float_method_calling_float_methods()
            => FloatAssert.Verify(nameof(FloatFunctions.FloatCallsFloat),
                v => FloatFunctions.FloatCallsFloat(v[0], v[1]),
                (v, g) => FloatFunctions.FloatCallsFloatGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => FloatFunctions.FloatCallsFloatPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    // FloatMix(p, q) = sin(p)q + e^(−p²) + √(1 + q²) at p = xy, q = y; FloatOnlyX(x, ½) = ½x² + |x − ½|.
                    double x = v[0], y = v[1], p = x * y;
                    double dp = Math.Cos(p) * y - 2 * p * Math.Exp(-p * p), dq = Math.Sin(p) + y / Math.Sqrt(1 + y * y);
                    return new[] { dp * y + x + Math.Sign(x - 0.5), dp * x + dq };
                },
                Uniform(2, -1.5, 1.5).Where(v => Math.Abs(v[0] - 0.5) > 0.05));
    }
}
