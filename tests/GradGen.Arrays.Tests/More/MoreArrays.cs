using System;
using GradGen;
using Worksheet;

namespace GradGen.Arrays.Tests
{
    /// <summary>More of what users write with arrays and loops: index arrays, odd loop headers, throws, float spans.</summary>
    public static partial class MoreArrays
    {
        /// <summary>A gather with repeated indices: Σᵢ cᵢ x[idx[i]]².</summary>
        [Differentiable(nameof(x))]
        public static double Gather(double[] x, int[] idx, double[] c)
        {
            double s = 0;
            for (int i = 0; i < idx.Length; i++) s += c[i] * x[idx[i]] * x[idx[i]];
            return s;
        }

        /// <summary>A scatter-add with repeated indices into a local array, then a nonlinear read: Σⱼ bⱼ³, b[idx[i]] += xᵢ.</summary>
        [Differentiable]
        public static double ScatterAdd(double[] x, int[] idx, int bins)
        {
            double[] b = new double[bins];
            for (int i = 0; i < x.Length; i++) b[idx[i]] += x[i];
            double s = 0;
            for (int j = 0; j < bins; j++) s += b[j] * b[j] * b[j];
            return s;
        }

        /// <summary>Two loop variables moving towards each other: Σ xᵢ x_{n−1−i} over i &lt; j.</summary>
        [Differentiable]
        public static double TwoPointers(double[] x)
        {
            double s = 0;
            for (int i = 0, j = x.Length - 1; i < j; i++, j--) s += x[i] * x[j] + Math.Exp(x[i] - x[j]);
            return s;
        }

        /// <summary>A reverse loop: Horner's rule, p = (((c_{n−1}) t + c_{n−2}) t + …), with respect to the coefficients and t.</summary>
        [Differentiable]
        public static double Horner(double[] c, double t)
        {
            double p = 0;
            for (int i = c.Length - 1; i >= 0; i--) p = p * t + c[i];
            return p;
        }

        /// <summary>while (true) with a break, and the counter changed inside the body.</summary>
        [Differentiable(nameof(x))]
        public static double WhileTrueBreak(double[] x, int stride)
        {
            int i = 0;
            double s = 0;
            while (true)
            {
                if (i >= x.Length) break;
                s += Math.Cos(x[i]) * (i + 1);
                i += stride;
            }
            return s;
        }

        /// <summary>for (;;) with an early return, and a ternary inside the index.</summary>
        [Differentiable]
        public static double ForEverReturn(double[] x)
        {
            double s = 0;
            int i = 0;
            for (;;)
            {
                s += x[i] * x[i > 0 ? i - 1 : x.Length - 1];
                i++;
                if (i == x.Length) return s;
            }
        }

        /// <summary>throw inside a loop on invalid constant data (the generated methods throw the same exception).</summary>
        [Differentiable(nameof(w))]
        public static double ThrowsOnBadLabel(double[] w, double[] ys)
        {
            double s = 0;
            for (int n = 0; n < ys.Length; n++)
            {
                if (ys[n] != 1 && ys[n] != -1) throw new ArgumentException($"label {n} is {ys[n]}, not ±1", nameof(ys));
                s += Math.Log(1 + Math.Exp(-ys[n] * w[n % w.Length]));
            }
            return s;
        }

        /// <summary>throw inside a loop on an active value.</summary>
        [Differentiable]
        public static double ThrowsOnNegative(double[] x)
        {
            double s = 0;
            foreach (double v in x)
            {
                if (v < 0) throw new InvalidOperationException("negative entry");
                s += Math.Sqrt(v);
            }
            return s;
        }

        /// <summary>A row of constant jagged data passed to a callee: Σₙ σ(CallsWithArrays.Dot(w, xₙ)).</summary>
        [Differentiable(nameof(w))]
        public static double DotWithDataRows(double[] w, double[][] xs)
        {
            double s = 0;
            for (int n = 0; n < xs.Length; n++) s += GradMath.Sigmoid(CallsWithArrays.Dot(w, xs[n]));
            return s;
        }

        /// <summary>float spans, vector-valued: yᵢ = xᵢ e^{−xᵢ²}.</summary>
        [Differentiable]
        public static void GaussianWaveF(ReadOnlySpan<float> x, Span<float> y)
        {
            for (int i = 0; i < x.Length; i++) y[i] = x[i] * MathF.Exp(-x[i] * x[i]);
        }

        /// <summary>A vector-valued method that returns early from inside a loop, leaving later outputs as they were written before.</summary>
        [Differentiable]
        public static void CumulativeUntil(double[] x, Span<double> y)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++) y[i] = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += x[i] * x[i];
                y[i] = s;
                if (s > 4) return;
            }
        }

        /// <summary>foreach over the rows of constant jagged data: Σₙ (wᵀxₙ)².</summary>
        [Differentiable(nameof(w))]
        public static double ForeachConstantRows(double[] w, double[][] xs)
        {
            double total = 0;
            foreach (double[] x in xs)
            {
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
                total += s * s;
            }
            return total;
        }

        /// <summary>The length of a wrt array in arithmetic: ‖w‖²/n + ‖w‖²/√n.</summary>
        [Differentiable]
        public static double MeanOverLength(double[] w)
        {
            double s = 0;
            for (int i = 0; i < w.Length; i++) s += w[i] * w[i];
            return s / w.Length + s / Math.Sqrt(w.Length);
        }

        /// <summary>Rows of a wrt jagged array passed to a callee: Σᵢ (i+1) Wᵢᵀx.</summary>
        [Differentiable(nameof(W))]
        public static double DotOfWrtRows(double[][] W, double[] x)
        {
            double s = 0;
            for (int i = 0; i < W.Length; i++) s += CallsWithArrays.Dot(W[i], x) * (i + 1);
            return s;
        }

        /// <summary>‖M‖_F².</summary>
        [Differentiable]
        public static double Frob(double[,] M)
        {
            double s = 0;
            for (int i = 0; i < M.GetLength(0); i++) for (int j = 0; j < M.GetLength(1); j++) s += M[i, j] * M[i, j];
            return s;
        }

        /// <summary>A wrt double[,] passed to a callee: 2‖M‖_F² + M₀₀.</summary>
        [Differentiable]
        public static double CallsFrob(double[,] M) => Frob(M) * 2 + M[0, 0];

        /// <summary>A vector-valued method calling a vector-valued method: y = softmax(2 tanh x).</summary>
        [Differentiable]
        public static void TwoLayers(double[] x, Span<double> y)
        {
            Span<double> h = stackalloc double[x.Length];
            for (int i = 0; i < x.Length; i++) h[i] = Math.Tanh(x[i]) * 2;
            Exercises.Softmax(h, y);
        }

        /// <summary>Compound assignment to elements of a local double[,]: Mᵢⱼ = (1 + xⱼ) xᵢ, Σ M_{i,(i+2)%n}.</summary>
        [Differentiable]
        public static double LocalMatrixCompound(double[] x)
        {
            int n = x.Length;
            double[,] M = new double[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) M[i, j] = 1 + x[j];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) M[i, j] *= x[i];
            double s = 0;
            for (int i = 0; i < n; i++) s += M[i, (i + 2) % n];
            return s;
        }

        /// <summary>Recursion with an array: Σ_{i&lt;n} xᵢ².</summary>
        [Differentiable]
        public static double Recursive(double[] x, int n)
        {
            if (n == 0) return 0;
            return x[n - 1] * x[n - 1] + Recursive(x, n - 1);
        }

        /// <summary>foreach over an int[] of indices: Σ_k x[k]² sin(x[k]).</summary>
        [Differentiable(nameof(x))]
        public static double ForeachIndices(double[] x, int[] idx)
        {
            double s = 0;
            foreach (int k in idx) s += x[k] * x[k] * Math.Sin(x[k]);
            return s;
        }

        /// <summary>An int carried across iterations (pointer chasing): k ← next[k], s ← s·x[k] + 1.</summary>
        [Differentiable(nameof(x))]
        public static double PointerChase(double[] x, int[] next, int steps)
        {
            int k = 0;
            double s = 1;
            for (int t = 0; t < steps; t++)
            {
                s = s * x[k] + 1;
                k = next[k];
            }
            return s;
        }

        /// <summary>An int counter advanced by a data-dependent amount, and a bool flag carried across iterations.</summary>
        [Differentiable]
        public static double DataDependentStride(double[] x)
        {
            int i = 0;
            bool seen = false;
            double s = 0;
            while (i < x.Length)
            {
                if (!seen && x[i] > 0)
                {
                    seen = true;
                    s += 10 * x[i] * x[i];
                }
                else
                {
                    s = s * 0.5 + Math.Sin(x[i]);
                }
                i += x[i] > 0 ? 1 : 2;
            }
            return s;
        }

        /// <summary>Nested foreach: over constant rows, then over each row's values.</summary>
        [Differentiable(nameof(w))]
        public static double NestedForeachRows(double[] w, double[][] xs)
        {
            double total = 0;
            foreach (double[] x in xs)
            {
                int j = 0;
                double s = 0;
                foreach (double v in x)
                {
                    s += w[j] * v;
                    j++;
                }
                total += Math.Tanh(s);
            }
            return total;
        }

        /// <summary>An early return inside a foreach.</summary>
        [Differentiable]
        public static double ReturnInsideForeach(double[] x)
        {
            double s = 0;
            foreach (double v in x)
            {
                s = s * v + 1;
                if (s > 3) return s * s;
            }
            return s;
        }

        /// <summary>tests/README.md A1, minimal: foreach over constant rows, linear in w.</summary>
        [Differentiable(nameof(w))]
        public static double SumRowDots(double[] w, double[][] xs)
        {
            double total = 0;
            foreach (double[] x in xs) total += w[0] * x[0];
            return total;
        }

        /// <summary>A local alias of a constant data row inside a for loop: double[] x = xs[n].</summary>
        [Differentiable(nameof(w))]
        public static double LogisticWithRowAlias(double[] w, double[][] xs, double[] ys)
        {
            double sum = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double[] x = xs[n];
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
                sum += Math.Log(1 + Math.Exp(-ys[n] * s));
            }
            return sum / xs.Length;
        }

        /// <summary>A ternary on the value it overwrites: s = s &gt; 1 ? s·xᵢ : s + xᵢ.</summary>
        [Differentiable]
        public static double TernaryRecurrence(double[] x)
        {
            double s = 0.5;
            for (int i = 0; i < x.Length; i++) s = s > 1 ? s * x[i] : s + x[i];
            return s;
        }

        /// <summary>Math.Max against the value it overwrites: m = max(m·0.9, xᵢ) + 0.1 xᵢ².</summary>
        [Differentiable]
        public static double DecayingMax(double[] x)
        {
            double m = x[0];
            for (int i = 1; i < x.Length; i++) m = Math.Max(m * 0.9, x[i]) + 0.1 * x[i] * x[i];
            return m;
        }

        /// <summary>The caller overwrites a vector-valued callee's output after the call: log-softmax in place.</summary>
        [Differentiable(nameof(z))]
        public static double LogSoftmaxInPlace(double[] z, double[] target)
        {
            double[] p = new double[z.Length];
            Exercises.Softmax(z, p);
            for (int i = 0; i < p.Length; i++) p[i] = Math.Log(p[i]);
            double loss = 0;
            for (int i = 0; i < p.Length; i++) loss -= target[i] * p[i];
            return loss;
        }

        /// <summary>The caller overwrites a vector-valued callee's input after the call.</summary>
        [Differentiable]
        public static double OverwriteCalleeInput(double[] x)
        {
            int n = x.Length;
            Span<double> h = stackalloc double[n];
            Span<double> y = stackalloc double[n];
            for (int i = 0; i < n; i++) h[i] = x[i] * 2 + 1;
            CallsWithArrays.Normalize(h, y);
            for (int i = 0; i < n; i++) h[i] = y[i] * x[i];
            double s = 0;
            for (int i = 0; i < n; i++) s += h[i] * h[i] + y[i];
            return s;
        }

        /// <summary>A float recurrence (a float tape): s = tanh(0.5 s + xᵢ) + 0.1 s².</summary>
        [Differentiable]
        public static float FloatRecurrence(float[] x)
        {
            float s = 0.25f;
            for (int i = 0; i < x.Length; i++) s = MathF.Tanh(0.5f * s + x[i]) + 0.1f * s * s;
            return s;
        }

        /// <summary>Vector-valued with a scalar wrt input too: yᵢ = a·xᵢ + a², calling a scalar [Differentiable] helper.</summary>
        [Differentiable]
        public static void ScaleAndSquash(double a, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < x.Length; i++) y[i] = Exercises.Sigmoid(a * x[i]) + a * a;
        }
    }
}
