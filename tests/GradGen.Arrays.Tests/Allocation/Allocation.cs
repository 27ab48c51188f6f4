using System;
using GradGen;

namespace GradGen.Arrays.Tests
{
    /// <summary>Methods whose generated gradients must not allocate on the heap (docs/reference.md §2, §6).</summary>
    public static partial class Allocation
    {
        /// <summary>Logistic regression, the docs/reference.md §1 example: (1/N) Σₙ ln(1 + e^{−yₙ wᵀxₙ}).</summary>
        [Differentiable(nameof(w))]
        public static double Logistic(double[] w, double[][] xs, double[] ys)
        {
            double sum = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
                sum += Math.Log(1 + Math.Exp(-ys[n] * s));
            }
            return sum / xs.Length;
        }

        /// <summary>A vector-valued layer: y = tanh(W x + b) with respect to x (and its Pullback to W, b elsewhere).</summary>
        [Differentiable(nameof(x))]
        public static void Layer(double[,] W, double[] b, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < b.Length; i++)
            {
                double z = b[i];
                for (int j = 0; j < x.Length; j++) z += W[i, j] * x[j];
                y[i] = Math.Tanh(z);
            }
        }
    }
}
