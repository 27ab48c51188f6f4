using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    public static partial class MathFunctions
    {
        [Differentiable]
        public static double FusedMultiplyAdd(double x, double y) => Math.FusedMultiplyAdd(x, y, x * x);

        [Differentiable]
        public static double InverseHyperbolic(double x) => Math.Asinh(x) + Math.Acosh(x + 2) + Math.Atanh(x / 3);

        /// <summary>GradMath.LogSumExp over a stackalloc'ed span of active values (its hand-written pullback).</summary>
        [Differentiable]
        public static double LogSumExpOfThree(double a, double b, double c)
        {
            Span<double> v = stackalloc double[3];
            v[0] = a;
            v[1] = 2 * b;
            v[2] = a * c;
            return GradMath.LogSumExp(v);
        }

        /// <summary>A polynomial written with Math.Pow(x, j), j = 0…3 (a constant exponent, including 0).</summary>
        [Differentiable]
        public static double PolynomialViaPow(double x)
        {
            double s = 0;
            for (int j = 0; j <= 3; j++)
            {
                s += (j + 1) * Math.Pow(x, j);
            }
            return s;
        }

        /// <summary>A loop long enough that the value tape must grow past its stackalloc'ed start.</summary>
        [Differentiable(nameof(x))]
        public static double LongLoop(double x, int n)
        {
            double r = 0.5;
            for (int i = 0; i < n; i++)
            {
                r = Math.Sin(r) * x + 0.1 * Math.Cos(r);
            }
            return r;
        }
    }

    public static partial class FloatFunctions
    {
        [Differentiable]
        public static float FloatLogsAndAngles(float x, float y)
            => MathF.Log(x, 3f) + MathF.Atan2(y, x) + MathF.Cbrt(x) + MathF.Log10(x) + MathF.Log2(y);

        [Differentiable]
        public static float FloatSoftplusErfcRelu(float x, float beta)
            => GradMath.Softplus(x, beta) + GradMath.Erfc(x) + GradMath.Relu(x);

        [Differentiable(nameof(x))]
        public static float FloatTapedLoop(float x, int n)
        {
            float r = x;
            for (int i = 0; i < n; i++) r = MathF.Sin(r) * x;
            return r;
        }

        [Differentiable]
        public static float FloatCallsFloat(float x, float y)
            => FloatMix(x * y, y) + FloatOnlyX(x, 0.5f);
    }
}
