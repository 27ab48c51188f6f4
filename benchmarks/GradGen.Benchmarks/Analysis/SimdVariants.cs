using System;
using System.Numerics;
using System.Runtime.InteropServices;
using GradGen.Workloads;

namespace GradGen.Benchmarks.Analysis
{
    /// <summary>
    /// The hand-written logistic and network gradients with their dot products and axpy updates
    /// vectorised (System.Numerics.Vector&lt;double&gt;, fused multiply-add): what it takes to compete
    /// with PyTorch's BLAS kernels on these two workloads. Same algorithm, same single pass.
    /// </summary>
    internal static class SimdVariants
    {
        public static double LogisticHandVectorized(double[] w, double[][] xs, double[] ys, Span<double> dW)
        {
            dW.Clear();
            double sum = 0;
            double invN = 1.0 / xs.Length;
            for (int n = 0; n < xs.Length; n++)
            {
                double[] row = xs[n];
                double s = Dot(w, row);
                double e = Math.Exp(-ys[n] * s);
                sum += Math.Log(1 + e);
                Axpy(-ys[n] * (e / (1 + e)) * invN, row, dW);
            }

            return sum / xs.Length;
        }

        public static double NetworkHandVectorized(double[,] W, double[] b, double[] w, double[][] xs, double[] ys, double[,] dW, Span<double> db, Span<double> dw)
        {
            int hidden = b.Length;
            int d = W.GetLength(1);
            Span<double> activations = stackalloc double[hidden];
            Array.Clear(dW);
            db.Clear();
            dw.Clear();
            double total = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double[] x = xs[n];
                double s = 0;
                for (int h = 0; h < hidden; h++)
                {
                    double a = Network.Sigmoid(b[h] + Dot(MemoryMarshal.CreateReadOnlySpan(ref W[h, 0], d), x));
                    activations[h] = a;
                    s += w[h] * a;
                }

                double e = Math.Exp(-ys[n] * s);
                total += Math.Log(1 + e);
                double dS = -ys[n] * (e / (1 + e));
                for (int h = 0; h < hidden; h++)
                {
                    double a = activations[h];
                    double dZ = dS * w[h] * a * (1 - a);
                    dw[h] += dS * a;
                    db[h] += dZ;
                    Axpy(dZ, x, MemoryMarshal.CreateSpan(ref dW[h, 0], d));
                }
            }

            return total;
        }

        private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            ReadOnlySpan<Vector<double>> va = MemoryMarshal.Cast<double, Vector<double>>(a);
            ReadOnlySpan<Vector<double>> vb = MemoryMarshal.Cast<double, Vector<double>>(b.Slice(0, a.Length));
            Vector<double> acc0 = Vector<double>.Zero, acc1 = Vector<double>.Zero;
            int k = 0;
            for (; k + 1 < va.Length; k += 2)
            {
                acc0 = Vector.FusedMultiplyAdd(va[k], vb[k], acc0);
                acc1 = Vector.FusedMultiplyAdd(va[k + 1], vb[k + 1], acc1);
            }

            if (k < va.Length)
            {
                acc0 = Vector.FusedMultiplyAdd(va[k], vb[k], acc0);
            }

            double s = Vector.Sum(acc0 + acc1);
            for (int j = va.Length * Vector<double>.Count; j < a.Length; j++)
            {
                s += a[j] * b[j];
            }

            return s;
        }

        private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
        {
            Span<Vector<double>> vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            ReadOnlySpan<Vector<double>> vx = MemoryMarshal.Cast<double, Vector<double>>(x.Slice(0, y.Length));
            var va = new Vector<double>(alpha);
            for (int k = 0; k < vy.Length; k++)
            {
                vy[k] = Vector.FusedMultiplyAdd(va, vx[k], vy[k]);
            }

            for (int j = vy.Length * Vector<double>.Count; j < y.Length; j++)
            {
                y[j] += alpha * x[j];
            }
        }
    }
}
