using System;
using GradGen;

namespace ParallelTraining
{
    /// <summary>
    /// A one-hidden-layer classifier: h = tanh(W1 x + b1), logits z = W2 h + b2, and its loss, the
    /// softmax cross-entropy −ln softmax(z)_y summed over some rows of the data set. GradGen generates
    /// <c>LossGradient</c> and <c>LossPullback</c> from <see cref="Loss"/>.
    /// </summary>
    public static partial class Classifier
    {
        /// <summary>
        /// Σ over rows[start .. start + count) of −ln softmax(W2 tanh(W1 x_n + b1) + b2)_{labels[n]};
        /// <paramref name="xs"/> holds the examples row-major, W1.GetLength(1) features each.
        /// A sum, not a mean: the trainer's Pullback seed (1 / minibatch size) makes it a mean,
        /// whatever share of the minibatch one core gets.
        /// </summary>
        [Differentiable(nameof(W1), nameof(b1), nameof(W2), nameof(b2))]
        public static double Loss(double[,] W1, double[] b1, double[,] W2, double[] b2, double[] xs, int[] labels, int[] rows, int start, int count)
        {
            int hidden = b1.Length;
            int classes = b2.Length;
            int d = W1.GetLength(1);
            double[] h = new double[hidden];
            double[] z = new double[classes];
            double loss = 0;
            for (int r = start; r < start + count; r++)
            {
                int n = rows[r];
                for (int u = 0; u < hidden; u++)
                {
                    double a = b1[u];
                    for (int j = 0; j < d; j++)
                    {
                        a += W1[u, j] * xs[n * d + j];
                    }

                    h[u] = Math.Tanh(a);
                }

                for (int k = 0; k < classes; k++)
                {
                    double s = b2[k];
                    for (int u = 0; u < hidden; u++)
                    {
                        s += W2[k, u] * h[u];
                    }

                    z[k] = s;
                }

                // −ln softmax(z)_y = ln Σ_k e^{z_k − max} + max − z_y (shifted so no exponential overflows).
                double max = z[0];
                for (int k = 1; k < classes; k++)
                {
                    max = Math.Max(max, z[k]);
                }

                double sum = 0;
                for (int k = 0; k < classes; k++)
                {
                    sum += Math.Exp(z[k] - max);
                }

                loss += Math.Log(sum) + max - z[labels[n]];
            }

            return loss;
        }

        /// <summary>The most probable class of example <paramref name="n"/>.</summary>
        public static int Predict(Parameters p, double[] xs, int n)
        {
            int hidden = p.B1.Length;
            int d = p.W1.GetLength(1);
            Span<double> h = stackalloc double[hidden];
            for (int u = 0; u < hidden; u++)
            {
                double a = p.B1[u];
                for (int j = 0; j < d; j++)
                {
                    a += p.W1[u, j] * xs[n * d + j];
                }

                h[u] = Math.Tanh(a);
            }

            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int k = 0; k < p.B2.Length; k++)
            {
                double s = p.B2[k];
                for (int u = 0; u < hidden; u++)
                {
                    s += p.W2[k, u] * h[u];
                }

                if (s > bestScore)
                {
                    bestScore = s;
                    best = k;
                }
            }

            return best;
        }
    }
}
