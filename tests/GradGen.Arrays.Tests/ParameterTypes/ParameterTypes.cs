using System;
using GradGen;

namespace GradGen.Arrays.Tests
{
    /// <summary>One method per differentiable array parameter type (docs/reference.md §1), and one with all of them.</summary>
    public static partial class ParameterTypes
    {
        /// <summary>double[]: Σ (i+1) wᵢ² + ln(1 + e^{wᵢ}).</summary>
        [Differentiable]
        public static double WeightedSquares(double[] w)
        {
            double s = 0;
            for (int i = 0; i < w.Length; i++) s += (i + 1) * w[i] * w[i] + Math.Log(1 + Math.Exp(w[i]));
            return s;
        }

        /// <summary>float[]: Σ (i+1) sin(wᵢ) wᵢ, in float.</summary>
        [Differentiable]
        public static float SinWeightedF(float[] w)
        {
            float s = 0f;
            for (int i = 0; i < w.Length; i++) s += (i + 1) * MathF.Sin(w[i]) * w[i];
            return s;
        }

        /// <summary>ReadOnlySpan&lt;double&gt; wrt, with a constant double[]: Σ cᵢ xᵢ³ + (Σ xᵢ)².</summary>
        [Differentiable(nameof(x))]
        public static double CubicReadOnlySpan(ReadOnlySpan<double> x, double[] c)
        {
            double s = 0, t = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += c[i] * x[i] * x[i] * x[i];
                t += x[i];
            }
            return s + t * t;
        }

        /// <summary>Span&lt;double&gt; as an input (only read): √(1 + ‖x‖²).</summary>
        [Differentiable]
        public static double NormSpanInput(Span<double> x)
        {
            double s = 1;
            for (int i = 0; i < x.Length; i++) s += x[i] * x[i];
            return Math.Sqrt(s);
        }

        /// <summary>double[,] wrt: ½‖Wx‖², gradient (Wx)xᵀ.</summary>
        [Differentiable(nameof(W))]
        public static double HalfSquaredImage(double[,] W, double[] x)
        {
            double total = 0;
            for (int i = 0; i < W.GetLength(0); i++)
            {
                double r = 0;
                for (int j = 0; j < W.GetLength(1); j++) r += W[i, j] * x[j];
                total += r * r;
            }
            return 0.5 * total;
        }

        /// <summary>double[][] wrt, ragged rows: Σᵢ Σⱼ (i+1) Wᵢⱼ² + exp(Wᵢⱼ / (j+1)).</summary>
        [Differentiable]
        public static double RaggedRows(double[][] W)
        {
            double total = 0;
            for (int i = 0; i < W.Length; i++)
            {
                for (int j = 0; j < W[i].Length; j++) total += (i + 1) * W[i][j] * W[i][j] + Math.Exp(W[i][j] / (j + 1));
            }
            return total;
        }

        /// <summary>
        /// Every type at once, in this order: double a, double[] v, ReadOnlySpan s, double[,] M, double[][] J.
        /// f = a·Σvᵢ² + Σ sᵢ vᵢ + Σ Mᵢⱼ vᵢ sⱼ + Σ Jᵢⱼ² a.
        /// </summary>
        [Differentiable]
        public static double Mixed(double a, double[] v, ReadOnlySpan<double> s, double[,] M, double[][] J)
        {
            double total = 0;
            for (int i = 0; i < v.Length; i++)
            {
                total += a * v[i] * v[i] + s[i] * v[i];
                for (int j = 0; j < s.Length; j++) total += M[i, j] * v[i] * s[j];
            }
            for (int i = 0; i < J.Length; i++)
            {
                for (int j = 0; j < J[i].Length; j++) total += J[i][j] * J[i][j] * a;
            }
            return total;
        }
    }
}
