using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// A scratch array reused on every iteration, written by a call (or zeroed) and read through a
    /// local: the reverse sweep must see each iteration's scratch values, not the last iteration's.
    /// </summary>
    public static partial class ScratchReuse
    {
        [Differentiable]
        public static void Double(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < x.Length; i++) y[i] = 2 * x[i];
        }

        [Differentiable]
        public static void Softmax(ReadOnlySpan<double> z, Span<double> p)
        {
            double mx = z[0];
            for (int i = 1; i < z.Length; i++) mx = Math.Max(mx, z[i]);
            double total = 0;
            for (int i = 0; i < z.Length; i++)
            {
                p[i] = Math.Exp(z[i] - mx);
                total += p[i];
            }
            for (int i = 0; i < z.Length; i++) p[i] /= total;
        }

        [Differentiable]
        public static void Normalize(ReadOnlySpan<double> x, Span<double> y)
        {
            double mean = 0;
            for (int i = 0; i < x.Length; i++) mean += x[i];
            mean /= x.Length;
            double variance = 0;
            for (int i = 0; i < x.Length; i++) variance += (x[i] - mean) * (x[i] - mean);
            variance /= x.Length;
            double inv = 1.0 / Math.Sqrt(variance + 1e-5);
            for (int i = 0; i < x.Length; i++) y[i] = (x[i] - mean) * inv;
        }

        [Differentiable]
        public static double Square(double u) => u * u;

        /// <summary>The repro: a local recomputed from a scratch the next row's call overwrites.</summary>
        [Differentiable(nameof(X))]
        public static double ScratchRead(double[][] X)
        {
            double[] buf = new double[X[0].Length];
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                Double(X[n], buf);
                for (int j = 0; j < buf.Length; j++)
                {
                    double d = buf[j] - 1.0;
                    loss += d * d;
                }
            }
            return loss;
        }

        /// <summary>Per-sample softmax cross-entropy, the textbook way.</summary>
        [Differentiable(nameof(logits))]
        public static double CrossEntropy(double[][] logits, int[] labels)
        {
            double[] p = new double[logits[0].Length];
            double loss = 0;
            for (int n = 0; n < logits.Length; n++)
            {
                Softmax(logits[n], p);
                double q = p[labels[n]];
                loss -= Math.Log(q);
            }
            return loss;
        }

        /// <summary>Layer-normalize each row into a buffer, then a weighted square loss.</summary>
        [Differentiable(nameof(X), nameof(g))]
        public static double LayerNormLoss(double[][] X, double[] g)
        {
            double[] h = new double[g.Length];
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                Normalize(X[n], h);
                for (int j = 0; j < h.Length; j++)
                {
                    double t = h[j] * g[j] - 0.5;
                    loss += t * t;
                }
            }
            return loss;
        }

        /// <summary>Recomputed locals read in a loop nested inside the loop that defines them.</summary>
        [Differentiable(nameof(X), nameof(w))]
        public static double NestedReads(double[][] X, double[] w)
        {
            double[] buf = new double[X[0].Length];
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                Double(X[n], buf);
                double first = buf[0] * 0.5 + 1.0;
                for (int j = 0; j < buf.Length; j++)
                {
                    double d = buf[j] * first;
                    for (int k = 0; k < w.Length; k++) loss += Math.Sin(d * w[k]);
                }
            }
            return loss;
        }

        /// <summary>Scalar callees: the scratch filled element by element by one, a local of it fed to another.</summary>
        [Differentiable(nameof(X))]
        public static double ScalarCallees(double[][] X)
        {
            double[] buf = new double[X[0].Length];
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                for (int j = 0; j < buf.Length; j++) buf[j] = Square(X[n][j]);
                for (int j = 0; j < buf.Length; j++)
                {
                    double d = buf[j] - 1.0;
                    loss += Square(d) * X[n][j];
                }
            }
            return loss;
        }

        /// <summary>A scratch made inside the loop (zeroed on every row), accumulated into, read through a local.</summary>
        [Differentiable(nameof(X))]
        public static double ZeroedScratch(double[][] X)
        {
            int m = X[0].Length;
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                double[] acc = new double[m];
                for (int j = 0; j < acc.Length; j++) acc[j] += X[n][j] * X[n][j];
                for (int j = 0; j < acc.Length; j++)
                {
                    double d = acc[j] - 0.5;
                    loss += d * d;
                }
            }
            return loss;
        }

        /// <summary>
        /// The last loop feeds the result linearly, so its reverse sweep runs inside it (a fused loop):
        /// a local recomputed in an inner loop from a scratch that the next inner loop overwrites.
        /// </summary>
        [Differentiable(nameof(X))]
        public static double FusedScratch(double[][] X)
        {
            double[] buf = new double[X[0].Length];
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                for (int j = 0; j < buf.Length; j++) buf[j] = Math.Sin(X[n][j]);
                for (int j = 0; j < buf.Length; j++)
                {
                    double d = buf[j] * X[n][j];
                    loss += d * d * buf[j];
                }
                for (int j = 0; j < buf.Length; j++) buf[j] = X[n][j] * 3.0;
                for (int j = 0; j < buf.Length; j++) loss += buf[j] * 0.1;
            }
            return loss / X.Length;
        }

        /// <summary>The scratch written by the call after the local is read, in the same iteration.</summary>
        [Differentiable(nameof(X))]
        public static double ReadThenOverwrite(double[][] X)
        {
            double[] buf = new double[X[0].Length];
            Double(X[0], buf);
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                for (int j = 0; j < buf.Length; j++)
                {
                    double d = buf[j] * X[n][j];
                    loss += d * d;
                }
                Double(X[n], buf);
            }
            return loss;
        }

        /// <summary>
        /// As <see cref="LayerNormLoss"/>, but the buffer enters the loss additively: the reverse sweep
        /// reads <c>h</c> only through the recomputed local, so nothing else restores it per row.
        /// </summary>
        [Differentiable(nameof(X), nameof(g))]
        public static double LayerNormShift(double[][] X, double[] g)
        {
            double[] h = new double[g.Length];
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                Normalize(X[n], h);
                for (int j = 0; j < h.Length; j++)
                {
                    double t = h[j] - 0.5 * g[j];
                    loss += t * t;
                }
            }
            return loss;
        }

        /// <summary>As <see cref="ReadThenOverwrite"/>, with the buffer entering linearly: only the recomputed local reads it.</summary>
        [Differentiable(nameof(X))]
        public static double ReadThenOverwriteSum(double[][] X)
        {
            double[] buf = new double[X[0].Length];
            Double(X[0], buf);
            double loss = 0;
            for (int n = 0; n < X.Length; n++)
            {
                for (int j = 0; j < buf.Length; j++)
                {
                    double d = buf[j] + X[n][j];
                    loss += d * d;
                }
                Double(X[n], buf);
            }
            return loss;
        }
    }
}
