using System;
using GradGen;
using Worksheet;

namespace GradGen.Arrays.Tests
{
    /// <summary>Calls between [Differentiable] methods that pass arrays.</summary>
    public static partial class CallsWithArrays
    {
        /// <summary>Numerically stable log Σ_{i&lt;n} e^{vᵢ}.</summary>
        [Differentiable(nameof(v))]
        public static double LogSumExp(double[] v, int n)
        {
            double max = v[0];
            for (int i = 1; i < n; i++) max = Math.Max(max, v[i]);
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Exp(v[i] - max);
            return max + Math.Log(sum);
        }

        /// <summary>
        /// A Gaussian-mixture-like loss: per data point, the component scores go into one scratch
        /// array (overwritten for every point) that is passed to LogSumExp; then the normaliser
        /// LogSumExp(alphas) on the wrt array itself.
        /// </summary>
        [Differentiable(nameof(alphas), nameof(means))]
        public static double MixtureLoss(double[] alphas, double[,] means, double[,] x)
        {
            int K = alphas.Length;
            int D = means.GetLength(1);
            double[] scores = new double[K];
            double total = 0;
            for (int i = 0; i < x.GetLength(0); i++)
            {
                for (int k = 0; k < K; k++)
                {
                    double sq = 0;
                    for (int d = 0; d < D; d++)
                    {
                        double c = x[i, d] - means[k, d];
                        sq += c * c;
                    }
                    scores[k] = alphas[k] - 0.5 * sq;
                }
                total += LogSumExp(scores, K);
            }
            return total - x.GetLength(0) * LogSumExp(alphas, K);
        }

        /// <summary>Σᵢ (i+1) aᵢ².</summary>
        [Differentiable]
        public static double WeightedSquares(double[] a)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += (i + 1) * a[i] * a[i];
            return s;
        }

        /// <summary>aᵀb, with respect to both.</summary>
        [Differentiable]
        public static double Dot(double[] a, double[] b)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
            return s;
        }

        /// <summary>The wrt array passed straight to callees, including to both parameters of Dot at once.</summary>
        [Differentiable]
        public static double PassesWrtArray(double[] w)
            => WeightedSquares(w) + 0.5 * LogSumExp(w, w.Length) + Dot(w, w);

        /// <summary>A call inside a loop with the wrt array and a varying count: Σₖ LSE(w₀…wₖ).</summary>
        [Differentiable]
        public static double PrefixLogSumExps(double[] w)
        {
            double total = 0;
            for (int k = 1; k <= w.Length; k++) total += LogSumExp(w, k);
            return total;
        }

        /// <summary>A constant array passed to callees' differentiated parameters (and a call on constants only).</summary>
        [Differentiable(nameof(w))]
        public static double PassesConstantArray(double[] w, double[] data)
            => Dot(w, data) + 2 * Dot(data, w) + LogSumExp(data, data.Length) * WeightedSquares(w) + Dot(data, data);

        /// <summary>Softmax (another assembly, vector-valued) into a stackalloc'ed span, then cross-entropy.</summary>
        [Differentiable(nameof(z))]
        public static double SoftmaxThenCrossEntropy(double[] z, double[] target)
        {
            Span<double> p = stackalloc double[z.Length];
            Exercises.Softmax(z, p);
            double loss = 0;
            for (int i = 0; i < z.Length; i++) loss -= target[i] * Math.Log(p[i]);
            return loss;
        }

        /// <summary>y = x / ‖x‖.</summary>
        [Differentiable]
        public static void Normalize(ReadOnlySpan<double> x, Span<double> y)
        {
            double s = 0;
            foreach (double v in x) s += v * v;
            double norm = Math.Sqrt(s);
            for (int i = 0; i < x.Length; i++) y[i] = x[i] / norm;
        }

        /// <summary>A vector-valued callee writing into a new double[], then (uᵀy)².</summary>
        [Differentiable(nameof(x))]
        public static double ProjectionLoss(double[] x, double[] u)
        {
            double[] y = new double[x.Length];
            Normalize(x, y);
            double dot = 0;
            for (int i = 0; i < y.Length; i++) dot += u[i] * y[i];
            return dot * dot;
        }

        /// <summary>Level 2 of three: LevelThree(a ⊙ b) + LevelThree(b), with a local array.</summary>
        [Differentiable]
        public static double LevelTwo(double[] a, double[] b)
        {
            double[] t = new double[a.Length];
            for (int i = 0; i < a.Length; i++) t[i] = a[i] * b[i];
            return WeightedSquares(t) + WeightedSquares(b);
        }

        /// <summary>Level 1 of three: LevelTwo(M w, w) + exp(−0.1·WeightedSquares(w)).</summary>
        [Differentiable(nameof(w))]
        public static double LevelOne(double[] w, double[,] M)
        {
            double[] v = new double[w.Length];
            for (int i = 0; i < w.Length; i++)
            {
                for (int j = 0; j < w.Length; j++) v[i] += M[i, j] * w[j];
            }
            return LevelTwo(v, w) + Math.Exp(-0.1 * WeightedSquares(w));
        }

        /// <summary>A callee in another assembly on the wrt array, and on a scratch array it overwrites.</summary>
        [Differentiable]
        public static double CrossAssemblyLogSumExp(double[] w)
        {
            double[] shifted = new double[w.Length];
            double total = Exercises.LogSumExp(w);
            for (int k = 0; k < 3; k++)
            {
                for (int i = 0; i < w.Length; i++) shifted[i] = w[i] * (k + 1) - i;
                total += Exercises.LogSumExp(shifted);
            }
            return total;
        }
    }
}
