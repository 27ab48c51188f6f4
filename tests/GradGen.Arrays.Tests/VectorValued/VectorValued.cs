using System;
using GradGen;

namespace GradGen.Arrays.Tests
{
    /// <summary>Vector-valued methods: void, writing Span&lt;double&gt; outputs (docs/reference.md §1, §2).</summary>
    public static partial class VectorValued
    {
        /// <summary>An elementwise map from a double[]: yᵢ = xᵢ tanh(xᵢ).</summary>
        [Differentiable]
        public static void Map(double[] x, Span<double> y)
        {
            for (int i = 0; i < x.Length; i++) y[i] = Math.Tanh(x[i]) * x[i];
        }

        /// <summary>y = A x, each yᵢ assigned once.</summary>
        [Differentiable(nameof(x))]
        public static void MatVec(double[,] A, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < A.GetLength(0); i++)
            {
                double s = 0;
                for (int j = 0; j < A.GetLength(1); j++) s += A[i, j] * x[j];
                y[i] = s;
            }
        }

        /// <summary>y = A x, accumulated into the output: yᵢ = 0, then yᵢ += Aᵢⱼ xⱼ.</summary>
        [Differentiable(nameof(x))]
        public static void MatVecAccumulate(double[,] A, double[] x, Span<double> y)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = 0;
                for (int j = 0; j < x.Length; j++) y[i] += A[i, j] * x[j];
            }
        }

        /// <summary>Two outputs: running sums and running products.</summary>
        [Differentiable]
        public static void SumsAndProducts(ReadOnlySpan<double> x, Span<double> sums, Span<double> products)
        {
            double s = 0, p = 1;
            for (int i = 0; i < x.Length; i++)
            {
                s += x[i];
                p *= x[i];
                sums[i] = s;
                products[i] = p;
            }
        }

        /// <summary>An output read back after it is written: yᵢ = 0.5 yᵢ₋₁ + sin xᵢ.</summary>
        [Differentiable]
        public static void OutputRecurrence(double[] x, Span<double> y)
        {
            y[0] = Math.Sin(x[0]);
            for (int i = 1; i < x.Length; i++) y[i] = 0.5 * y[i - 1] + Math.Sin(x[i]);
        }

        /// <summary>A data-dependent branch per element: leaky ReLU, and the output has a different length from the input.</summary>
        [Differentiable]
        public static void LeakyReluPairs(double[] x, Span<double> y)
        {
            for (int i = 0; i + 1 < x.Length; i += 2)
            {
                double z = x[i] - x[i + 1];
                y[i / 2] = z > 0 ? z * x[i] : 0.01 * z;
            }
        }

        /// <summary>An affine layer with respect to W and b (two gradient outputs): y = tanh(W x + b).</summary>
        [Differentiable(nameof(W), nameof(b))]
        public static void AffineTanh(double[,] W, double[] b, double[] x, Span<double> y)
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
