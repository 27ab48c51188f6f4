using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>The System.Math functions with a derivative, and GradMath, used as people use them.</summary>
    public static partial class MathFunctions
    {
        [Differentiable]
        public static double PowConstantExponent(double x)
            => Math.Pow(x, 3.5) + Math.Pow(x, -1.5) + 2 * Math.Pow(x, 2);

        [Differentiable]
        public static double PowVariableExponent(double x, double y) => Math.Pow(x, y);

        /// <summary>x^x: base and exponent both active.</summary>
        [Differentiable]
        public static double PowSelf(double x) => Math.Pow(x, x);

        /// <summary>Compound expressions as base and exponent (the derivative templates must parenthesize them).</summary>
        [Differentiable]
        public static double PowOfSums(double x, double y) => Math.Pow(1 + x * x, 2 - y);

        [Differentiable]
        public static double Logarithms(double x)
            => Math.Log(x) + Math.Log10(x * x + 1) + Math.Log2(x + 3);

        [Differentiable]
        public static double LogWithBase(double x, double b) => Math.Log(x, b);

        [Differentiable]
        public static double Roots(double x)
            => Math.Sqrt(x) + Math.Cbrt(x - 5) + Math.Sqrt(1 + x * x);

        [Differentiable]
        public static double ExpTan(double x) => Math.Exp(-x) * Math.Tan(x);

        [Differentiable]
        public static double InverseTrig(double x)
            => Math.Asin(x) + 2 * Math.Acos(x) + 3 * Math.Atan(x);

        [Differentiable]
        public static double Hyperbolic(double x)
            => Math.Sinh(x) + Math.Cosh(0.5 * x) + Math.Tanh(2 * x);

        [Differentiable]
        public static double CosOfSum(double x, double y) => Math.Cos(x - 2 * y) * Math.Exp(x * y);

        [Differentiable]
        public static double Atan2Angle(double y, double x) => Math.Atan2(y, x);

        [Differentiable]
        public static double Clamps(double x, double y)
            => Math.Clamp(x, -1.0, 1.0) * y + Math.Clamp(x * y, -0.5, 2.0);

        /// <summary>Clamp of a constant between active bounds (which must satisfy lo ≤ hi).</summary>
        [Differentiable]
        public static double ClampActiveBounds(double lo, double hi) => Math.Clamp(0.5, lo, hi);

        [Differentiable]
        public static double AbsMaxMin(double x, double y)
            => Math.Abs(x - y) + 2 * Math.Max(x, y) + Math.Min(x * y, 1.0);

        [Differentiable]
        public static double GradMathRectifiers(double x)
            => GradMath.LeakyRelu(x) + 2 * GradMath.LeakyRelu(x, 0.2) + GradMath.Relu(x) + GradMath.Softplus(x);

        /// <summary>LeakyRelu with an active slope.</summary>
        [Differentiable]
        public static double LeakyReluSlope(double x, double slope) => GradMath.LeakyRelu(x, slope);

        [Differentiable]
        public static double GradMathSmooth(double x)
            => GradMath.Erfc(x) * GradMath.Sigmoid(x) + GradMath.Erf(0.5 * x);
    }

    /// <summary>Single precision: float parameters, MathF, <c>out float gradX</c>.</summary>
    public static partial class FloatFunctions
    {
        [Differentiable]
        public static float FloatMix(float x, float y)
            => MathF.Sin(x) * y + MathF.Exp(-x * x) + MathF.Sqrt(1f + y * y);

        [Differentiable]
        public static float FloatPowLog(float x)
        {
            float r = MathF.Pow(x, 2.5f);
            r += MathF.Log(x);
            r -= MathF.Tanh(x);
            return r;
        }

        [Differentiable(nameof(x))]
        public static float FloatLoop(float x, int n)
        {
            float s = 0f;
            for (int i = 0; i < n; i++)
            {
                s = s * 0.5f + MathF.Cos(x * i);
            }
            return s;
        }

        [Differentiable]
        public static float FloatGradMath(float x)
            => GradMath.Sigmoid(x) * GradMath.Erf(x) + GradMath.LeakyRelu(x);

        [Differentiable(nameof(x))]
        public static float FloatOnlyX(float x, float a) => a * x * x + MathF.Abs(x - a);
    }
}
