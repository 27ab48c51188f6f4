using System;
using GradGen;

namespace GradGen.Workloads
{
    /// <summary>
    /// Softmax cross-entropy of a linear classifier over a mini-batch:
    /// E(W, b) = −(1/N) Σ_n ln softmax(W x_n + b)_{y_n}, W classes×d, integer labels y_n ∈ [0, classes);
    /// the natural [Differentiable] form (logits into one buffer, a vector-valued <see cref="Softmax"/>
    /// into another, both reused across the batch) and an expert hand-written gradient
    /// (1/N) Σ_n (p_n − e_{y_n}) x_nᵀ.
    /// </summary>
    public static partial class SoftmaxCrossEntropy
    {
        /// <summary>Mean cross-entropy of softmax(W x_n + b) against <paramref name="labels"/>; <paramref name="xsFlat"/> holds the rows, d = xsFlat.Length / labels.Length.</summary>
        [Differentiable(nameof(W), nameof(b))]
        public static double Loss(double[,] W, double[] b, double[] xsFlat, int[] labels)
        {
            int classes = b.Length;
            int d = W.GetLength(1);
            double[] logits = new double[classes];
            double[] p = new double[classes];
            double loss = 0;
            for (int n = 0; n < labels.Length; n++)
            {
                for (int k = 0; k < classes; k++)
                {
                    double z = b[k];
                    for (int j = 0; j < d; j++)
                    {
                        z += W[k, j] * xsFlat[n * d + j];
                    }

                    logits[k] = z;
                }

                Softmax(logits, p);
                double q = p[labels[n]];
                loss -= Math.Log(q);
            }

            return loss / labels.Length;
        }

        /// <summary>p = softmax(z), shifted by max z so that no exponential overflows (the shift cancels: it is a constant of the quotient).</summary>
        [Differentiable(nameof(z))]
        public static void Softmax(double[] z, Span<double> p)
        {
            double max = z[0];
            for (int k = 1; k < z.Length; k++)
            {
                if (z[k] > max)
                {
                    max = z[k];
                }
            }

            double sum = 0;
            for (int k = 0; k < z.Length; k++)
            {
                double e = Math.Exp(z[k] - max);
                p[k] = e;
                sum += e;
            }

            for (int k = 0; k < z.Length; k++)
            {
                p[k] = p[k] / sum;
            }
        }

        /// <summary>
        /// Hand-written gradient of <see cref="Loss"/>: overwrites <paramref name="dW"/> and <paramref name="db"/>
        /// and returns E. One pass; the probabilities of the current row live on the stack (or in one
        /// array for many classes). ∂E/∂z_{nk} = (p_{nk} − [k = y_n]) / N, ∂E/∂W_kj = Σ_n ∂E/∂z_{nk} x_{nj}.
        /// </summary>
        public static double LossHandGradient(double[,] W, double[] b, double[] xsFlat, int[] labels, double[,] dW, Span<double> db)
        {
            int classes = b.Length;
            int d = W.GetLength(1);
            if (W.GetLength(0) != classes || dW.GetLength(0) != classes || dW.GetLength(1) != d || db.Length != classes)
            {
                throw new ArgumentException("W and dW must be classes×d and db must have one entry per class.", nameof(dW));
            }

            Span<double> p = classes <= 256 ? stackalloc double[classes] : new double[classes];
            Array.Clear(dW);
            db.Clear();
            double loss = 0;
            double invN = 1.0 / labels.Length;
            for (int n = 0; n < labels.Length; n++)
            {
                ReadOnlySpan<double> x = xsFlat.AsSpan(n * d, d);
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++)
                {
                    double z = b[k];
                    for (int j = 0; j < d; j++)
                    {
                        z += W[k, j] * x[j];
                    }

                    p[k] = z;
                    max = Math.Max(max, z);
                }

                double sum = 0;
                for (int k = 0; k < classes; k++)
                {
                    double e = Math.Exp(p[k] - max);
                    p[k] = e;
                    sum += e;
                }

                int label = labels[n];
                loss -= Math.Log(p[label] / sum);
                for (int k = 0; k < classes; k++)
                {
                    double dz = (p[k] / sum - (k == label ? 1.0 : 0.0)) * invN;
                    db[k] += dz;
                    for (int j = 0; j < d; j++)
                    {
                        dW[k, j] += dz * x[j];
                    }
                }
            }

            return loss * invN;
        }
    }
}
