using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    public class OverwritesTests
    {
        private static double[] ProductOfOthers(double[] x)
        {
            var g = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                double p = 1;
                for (int j = 0; j < x.Length; j++) if (j != i) p *= x[j];
                g[i] = p;
            }
            return g;
        }

        [Fact]
        public void Product_r_times_equals()
        {
            void At(string name, double[] x) => VerifyAt(name,
                v => Overwrites.Product(v),
                (v, g) => Overwrites.ProductGradient(v, g),
                (v, s, g) => Overwrites.ProductPullback(v, s, g),
                ProductOfOthers, x);

            Verify(nameof(Overwrites.Product),
                v => Overwrites.Product(v),
                (v, g) => Overwrites.ProductGradient(v, g),
                (v, s, g) => Overwrites.ProductPullback(v, s, g),
                ProductOfOthers,
                Uniform(6, -2, 2));
            // Exact zeros: a gradient that divides the product by xᵢ would give NaN here.
            At("Product with one zero", new[] { 1.5, 0.0, -2.0, 0.75 });
            At("Product with two zeros", new[] { 0.0, 1.25, 0.0, 3.0 });
        }

        [Fact]
        public void Linear_recurrence()
            => Verify(nameof(Overwrites.HalvingRecurrence),
                x => Overwrites.HalvingRecurrence(x),
                (x, g) => Overwrites.HalvingRecurrenceGradient(x, g),
                (x, s, g) => Overwrites.HalvingRecurrencePullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) g[i] = Math.Pow(0.5, x.Length - 1 - i);
                    return g;
                },
                Uniform(7));

        [Fact]
        public void Nonlinear_recurrence_with_a_wrt_coefficient()
        {
            const int n = 6;
            Verify(nameof(Overwrites.TanhRecurrence),
                f => Overwrites.TanhRecurrence(Slice(f, 0, n), f[n]),
                (f, g) => Overwrites.TanhRecurrenceGradient(Slice(f, 0, n), f[n], g.AsSpan(0, n), out g[n]),
                (f, s, g) => Overwrites.TanhRecurrencePullback(Slice(f, 0, n), f[n], s, g.AsSpan(0, n), ref g[n]),
                f =>
                {
                    double a = f[n];
                    var states = new double[n + 1];
                    states[0] = 0.25;
                    for (int k = 0; k < n; k++) states[k + 1] = Math.Tanh(a * states[k] + f[k]);
                    var g = new double[n + 1];
                    double ds = 1;
                    for (int k = n - 1; k >= 0; k--)
                    {
                        double dz = ds * (1 - states[k + 1] * states[k + 1]);
                        g[k] = dz;
                        g[n] += dz * states[k];
                        ds = dz * a;
                    }
                    return g;
                },
                Uniform(n + 1, -1.5, 1.5));
        }

        // ----- RNN -----

        private const int H = 3, T = 4;
        private static readonly int[] RowsOfH = { H, H, H, H };

        private static (double[,] W, double[][] Xs, double[] H0) UnpackRnn(double[] f)
            => (Matrix(f, 0, H, H), Jagged(f, H * H, RowsOfH), Slice(f, H * H + T * H, H));

        [Fact]
        public void Rnn_state_vector_updated_each_step()
        {
            double[] v = { 0.7, -1.2, 0.4 };
            int length = H * H + T * H + H;
            Verify(nameof(Overwrites.Rnn),
                f =>
                {
                    var (W, xs, h0) = UnpackRnn(f);
                    return Overwrites.Rnn(W, xs, h0, v);
                },
                (f, g) =>
                {
                    var (W, xs, h0) = UnpackRnn(f);
                    var (gW, gXs, gH0) = UnpackRnn(g);
                    double value = Overwrites.RnnGradient(W, xs, h0, v, gW, gXs, gH0);
                    Store(gW, g, 0);
                    Store(gXs, g, H * H);
                    Array.Copy(gH0, 0, g, H * H + T * H, H);
                    return value;
                },
                (f, s, g) =>
                {
                    var (W, xs, h0) = UnpackRnn(f);
                    var (gW, gXs, gH0) = UnpackRnn(g);
                    double value = Overwrites.RnnPullback(W, xs, h0, v, s, gW, gXs, gH0);
                    Store(gW, g, 0);
                    Store(gXs, g, H * H);
                    Array.Copy(gH0, 0, g, H * H + T * H, H);
                    return value;
                },
                f =>
                {
                    // Backpropagation through time, by hand.
                    var (W, xs, h0) = UnpackRnn(f);
                    var hs = new double[T + 1][];
                    hs[0] = h0;
                    for (int t = 0; t < T; t++)
                    {
                        hs[t + 1] = new double[H];
                        for (int j = 0; j < H; j++)
                        {
                            double z = xs[t][j];
                            for (int k = 0; k < H; k++) z += W[j, k] * hs[t][k];
                            hs[t + 1][j] = Math.Tanh(z);
                        }
                    }
                    var gW = new double[H, H];
                    var gXs = new double[T][];
                    double[] dh = (double[])v.Clone();
                    for (int t = T - 1; t >= 0; t--)
                    {
                        var dz = new double[H];
                        for (int j = 0; j < H; j++) dz[j] = dh[j] * (1 - hs[t + 1][j] * hs[t + 1][j]);
                        gXs[t] = dz;
                        var next = new double[H];
                        for (int j = 0; j < H; j++)
                        {
                            for (int k = 0; k < H; k++)
                            {
                                gW[j, k] += dz[j] * hs[t][k];
                                next[k] += W[j, k] * dz[j];
                            }
                        }
                        dh = next;
                    }
                    var g = new double[length];
                    Store(gW, g, 0);
                    Store(gXs, g, H * H);
                    Array.Copy(dh, 0, g, H * H + T * H, H);
                    return g;
                },
                Uniform(length, -1, 1));
        }

        [Fact]
        public void Rnn_state_updated_in_place_in_a_stackalloc_span()
        {
            double[,] xs = RandomMatrix(new Random(8), T, H);
            int length = H * H + H;
            Dual Twin(Dual[] f)
            {
                var h = new Dual[H];
                for (int i = 0; i < H; i++) h[i] = 0.0;
                for (int t = 0; t < T; t++)
                {
                    for (int j = 0; j < H; j++)
                    {
                        Dual z = f[H * H + j] + xs[t, j];
                        for (int k = 0; k < H; k++) z += f[j * H + k] * h[k];
                        h[j] = Dual.Tanh(z);
                    }
                }
                Dual loss = 0.0;
                for (int j = 0; j < H; j++) loss += h[j] * h[j];
                return loss;
            }

            Verify(nameof(Overwrites.RnnInPlace),
                f => Overwrites.RnnInPlace(Matrix(f, 0, H, H), Slice(f, H * H, H), xs),
                (f, g) =>
                {
                    double[,] gW = Matrix(g, 0, H, H);
                    double value = Overwrites.RnnInPlaceGradient(Matrix(f, 0, H, H), Slice(f, H * H, H), xs, gW, g.AsSpan(H * H, H));
                    Store(gW, g, 0);
                    return value;
                },
                (f, s, g) =>
                {
                    double[,] gW = Matrix(g, 0, H, H);
                    double value = Overwrites.RnnInPlacePullback(Matrix(f, 0, H, H), Slice(f, H * H, H), xs, s, gW, g.AsSpan(H * H, H));
                    Store(gW, g, 0);
                    return value;
                },
                f => Dual.Gradient(Twin, f),
                Uniform(length, -1, 1));
        }

        // ----- local arrays -----

        [Fact]
        public void Prefix_sums_in_a_new_array()
            => Verify(nameof(Overwrites.PrefixSums),
                x => Overwrites.PrefixSums(x),
                (x, g) => Overwrites.PrefixSumsGradient(x, g),
                (x, s, g) => Overwrites.PrefixSumsPullback(x, s, g),
                x =>
                {
                    var p = new double[x.Length];
                    p[0] = x[0];
                    for (int i = 1; i < x.Length; i++) p[i] = p[i - 1] + x[i];
                    var g = new double[x.Length];
                    double tail = 0;
                    for (int k = x.Length - 1; k >= 0; k--)
                    {
                        tail += p[k];
                        g[k] = 2 * tail;
                    }
                    return g;
                },
                Uniform(6));

        [Fact]
        public void Prefix_products_in_a_stackalloc_span()
            => Verify(nameof(Overwrites.PrefixProducts),
                x => Overwrites.PrefixProducts(x),
                (x, g) => Overwrites.PrefixProductsGradient(x, g),
                (x, s, g) => Overwrites.PrefixProductsPullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int k = 0; k < x.Length; k++)
                    {
                        for (int i = k; i < x.Length; i++)
                        {
                            double p = 1;
                            for (int j = 0; j <= i; j++) if (j != k) p *= x[j];
                            g[k] += p;
                        }
                    }
                    return g;
                },
                Uniform(6, -1.5, 1.5));

        [Fact]
        public void Computed_indices_into_a_stackalloc_span()
        {
            static Dual Twin(Dual[] x)
            {
                int n = x.Length;
                var a = (Dual[])x.Clone();
                for (int i = 0; i < 3 * n; i++)
                {
                    int k = (i * 3 + 1) % n;
                    a[k] = a[k] * 0.5 + Dual.Sin(a[(k + 1) % n]);
                }
                Dual loss = 0.0;
                for (int i = 0; i < n; i++) loss += a[i] * a[i] * (i + 1);
                return loss;
            }

            foreach (int n in new[] { 5, 6, 1 })
            {
                Verify(nameof(Overwrites.ScatteredUpdates) + n,
                    x => Overwrites.ScatteredUpdates(x),
                    (x, g) => Overwrites.ScatteredUpdatesGradient(x, g),
                    (x, s, g) => Overwrites.ScatteredUpdatesPullback(x, s, g),
                    x => Dual.Gradient(Twin, x),
                    Uniform(n));
            }
        }

        [Fact]
        public void Computed_indices_into_a_new_array()
        {
            static Dual Twin(Dual[] x)
            {
                int n = x.Length;
                var a = new Dual[n];
                for (int i = 0; i < n; i++) a[i] = 0.0;
                for (int i = 0; i < n; i++) a[(i * 2 + 3) % n] = x[i] * x[i];
                for (int i = 0; i < 2 * n; i++)
                {
                    int k = (i * 3 + 1) % n;
                    a[k] = a[(k + n - 1) % n] * Dual.Cos(a[k]) + x[i % n];
                }
                return a[0] + 2.0 * a[n - 1] + a[n / 2] * a[1];
            }

            foreach (int n in new[] { 5, 6 })
            {
                Verify(nameof(Overwrites.ScatteredUpdatesHeap) + n,
                    x => Overwrites.ScatteredUpdatesHeap(x),
                    (x, g) => Overwrites.ScatteredUpdatesHeapGradient(x, g),
                    (x, s, g) => Overwrites.ScatteredUpdatesHeapPullback(x, s, g),
                    x => Dual.Gradient(Twin, x),
                    Uniform(n));
            }
        }

        [Fact]
        public void Elements_overwritten_many_times()
            => Verify(nameof(Overwrites.RepeatedOverwrite),
                x => Overwrites.RepeatedOverwrite(x),
                (x, g) => Overwrites.RepeatedOverwriteGradient(x, g),
                (x, s, g) => Overwrites.RepeatedOverwritePullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        double a = 0, da = 0;
                        for (int round = 0; round < 5; round++)
                        {
                            da = Math.Cos(a) * da + 1;
                            a = Math.Sin(a) + x[i];
                        }
                        g[i] = (i + 1) * da;
                    }
                    return g;
                },
                Uniform(5, -3, 3));

        [Fact]
        public void Scratch_array_reused_for_every_data_point()
        {
            double[][] xs = RandomJagged(new Random(21), new[] { 4, 4, 4, 4, 4, 4 });
            double[] ys = Uniform(new Random(22), xs.Length, -1, 1);
            Verify(nameof(Overwrites.ScratchPerPoint),
                w => Overwrites.ScratchPerPoint(w, xs, ys),
                (w, g) => Overwrites.ScratchPerPointGradient(w, xs, ys, g),
                (w, s, g) => Overwrites.ScratchPerPointPullback(w, xs, ys, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    for (int n = 0; n < xs.Length; n++)
                    {
                        double s = 0;
                        for (int j = 0; j < w.Length; j++) s += Math.Tanh(w[j] * xs[n][j]);
                        double r = s - ys[n];
                        for (int j = 0; j < w.Length; j++)
                        {
                            double t = Math.Tanh(w[j] * xs[n][j]);
                            g[j] += 2 * r * (1 - t * t) * xs[n][j];
                        }
                    }
                    return g;
                },
                Uniform(4));
        }

        [Fact]
        public void Stackalloc_scratch_overwritten_twice_per_data_point()
        {
            double[,] xs = RandomMatrix(new Random(23), 5, 4);
            Dual Twin(Dual[] w)
            {
                int d = w.Length;
                var t = new Dual[d];
                Dual total = 0.0;
                for (int n = 0; n < xs.GetLength(0); n++)
                {
                    for (int j = 0; j < d; j++) t[j] = w[j] * xs[n, j];
                    for (int j = 1; j < d; j++) t[j] = t[j] * t[j] + t[j - 1];
                    total += Dual.Exp(-t[d - 1] * t[d - 1]);
                }
                return total;
            }

            Verify(nameof(Overwrites.ScratchPerPointStack),
                w => Overwrites.ScratchPerPointStack(w, xs),
                (w, g) => Overwrites.ScratchPerPointStackGradient(w, xs, g),
                (w, s, g) => Overwrites.ScratchPerPointStackPullback(w, xs, s, g),
                w => Dual.Gradient(Twin, w),
                Uniform(4, -1.2, 1.2));
        }

        [Fact]
        public void Bubble_sort_of_a_local_copy()
            => Verify(nameof(Overwrites.SortedWeightedSum),
                x => Overwrites.SortedWeightedSum(x),
                (x, g) => Overwrites.SortedWeightedSumGradient(x, g),
                (x, s, g) => Overwrites.SortedWeightedSumPullback(x, s, g),
                x =>
                {
                    int[] order = new int[x.Length];
                    for (int i = 0; i < order.Length; i++) order[i] = i;
                    Array.Sort((double[])x.Clone(), order);
                    var g = new double[x.Length];
                    for (int rank = 0; rank < order.Length; rank++) g[order[rank]] = rank + 1;
                    return g;
                },
                Uniform(6).Where(x =>
                {
                    for (int i = 0; i < x.Length; i++) for (int j = 0; j < i; j++) if (Math.Abs(x[i] - x[j]) < 1e-3) return false;
                    return true;
                }));

        [Fact]
        public void Local_two_dimensional_array()
        {
            static Dual Twin(Dual[] x)
            {
                int n = x.Length;
                var M = new Dual[n, n];
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) M[i, j] = x[i] * x[j] + (i == j ? 1.0 : 0.0);
                Dual s = 0.0;
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s += M[i, j] * M[j, (i + 1) % n];
                return s;
            }

            Verify(nameof(Overwrites.LocalMatrix),
                x => Overwrites.LocalMatrix(x),
                (x, g) => Overwrites.LocalMatrixGradient(x, g),
                (x, s, g) => Overwrites.LocalMatrixPullback(x, s, g),
                x => Dual.Gradient(Twin, x),
                Uniform(4));
        }
    }
}
