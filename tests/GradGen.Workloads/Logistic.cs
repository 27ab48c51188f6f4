using System;
using GradGen;

namespace GradGen.Workloads
{
    /// <summary>
    /// Logistic regression loss E(w) = (1/N) Σ_n ln(1 + e^{−y_n wᵀx_n}), y_n ∈ {−1, +1}
    /// (the example of docs/reference.md §1, worksheet row 11), over jagged rows and over flat row-major spans,
    /// with hand-written gradients (1/N) Σ_n −y_n σ(−y_n wᵀx_n) x_n.
    /// </summary>
    public static partial class Logistic
    {
        /// <summary>Mean logistic loss over the rows of <paramref name="xs"/> with labels <paramref name="ys"/> (±1).</summary>
        [Differentiable(nameof(w))]
        public static double Loss(double[] w, double[][] xs, double[] ys)
        {
            double sum = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double s = 0;
                for (int j = 0; j < w.Length; j++)
                {
                    s += w[j] * xs[n][j];
                }

                sum += Math.Log(1 + Math.Exp(-ys[n] * s));
            }

            return sum / xs.Length;
        }

        /// <summary>
        /// The same loss over flat data: <paramref name="xsFlat"/> holds <c>ys.Length</c> rows of
        /// <paramref name="d"/> features, row-major.
        /// </summary>
        [Differentiable(nameof(w))]
        public static double LossSpan(ReadOnlySpan<double> w, ReadOnlySpan<double> xsFlat, ReadOnlySpan<double> ys, int d)
        {
            double sum = 0;
            for (int n = 0; n < ys.Length; n++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += w[j] * xsFlat[n * d + j];
                }

                sum += Math.Log(1 + Math.Exp(-ys[n] * s));
            }

            return sum / ys.Length;
        }

        /// <summary>
        /// Hand-written gradient of <see cref="Loss"/>: overwrites <paramref name="dW"/> with ∂E/∂w and returns E.
        /// One fused pass over the examples (a dot product, then one axpy per row); no allocation.
        /// </summary>
        public static double LossHandGradient(double[] w, double[][] xs, double[] ys, Span<double> dW)
        {
            if (dW.Length != w.Length)
            {
                throw new ArgumentException($"Expected length {w.Length}, got {dW.Length}.", nameof(dW));
            }

            dW.Clear();
            double sum = 0;
            double invN = 1.0 / xs.Length;
            for (int n = 0; n < xs.Length; n++)
            {
                double[] row = xs[n];
                double s = 0;
                for (int j = 0; j < w.Length; j++)
                {
                    s += w[j] * row[j];
                }

                // d/ds ln(1 + e^{−ys}) = −y e^{−ys} / (1 + e^{−ys}) = −y σ(−ys)
                double e = Math.Exp(-ys[n] * s);
                sum += Math.Log(1 + e);
                double coefficient = -ys[n] * (e / (1 + e)) * invN;
                for (int j = 0; j < w.Length; j++)
                {
                    dW[j] += coefficient * row[j];
                }
            }

            return sum / xs.Length;
        }

        /// <summary>
        /// Hand-written gradient of <see cref="LossSpan"/>: overwrites <paramref name="dW"/> with ∂E/∂w and returns E.
        /// One fused pass over the examples; no allocation.
        /// </summary>
        public static double LossSpanHandGradient(ReadOnlySpan<double> w, ReadOnlySpan<double> xsFlat, ReadOnlySpan<double> ys, int d, Span<double> dW)
        {
            if (dW.Length != w.Length)
            {
                throw new ArgumentException($"Expected length {w.Length}, got {dW.Length}.", nameof(dW));
            }

            dW.Clear();
            double sum = 0;
            double invN = 1.0 / ys.Length;
            for (int n = 0; n < ys.Length; n++)
            {
                ReadOnlySpan<double> row = xsFlat.Slice(n * d, d);
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += w[j] * row[j];
                }

                double e = Math.Exp(-ys[n] * s);
                sum += Math.Log(1 + e);
                double coefficient = -ys[n] * (e / (1 + e)) * invN;
                for (int j = 0; j < d; j++)
                {
                    dW[j] += coefficient * row[j];
                }
            }

            return sum / ys.Length;
        }
    }
}
