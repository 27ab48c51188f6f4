using System;
using GradGen.Workloads;

namespace GradGen.Benchmarks.Analysis
{
    /// <summary>
    /// Copies of GradGen's generated logistic-regression gradient (Logistic.LossPullback), each changing
    /// one thing: the direction of the reverse sweep's inner loop, and hoisting the row <c>xs[n]</c>.
    /// </summary>
    internal static class LogisticVariants
    {
        /// <summary>L1: as generated, but the reverse sweep's inner loop counts up (j = 0 … d−1).</summary>
        public static double LoopUp(double[] w, double[][] xs, double[] ys, Span<double> gradW)
        {
            gradW.Clear();
            double dS = 0.0, s = 0.0, exp1 = 0.0;
            var doubleTape = new ValueTape<double>(stackalloc double[64]);
            double sum = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                s = 0;
                for (int j = 0; j < w.Length; j++)
                {
                    s += w[j] * xs[n][j];
                }

                doubleTape.Push(exp1);
                exp1 = Math.Exp(-ys[n] * s);
                sum += Math.Log(1 + exp1);
            }

            double result = sum / xs.Length;
            double dSum = 1.0 / xs.Length;
            for (int n = xs.Length - 1; n >= 0; n--)
            {
                double dExp1 = dSum / (1 + exp1);
                dS += dExp1 * exp1 * -ys[n];
                exp1 = doubleTape.Pop();
                for (int j = 0; j < w.Length; j++)
                {
                    gradW[j] += dS * xs[n][j];
                }

                dS = 0.0;
            }

            doubleTape.Dispose();
            return result;
        }

        /// <summary>L2: as generated (inner loop counting down), but the row is read once: <c>double[] row = xs[n]</c>.</summary>
        public static double HoistedRow(double[] w, double[][] xs, double[] ys, Span<double> gradW)
        {
            gradW.Clear();
            double dS = 0.0, s = 0.0, exp1 = 0.0;
            var doubleTape = new ValueTape<double>(stackalloc double[64]);
            double sum = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double[] row = xs[n];
                s = 0;
                for (int j = 0; j < w.Length; j++)
                {
                    s += w[j] * row[j];
                }

                doubleTape.Push(exp1);
                exp1 = Math.Exp(-ys[n] * s);
                sum += Math.Log(1 + exp1);
            }

            double result = sum / xs.Length;
            double dSum = 1.0 / xs.Length;
            for (int n = xs.Length - 1; n >= 0; n--)
            {
                double dExp1 = dSum / (1 + exp1);
                dS += dExp1 * exp1 * -ys[n];
                exp1 = doubleTape.Pop();
                double[] row = xs[n];
                for (int j = w.Length - 1; j >= 0; j--)
                {
                    gradW[j] += dS * row[j];
                }

                dS = 0.0;
            }

            doubleTape.Dispose();
            return result;
        }
    }

    /// <summary>Copies of the generated extended-Rosenbrock gradient (Rosenbrock.ExtendedPullback), each changing one thing.</summary>
    internal static class RosenbrockVariants
    {
        /// <summary>
        /// R2: as generated, but t1 and t2 are recomputed from x in the reverse sweep (x is an input, never
        /// written) instead of pushed and popped: no tape.
        /// </summary>
        public static double Recompute(double[] x, Span<double> gradX)
        {
            gradX.Clear();
            double f = 0;
            for (int i = 0; i < x.Length / 2; i++)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                f += 100 * t1 * t1 + t2 * t2;
            }

            double dF = 1.0;
            for (int i = x.Length / 2 - 1; i >= 0; i--)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                double dT1 = 0.0, dT2 = 0.0;
                dT1 += dF * t1 * 100;
                dT1 += dF * (100 * t1);
                dT2 += dF * t2;
                dT2 += dF * t2;
                gradX[2 * i] -= dT2;
                gradX[2 * i + 1] += dT1;
                double adj1 = -dT1;
                gradX[2 * i] += adj1 * x[2 * i];
                gradX[2 * i] += adj1 * x[2 * i];
            }

            return f;
        }

        /// <summary>R3: R2 with the duplicated adjoint statements merged (one update per gradient entry).</summary>
        public static double RecomputeMerged(double[] x, Span<double> gradX)
        {
            gradX.Clear();
            double f = 0;
            for (int i = 0; i < x.Length / 2; i++)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                f += 100 * t1 * t1 + t2 * t2;
            }

            for (int i = x.Length / 2 - 1; i >= 0; i--)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                double dT1 = 200 * t1;
                gradX[2 * i] += -2 * t2 - 2 * dT1 * x[2 * i];
                gradX[2 * i + 1] += dT1;
            }

            return f;
        }

        /// <summary>R4: R3 with the reverse loop counting up (the iterations are independent).</summary>
        public static double RecomputeMergedLoopUp(double[] x, Span<double> gradX)
        {
            gradX.Clear();
            double f = 0;
            int pairs = x.Length / 2;
            for (int i = 0; i < pairs; i++)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                f += 100 * t1 * t1 + t2 * t2;
            }

            for (int i = 0; i < pairs; i++)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                double dT1 = 200 * t1;
                gradX[2 * i] += -2 * t2 - 2 * dT1 * x[2 * i];
                gradX[2 * i + 1] += dT1;
            }

            return f;
        }

        /// <summary>
        /// R5: one loop: each pair's adjoint right after its value (the adjoint of f is the seed throughout),
        /// still clearing gradX first and accumulating with +=.
        /// </summary>
        public static double Fused(double[] x, Span<double> gradX)
        {
            gradX.Clear();
            double f = 0;
            int pairs = x.Length / 2;
            for (int i = 0; i < pairs; i++)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                f += 100 * t1 * t1 + t2 * t2;
                double dT1 = 200 * t1;
                gradX[2 * i] += -2 * t2 - 2 * dT1 * x[2 * i];
                gradX[2 * i + 1] += dT1;
            }

            return f;
        }
    }

    /// <summary>Copies of the generated network gradient (Network.BatchLossPullback / LossPullback), each changing one thing.</summary>
    internal static class NetworkVariants
    {
        /// <summary>
        /// N1: the batch loop calls LossPullback once per example (its seed, the adjoint of <c>total</c>, is the
        /// caller's seed throughout), instead of Loss in the forward sweep and LossPullback (which runs
        /// Loss's forward again) in the reverse sweep.
        /// </summary>
        public static double SinglePass(double[,] V, double[] b, double[] w, double[][] xs, double[] ys, double[,] gradV, Span<double> gradB, Span<double> gradW)
        {
            Array.Clear(gradV);
            gradB.Clear();
            gradW.Clear();
            double total = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                total += Network.LossPullback(V, b, w, xs[n], ys[n], 1.0, gradV, gradB, gradW);
            }

            return total;
        }

        /// <summary>
        /// N2: N1, and the per-example pullback keeps the activations σ(z_h) (a stackalloc buffer) instead of
        /// pushing z_h and recomputing Sigmoid(z_h) and SigmoidPullback(z_h) (two Exp) in the reverse sweep.
        /// </summary>
        public static double SinglePassKeptActivations(double[,] V, double[] b, double[] w, double[][] xs, double[] ys, double[,] gradV, Span<double> gradB, Span<double> gradW)
        {
            Array.Clear(gradV);
            gradB.Clear();
            gradW.Clear();
            double total = 0;
            Span<double> activations = stackalloc double[b.Length];
            for (int n = 0; n < xs.Length; n++)
            {
                total += LossPullbackKeptActivations(V, b, w, xs[n], ys[n], 1.0, gradV, gradB, gradW, activations);
            }

            return total;
        }

        /// <summary>N3: N1 with the copy of LossPullback whose adjoints are declared at the start of its reverse sweep.</summary>
        public static double SinglePassScopedAdjoints(double[,] V, double[] b, double[] w, double[][] xs, double[] ys, double[,] gradV, Span<double> gradB, Span<double> gradW)
        {
            Array.Clear(gradV);
            gradB.Clear();
            gradW.Clear();
            double total = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                total += NetworkCopies.LossPullbackScopedAdjoints(V, b, w, xs[n], ys[n], 1.0, gradV, gradB, gradW);
            }

            return total;
        }

        private static double LossPullbackKeptActivations(double[,] V, double[] b, double[] w, double[] x, double y, double seed, double[,] gradV, Span<double> gradB, Span<double> gradW, Span<double> a)
        {
            double s = 0;
            for (int h = 0; h < b.Length; h++)
            {
                double z = b[h];
                for (int j = 0; j < x.Length; j++)
                {
                    z += V[h, j] * x[j];
                }

                a[h] = Network.Sigmoid(z);
                s += w[h] * a[h];
            }

            double exp1 = Math.Exp(-y * s);
            double result = Math.Log(1 + exp1);
            double dExp1 = seed / (1 + exp1);
            double dS = dExp1 * exp1 * -y;
            for (int h = b.Length - 1; h >= 0; h--)
            {
                gradW[h] += dS * a[h];
                double dZ = dS * w[h] * a[h] * (1 - a[h]);
                for (int j = x.Length - 1; j >= 0; j--)
                {
                    gradV[h, j] += dZ * x[j];
                }

                gradB[h] += dZ;
            }

            return result;
        }
    }
}
