using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>Each Math/MathF/GradMath derivative against its textbook formula.</summary>
    public class MathFunctionsTests
    {
        [Fact]
        public void Pow_with_constant_exponents()
            => Verify(nameof(MathFunctions.PowConstantExponent),
                v => MathFunctions.PowConstantExponent(v[0]),
                (v, g) => MathFunctions.PowConstantExponentGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.PowConstantExponentPullback(v[0], s, ref g[0]),
                v => new[] { 3.5 * Math.Pow(v[0], 2.5) - 1.5 * Math.Pow(v[0], -2.5) + 4 * v[0] },
                Uniform(1, 0.3, 3));

        [Fact]
        public void Pow_with_variable_exponent()
            => Verify(nameof(MathFunctions.PowVariableExponent),
                v => MathFunctions.PowVariableExponent(v[0], v[1]),
                (v, g) => MathFunctions.PowVariableExponentGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.PowVariableExponentPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => new[] { v[1] * Math.Pow(v[0], v[1] - 1), Math.Pow(v[0], v[1]) * Math.Log(v[0]) },
                Box((0.2, 3), (-2, 3)));

        [Fact]
        public void Pow_of_x_to_the_x()
            => Verify(nameof(MathFunctions.PowSelf),
                v => MathFunctions.PowSelf(v[0]),
                (v, g) => MathFunctions.PowSelfGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.PowSelfPullback(v[0], s, ref g[0]),
                v => new[] { Math.Pow(v[0], v[0]) * (Math.Log(v[0]) + 1) },
                Uniform(1, 0.1, 3));

        [Fact]
        public void Pow_of_compound_base_and_exponent()
            => Verify(nameof(MathFunctions.PowOfSums),
                v => MathFunctions.PowOfSums(v[0], v[1]),
                (v, g) => MathFunctions.PowOfSumsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.PowOfSumsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double b = 1 + v[0] * v[0], e = 2 - v[1];
                    return new[] { e * Math.Pow(b, e - 1) * 2 * v[0], -Math.Pow(b, e) * Math.Log(b) };
                },
                Uniform(2, -1.5, 1.5));

        [Fact]
        public void Log_Log10_Log2()
            => Verify(nameof(MathFunctions.Logarithms),
                v => MathFunctions.Logarithms(v[0]),
                (v, g) => MathFunctions.LogarithmsGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.LogarithmsPullback(v[0], s, ref g[0]),
                v =>
                {
                    double x = v[0];
                    return new[] { 1 / x + 2 * x / ((x * x + 1) * Math.Log(10)) + 1 / ((x + 3) * Math.Log(2)) };
                },
                Uniform(1, 0.1, 5));

        [Fact]
        public void Log_with_a_base()
            => Verify(nameof(MathFunctions.LogWithBase),
                v => MathFunctions.LogWithBase(v[0], v[1]),
                (v, g) => MathFunctions.LogWithBaseGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.LogWithBasePullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double lb = Math.Log(v[1]);
                    return new[] { 1 / (v[0] * lb), -Math.Log(v[0]) / (v[1] * lb * lb) };
                },
                Box((0.2, 5), (1.5, 10)));

        [Fact]
        public void Sqrt_and_Cbrt()
            => Verify(nameof(MathFunctions.Roots),
                v => MathFunctions.Roots(v[0]),
                (v, g) => MathFunctions.RootsGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.RootsPullback(v[0], s, ref g[0]),
                v =>
                {
                    double x = v[0], c = Math.Cbrt(x - 5);
                    return new[] { 0.5 / Math.Sqrt(x) + 1 / (3 * c * c) + x / Math.Sqrt(1 + x * x) };
                },
                Uniform(1, 0.2, 8).Where(v => Math.Abs(v[0] - 5) > 0.2)); // Cbrt is both sides of 5

        [Fact]
        public void Exp_and_Tan()
            => Verify(nameof(MathFunctions.ExpTan),
                v => MathFunctions.ExpTan(v[0]),
                (v, g) => MathFunctions.ExpTanGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.ExpTanPullback(v[0], s, ref g[0]),
                v =>
                {
                    double e = Math.Exp(-v[0]), c = Math.Cos(v[0]);
                    return new[] { -e * Math.Tan(v[0]) + e / (c * c) };
                },
                Uniform(1, -1.3, 1.3));

        [Fact]
        public void Asin_Acos_Atan()
            => Verify(nameof(MathFunctions.InverseTrig),
                v => MathFunctions.InverseTrig(v[0]),
                (v, g) => MathFunctions.InverseTrigGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.InverseTrigPullback(v[0], s, ref g[0]),
                v => new[] { -1 / Math.Sqrt(1 - v[0] * v[0]) + 3 / (1 + v[0] * v[0]) },
                Uniform(1, -0.9, 0.9));

        [Fact]
        public void Sinh_Cosh_Tanh()
            => Verify(nameof(MathFunctions.Hyperbolic),
                v => MathFunctions.Hyperbolic(v[0]),
                (v, g) => MathFunctions.HyperbolicGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.HyperbolicPullback(v[0], s, ref g[0]),
                v =>
                {
                    double t = Math.Tanh(2 * v[0]);
                    return new[] { Math.Cosh(v[0]) + 0.5 * Math.Sinh(0.5 * v[0]) + 2 * (1 - t * t) };
                },
                Uniform(1, -3, 3));

        [Fact]
        public void Cos_and_Exp_of_compound_arguments()
            => Verify(nameof(MathFunctions.CosOfSum),
                v => MathFunctions.CosOfSum(v[0], v[1]),
                (v, g) => MathFunctions.CosOfSumGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.CosOfSumPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1], c = Math.Cos(x - 2 * y), sn = Math.Sin(x - 2 * y), e = Math.Exp(x * y);
                    return new[] { -sn * e + c * e * y, 2 * sn * e + c * e * x };
                },
                Uniform(2, -1.5, 1.5));

        [Fact]
        public void Atan2()
            => Verify(nameof(MathFunctions.Atan2Angle),
                v => MathFunctions.Atan2Angle(v[0], v[1]),
                (v, g) => MathFunctions.Atan2AngleGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.Atan2AnglePullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double r2 = v[0] * v[0] + v[1] * v[1];
                    return new[] { v[1] / r2, -v[0] / r2 };
                },
                Uniform(2, -2, 2).Where(v => Math.Abs(v[0]) > 0.05 || v[1] > 0.05), // away from the branch cut y = 0, x < 0
                points: 10);

        [Fact]
        public void Clamp_inside_and_outside()
            => Verify(nameof(MathFunctions.Clamps),
                v => MathFunctions.Clamps(v[0], v[1]),
                (v, g) => MathFunctions.ClampsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.ClampsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1], p = x * y;
                    bool xIn = Math.Abs(x) < 1, pIn = p > -0.5 && p < 2;
                    return new[] { (xIn ? y : 0) + (pIn ? y : 0), Math.Clamp(x, -1, 1) + (pIn ? x : 0) };
                },
                Uniform(2, -2.5, 2.5).Where(v => Math.Abs(Math.Abs(v[0]) - 1) > 1e-3 && Math.Abs(v[0] * v[1] + 0.5) > 1e-3 && Math.Abs(v[0] * v[1] - 2) > 1e-3),
                points: 16);

        [Fact]
        public void Clamp_with_active_bounds()
            => Verify(nameof(MathFunctions.ClampActiveBounds),
                v => MathFunctions.ClampActiveBounds(v[0], v[1]),
                (v, g) => MathFunctions.ClampActiveBoundsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.ClampActiveBoundsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => v[0] > 0.5 ? new[] { 1.0, 0 } : v[1] < 0.5 ? new[] { 0, 1.0 } : new[] { 0.0, 0 },
                Uniform(2, -1, 2).Where(v => v[1] - v[0] > 0.01 && Math.Abs(v[0] - 0.5) > 1e-3 && Math.Abs(v[1] - 0.5) > 1e-3),
                points: 12);

        [Fact]
        public void Abs_Max_Min_away_from_ties()
            => Verify(nameof(MathFunctions.AbsMaxMin),
                v => MathFunctions.AbsMaxMin(v[0], v[1]),
                (v, g) => MathFunctions.AbsMaxMinGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.AbsMaxMinPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1], sgn = Math.Sign(x - y);
                    bool xMax = x > y, pMin = x * y < 1;
                    return new[] { sgn + (xMax ? 2 : 0) + (pMin ? y : 0), -sgn + (xMax ? 0 : 2) + (pMin ? x : 0) };
                },
                Uniform(2, -2, 2).Where(v => Math.Abs(v[0] - v[1]) > 1e-3 && Math.Abs(v[0] * v[1] - 1) > 1e-3),
                points: 12);

        [Fact]
        public void GradMath_LeakyRelu_with_default_and_explicit_slope_Relu_Softplus()
            => Verify(nameof(MathFunctions.GradMathRectifiers),
                v => MathFunctions.GradMathRectifiers(v[0]),
                (v, g) => MathFunctions.GradMathRectifiersGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.GradMathRectifiersPullback(v[0], s, ref g[0]),
                v => new[] { (v[0] > 0 ? 1 + 2 + 1 : 0.01 + 2 * 0.2) + Sigma(v[0]) },
                Uniform(1, -3, 3).Where(v => Math.Abs(v[0]) > 1e-3),
                points: 10);

        [Fact]
        public void GradMath_LeakyRelu_with_active_slope()
            => Verify(nameof(MathFunctions.LeakyReluSlope),
                v => MathFunctions.LeakyReluSlope(v[0], v[1]),
                (v, g) => MathFunctions.LeakyReluSlopeGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MathFunctions.LeakyReluSlopePullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => v[0] > 0 ? new[] { 1.0, 0 } : new[] { v[1], v[0] },
                Box((-3, 3), (0, 0.5)).Where(v => Math.Abs(v[0]) > 1e-3),
                points: 10);

        [Fact]
        public void GradMath_Erfc_Sigmoid_Erf()
            => Verify(nameof(MathFunctions.GradMathSmooth),
                v => MathFunctions.GradMathSmooth(v[0]),
                (v, g) => MathFunctions.GradMathSmoothGradient(v[0], out g[0]),
                (v, s, g) => MathFunctions.GradMathSmoothPullback(v[0], s, ref g[0]),
                v =>
                {
                    double x = v[0], p = Sigma(x), k = 2 / Math.Sqrt(Math.PI);
                    return new[] { -k * Math.Exp(-x * x) * p + GradMath.Erfc(x) * p * (1 - p) + 0.5 * k * Math.Exp(-0.25 * x * x) };
                },
                Uniform(1, -3, 3));

        // ----- float -----

        [Fact]
        public void Float_MathF_mix()
            => FloatAssert.Verify(nameof(FloatFunctions.FloatMix),
                v => FloatFunctions.FloatMix(v[0], v[1]),
                (v, g) => FloatFunctions.FloatMixGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => FloatFunctions.FloatMixPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => new[]
                {
                    Math.Cos(v[0]) * v[1] - 2 * v[0] * Math.Exp(-v[0] * v[0]),
                    Math.Sin(v[0]) + v[1] / Math.Sqrt(1 + v[1] * v[1]),
                },
                Uniform(2));

        [Fact]
        public void Float_Pow_Log_Tanh()
            => FloatAssert.Verify(nameof(FloatFunctions.FloatPowLog),
                v => FloatFunctions.FloatPowLog(v[0]),
                (v, g) => FloatFunctions.FloatPowLogGradient(v[0], out g[0]),
                (v, s, g) => FloatFunctions.FloatPowLogPullback(v[0], s, ref g[0]),
                v =>
                {
                    double t = Math.Tanh(v[0]);
                    return new[] { 2.5 * Math.Pow(v[0], 1.5) + 1 / v[0] - (1 - t * t) };
                },
                Uniform(1, 0.3, 3));

        [Theory]
        [InlineData(0)]
        [InlineData(6)]
        public void Float_loop(int n)
            => FloatAssert.Verify(nameof(FloatFunctions.FloatLoop) + n,
                v => FloatFunctions.FloatLoop(v[0], n),
                (v, g) => FloatFunctions.FloatLoopGradient(v[0], n, out g[0]),
                (v, s, g) => FloatFunctions.FloatLoopPullback(v[0], n, s, ref g[0]),
                v =>
                {
                    // s_n = Σ_i 0.5^(n−1−i) cos(x·i)
                    double d = 0;
                    for (int i = 0; i < n; i++) d += Math.Pow(0.5, n - 1 - i) * -i * Math.Sin(v[0] * i);
                    return new[] { d };
                },
                Uniform(1, -1, 1));

        [Fact]
        public void Float_GradMath_overloads()
            => FloatAssert.Verify(nameof(FloatFunctions.FloatGradMath),
                v => FloatFunctions.FloatGradMath(v[0]),
                (v, g) => FloatFunctions.FloatGradMathGradient(v[0], out g[0]),
                (v, s, g) => FloatFunctions.FloatGradMathPullback(v[0], s, ref g[0]),
                v =>
                {
                    double x = v[0], p = Sigma(x);
                    return new[] { p * (1 - p) * GradMath.Erf(x) + p * 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) + (x > 0 ? 1 : 0.01) };
                },
                Uniform(1, -3, 3).Where(v => Math.Abs(v[0]) > 0.05));

        [Fact]
        public void Float_only_x()
        {
            const float a = 0.75f;
            FloatAssert.Verify(nameof(FloatFunctions.FloatOnlyX),
                v => FloatFunctions.FloatOnlyX(v[0], a),
                (v, g) => FloatFunctions.FloatOnlyXGradient(v[0], a, out g[0]),
                (v, s, g) => FloatFunctions.FloatOnlyXPullback(v[0], a, s, ref g[0]),
                v => new[] { 2 * a * v[0] + Math.Sign(v[0] - a) },
                Uniform(1, -3, 3).Where(v => Math.Abs(v[0] - a) > 0.05));
        }
    }
}
