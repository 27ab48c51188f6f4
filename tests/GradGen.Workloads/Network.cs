using System;
using GradGen;

namespace GradGen.Workloads
{
    /// <summary>
    /// A one-hidden-layer network with a logistic loss (worksheet row 16):
    /// ln(1 + exp(−y wᵀσ̂(Wx + b))), σ̂ the elementwise sigmoid, W hidden×d, y ∈ {−1, +1};
    /// on one example and summed over a mini-batch, with hand-written gradients.
    /// </summary>
    /// <remarks>
    /// The hidden weights are named <c>V</c> in the objectives: with the worksheet's <c>W</c> and <c>w</c>
    /// both gradient outputs would be named <c>gradW</c> (docs/reference.md §2), which GradGen reports as GG0019.
    /// </remarks>
    public static partial class Network
    {
        /// <summary>The loss of one example (<paramref name="x"/>, <paramref name="y"/>).</summary>
        [Differentiable(nameof(V), nameof(b), nameof(w))]
        public static double Loss(double[,] V, double[] b, double[] w, double[] x, double y)
        {
            double s = 0;
            for (int h = 0; h < b.Length; h++)
            {
                double z = b[h];
                for (int j = 0; j < x.Length; j++)
                {
                    z += V[h, j] * x[j];
                }

                s += w[h] * Sigmoid(z);
            }

            return Math.Log(1 + Math.Exp(-y * s));
        }

        /// <summary>The loss summed (not averaged) over the mini-batch (<paramref name="xs"/>, <paramref name="ys"/>).</summary>
        [Differentiable(nameof(V), nameof(b), nameof(w))]
        public static double BatchLoss(double[,] V, double[] b, double[] w, double[][] xs, double[] ys)
        {
            double total = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                total += Loss(V, b, w, xs[n], ys[n]);
            }

            return total;
        }

        /// <summary>The logistic function 1 / (1 + e^−z).</summary>
        [Differentiable]
        public static double Sigmoid(double z)
        {
            return 1 / (1 + Math.Exp(-z));
        }

        /// <summary>
        /// Hand-written gradient of <see cref="Loss"/>: overwrites <paramref name="dW"/>, <paramref name="db"/>
        /// and <paramref name="dw"/> and returns the loss. No allocation: the hidden activations are
        /// kept in <paramref name="dw"/> until the loss's derivative is known.
        /// </summary>
        public static double LossHandGradient(double[,] W, double[] b, double[] w, double[] x, double y, double[,] dW, Span<double> db, Span<double> dw)
        {
            CheckShapes(W, b, w, dW, db, dw);
            int hidden = b.Length;
            int d = x.Length;

            // Forward: a_h = σ(W_h·x + b_h), stored in dw; s = wᵀa.
            double s = 0;
            for (int h = 0; h < hidden; h++)
            {
                double z = b[h];
                for (int j = 0; j < d; j++)
                {
                    z += W[h, j] * x[j];
                }

                double a = Sigmoid(z);
                dw[h] = a;
                s += w[h] * a;
            }

            // d/ds ln(1 + e^{−ys}) = −y σ(−ys)
            double e = Math.Exp(-y * s);
            double dS = -y * (e / (1 + e));

            // Backward: ∂/∂w_h = dS·a_h; ∂/∂z_h = dS·w_h·a_h(1 − a_h) = ∂/∂b_h; ∂/∂W_hj = ∂/∂z_h · x_j.
            for (int h = 0; h < hidden; h++)
            {
                double a = dw[h];
                double dZ = dS * w[h] * a * (1 - a);
                dw[h] = dS * a;
                db[h] = dZ;
                for (int j = 0; j < d; j++)
                {
                    dW[h, j] = dZ * x[j];
                }
            }

            return Math.Log(1 + e);
        }

        /// <summary>
        /// Hand-written gradient of <see cref="BatchLoss"/>: overwrites <paramref name="dW"/>, <paramref name="db"/>
        /// and <paramref name="dw"/> and returns the summed loss. One pass over the batch; the hidden
        /// activations of the current example live on the stack (or in one array if the layer is wide).
        /// </summary>
        public static double BatchLossHandGradient(double[,] W, double[] b, double[] w, double[][] xs, double[] ys, double[,] dW, Span<double> db, Span<double> dw)
        {
            CheckShapes(W, b, w, dW, db, dw);
            int hidden = b.Length;
            Span<double> activations = hidden <= 256 ? stackalloc double[hidden] : new double[hidden];
            Array.Clear(dW);
            db.Clear();
            dw.Clear();

            double total = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double[] x = xs[n];
                double y = ys[n];
                double s = 0;
                for (int h = 0; h < hidden; h++)
                {
                    double z = b[h];
                    for (int j = 0; j < x.Length; j++)
                    {
                        z += W[h, j] * x[j];
                    }

                    double a = Sigmoid(z);
                    activations[h] = a;
                    s += w[h] * a;
                }

                double e = Math.Exp(-y * s);
                total += Math.Log(1 + e);
                double dS = -y * (e / (1 + e));
                for (int h = 0; h < hidden; h++)
                {
                    double a = activations[h];
                    double dZ = dS * w[h] * a * (1 - a);
                    dw[h] += dS * a;
                    db[h] += dZ;
                    for (int j = 0; j < x.Length; j++)
                    {
                        dW[h, j] += dZ * x[j];
                    }
                }
            }

            return total;
        }

        private static void CheckShapes(double[,] W, double[] b, double[] w, double[,] dW, Span<double> db, Span<double> dw)
        {
            if (W.GetLength(0) != b.Length || w.Length != b.Length)
            {
                throw new ArgumentException("W must have b.Length rows and w must have b.Length entries.", nameof(W));
            }

            if (dW.GetLength(0) != W.GetLength(0) || dW.GetLength(1) != W.GetLength(1))
            {
                throw new ArgumentException("dW must have W's shape.", nameof(dW));
            }

            if (db.Length != b.Length)
            {
                throw new ArgumentException($"Expected length {b.Length}, got {db.Length}.", nameof(db));
            }

            if (dw.Length != w.Length)
            {
                throw new ArgumentException($"Expected length {w.Length}, got {dw.Length}.", nameof(dw));
            }
        }
    }
}
