using System;
using GradGen;

namespace GradGen.Arrays.Tests
{
    /// <summary>Values overwritten inside loops: scalars, recurrent state, local arrays and scratch buffers.</summary>
    public static partial class Overwrites
    {
        /// <summary>r *= xᵢ: the product of the entries.</summary>
        [Differentiable]
        public static double Product(double[] x)
        {
            double r = 1;
            for (int i = 0; i < x.Length; i++) r *= x[i];
            return r;
        }

        /// <summary>s = s·0.5 + xᵢ: a linear recurrence.</summary>
        [Differentiable]
        public static double HalvingRecurrence(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++) s = s * 0.5 + x[i];
            return s;
        }

        /// <summary>s = tanh(a·s + xᵢ): a nonlinear recurrence with a wrt coefficient.</summary>
        [Differentiable]
        public static double TanhRecurrence(double[] x, double a)
        {
            double s = 0.25;
            foreach (double xi in x) s = Math.Tanh(a * s + xi);
            return s;
        }

        /// <summary>
        /// An RNN: h ← tanh(W h + xₜ) for each step t (new state into a second array, then copied
        /// back), loss vᵀh. With respect to W, the inputs xs and the initial state h0.
        /// </summary>
        [Differentiable(nameof(W), nameof(xs), nameof(h0))]
        public static double Rnn(double[,] W, double[][] xs, double[] h0, double[] v)
        {
            int H = h0.Length;
            double[] h = new double[H];
            double[] next = new double[H];
            for (int j = 0; j < H; j++) h[j] = h0[j];
            for (int t = 0; t < xs.Length; t++)
            {
                for (int j = 0; j < H; j++)
                {
                    double z = xs[t][j];
                    for (int k = 0; k < H; k++) z += W[j, k] * h[k];
                    next[j] = Math.Tanh(z);
                }
                for (int j = 0; j < H; j++) h[j] = next[j];
            }
            double y = 0;
            for (int j = 0; j < H; j++) y += v[j] * h[j];
            return y;
        }

        /// <summary>
        /// The same recurrence on a stackalloc'ed state updated in place (each hⱼ sees the already
        /// updated h₀…hⱼ₋₁), with a bias, loss Σ hⱼ².
        /// </summary>
        [Differentiable(nameof(W), nameof(b))]
        public static double RnnInPlace(double[,] W, double[] b, double[,] xs)
        {
            int H = b.Length;
            Span<double> h = stackalloc double[H];
            for (int t = 0; t < xs.GetLength(0); t++)
            {
                for (int j = 0; j < H; j++)
                {
                    double z = b[j] + xs[t, j];
                    for (int k = 0; k < H; k++) z += W[j, k] * h[k];
                    h[j] = Math.Tanh(z);
                }
            }
            double loss = 0;
            for (int j = 0; j < H; j++) loss += h[j] * h[j];
            return loss;
        }

        /// <summary>Prefix sums in a new double[n]: pᵢ = pᵢ₋₁ + xᵢ, loss Σ pᵢ².</summary>
        [Differentiable]
        public static double PrefixSums(double[] x)
        {
            int n = x.Length;
            double[] p = new double[n];
            p[0] = x[0];
            for (int i = 1; i < n; i++) p[i] = p[i - 1] + x[i];
            double loss = 0;
            for (int i = 0; i < n; i++) loss += p[i] * p[i];
            return loss;
        }

        /// <summary>Prefix products in a stackalloc'ed span: pᵢ = pᵢ₋₁·xᵢ, loss Σ pᵢ.</summary>
        [Differentiable]
        public static double PrefixProducts(double[] x)
        {
            Span<double> p = stackalloc double[x.Length];
            p[0] = x[0];
            for (int i = 1; i < x.Length; i++) p[i] = p[i - 1] * x[i];
            double loss = 0;
            foreach (double v in p) loss += v;
            return loss;
        }

        /// <summary>Computed indices: a[(3i+1) % n] = a[(3i+1) % n]·0.5 + sin(a[(k+1) % n]), 3n times, on a stackalloc'ed copy of x.</summary>
        [Differentiable]
        public static double ScatteredUpdates(double[] x)
        {
            int n = x.Length;
            Span<double> a = stackalloc double[n];
            for (int i = 0; i < n; i++) a[i] = x[i];
            for (int i = 0; i < 3 * n; i++)
            {
                int k = (i * 3 + 1) % n;
                a[k] = a[k] * 0.5 + Math.Sin(a[(k + 1) % n]);
            }
            double loss = 0;
            for (int i = 0; i < n; i++) loss += a[i] * a[i] * (i + 1);
            return loss;
        }

        /// <summary>The same scatter into a new double[n] read back through a second computed index.</summary>
        [Differentiable]
        public static double ScatteredUpdatesHeap(double[] x)
        {
            int n = x.Length;
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[(i * 2 + 3) % n] = x[i] * x[i];
            for (int i = 0; i < 2 * n; i++)
            {
                int k = (i * 3 + 1) % n;
                a[k] = a[(k + n - 1) % n] * Math.Cos(a[k]) + x[i % n];
            }
            return a[0] + 2 * a[n - 1] + a[n / 2] * a[1];
        }

        /// <summary>Each element overwritten many times: aᵢ ← sin(aᵢ) + xᵢ, five rounds, loss Σ (i+1) aᵢ.</summary>
        [Differentiable]
        public static double RepeatedOverwrite(double[] x)
        {
            double[] a = new double[x.Length];
            for (int round = 0; round < 5; round++)
            {
                for (int i = 0; i < x.Length; i++) a[i] = Math.Sin(a[i]) + x[i];
            }
            double loss = 0;
            for (int i = 0; i < x.Length; i++) loss += (i + 1) * a[i];
            return loss;
        }

        /// <summary>A scratch array reused for every data point: tⱼ = tanh(wⱼ xₙⱼ), rₙ = Σ tⱼ − yₙ, loss Σ rₙ².</summary>
        [Differentiable(nameof(w))]
        public static double ScratchPerPoint(double[] w, double[][] xs, double[] ys)
        {
            double[] t = new double[w.Length];
            double total = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                for (int j = 0; j < w.Length; j++) t[j] = Math.Tanh(w[j] * xs[n][j]);
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += t[j];
                double r = s - ys[n];
                total += r * r;
            }
            return total;
        }

        /// <summary>
        /// The same with a stackalloc'ed scratch that is read nonlinearly after being overwritten, and
        /// a second pass that overwrites it again in place: tⱼ = wⱼ xₙⱼ, then tⱼ = tⱼ² + tⱼ₋₁.
        /// </summary>
        [Differentiable(nameof(w))]
        public static double ScratchPerPointStack(double[] w, double[,] xs)
        {
            int d = w.Length;
            Span<double> t = stackalloc double[d];
            double total = 0;
            for (int n = 0; n < xs.GetLength(0); n++)
            {
                for (int j = 0; j < d; j++) t[j] = w[j] * xs[n, j];
                for (int j = 1; j < d; j++) t[j] = t[j] * t[j] + t[j - 1];
                total += Math.Exp(-t[d - 1] * t[d - 1]);
            }
            return total;
        }

        /// <summary>Bubble sort of a local copy (data-dependent swaps), then Σ (i+1)·sortedᵢ.</summary>
        [Differentiable]
        public static double SortedWeightedSum(double[] x)
        {
            int n = x.Length;
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = x[i];
            for (int pass = 0; pass < n - 1; pass++)
            {
                for (int i = 0; i + 1 < n - pass; i++)
                {
                    if (a[i] > a[i + 1])
                    {
                        double tmp = a[i];
                        a[i] = a[i + 1];
                        a[i + 1] = tmp;
                    }
                }
            }
            double s = 0;
            for (int i = 0; i < n; i++) s += (i + 1) * a[i];
            return s;
        }

        /// <summary>A local double[,] written from x and read with transposed indices: M = xxᵀ + I, loss Σ Mᵢⱼ M_{j,(i+1)%n}.</summary>
        [Differentiable]
        public static double LocalMatrix(double[] x)
        {
            int n = x.Length;
            double[,] M = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++) M[i, j] = x[i] * x[j] + (i == j ? 1 : 0);
            }
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++) s += M[i, j] * M[j, (i + 1) % n];
            }
            return s;
        }
    }
}
