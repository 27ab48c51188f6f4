using System;
using Xunit.Sdk;

namespace GradGen.EndToEnd.Tests
{
    internal delegate float GradientFnF(float[] x, float[] grad);

    internal delegate float PullbackFnF(float[] x, float seed, float[] grad);

    /// <summary>
    /// The <see cref="GradAssert.Verify"/> checks for float methods. Single precision cannot meet
    /// the double tolerances: the gradient is compared with the closed form (evaluated in double)
    /// to 1e-5, and with float central differences of step 1e-2·max(1, |x|) to 2e-3 (truncation
    /// error ~h², rounding ~2⁻²⁴/h).
    /// </summary>
    internal static class FloatAssert
    {
        public const double ClosedFormTolerance = 1e-5;
        public const double DifferenceTolerance = 2e-3;

        public static void Verify(
            string name,
            Func<float[], float> f,
            GradientFnF gradient,
            PullbackFnF pullback,
            Func<double[], double[]> closedForm,
            Func<Random, double[]> sample,
            int points = GradAssert.Points)
        {
            var random = new Random(GradAssert.StableSeed(name));
            for (int p = 0; p < points; p++)
            {
                double[] xd = sample(random);
                float[] x = Array.ConvertAll(xd, v => (float)v);
                xd = Array.ConvertAll(x, v => (double)v); // the point actually used
                string at = name + " at (" + string.Join(", ", xd) + ")";

                float expectedValue = f((float[])x.Clone());
                float[] g = new float[x.Length];
                for (int i = 0; i < g.Length; i++) g[i] = i % 2 == 0 ? float.NaN : 1e30f;
                float value = gradient((float[])x.Clone(), g);
                if (!expectedValue.Equals(value)) throw new XunitException($"{at}: Gradient's value {value} != {expectedValue}");
                for (int i = 0; i < g.Length; i++)
                {
                    if (!float.IsFinite(g[i])) throw new XunitException($"{at}: grad[{i}] = {g[i]} (not overwritten or not finite)");
                }

                double[] expected = closedForm(xd);
                for (int i = 0; i < x.Length; i++)
                {
                    GradAssert.Close(expected[i], g[i], ClosedFormTolerance, $"{at} vs closed form [component {i}]");
                }

                for (int i = 0; i < x.Length; i++)
                {
                    float[] plus = (float[])x.Clone(), minus = (float[])x.Clone();
                    float h = 1e-2f * MathF.Max(1f, MathF.Abs(x[i]));
                    plus[i] += h;
                    minus[i] -= h;
                    double numerical = ((double)f(plus) - f(minus)) / ((double)plus[i] - minus[i]);
                    GradAssert.Close(numerical, g[i], DifferenceTolerance, $"{at} vs float central differences [component {i}]");
                }

                float seed = 1.5f;
                float[] acc = new float[x.Length];
                for (int i = 0; i < acc.Length; i++) acc[i] = i - 0.25f;
                float[] before = (float[])acc.Clone();
                float pulled = pullback((float[])x.Clone(), seed, acc);
                if (!expectedValue.Equals(pulled)) throw new XunitException($"{at}: Pullback's value {pulled} != {expectedValue}");
                for (int i = 0; i < x.Length; i++)
                {
                    GradAssert.Close(before[i] + seed * (double)g[i], acc[i], 1e-6, $"{at}: Pullback accumulation [component {i}]");
                }
            }
        }
    }
}
