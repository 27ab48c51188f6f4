using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    public class MoreArraysTests
    {
        [Fact]
        public void Gather_with_repeated_indices()
        {
            int[] idx = { 0, 2, 2, 4, 1, 2, 0 };
            double[] c = { 1.5, -0.5, 2, 0.25, 1, 3, -1 };
            Verify(nameof(MoreArrays.Gather),
                x => MoreArrays.Gather(x, idx, c),
                (x, g) => MoreArrays.GatherGradient(x, idx, c, g),
                (x, s, g) => MoreArrays.GatherPullback(x, idx, c, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < idx.Length; i++) g[idx[i]] += 2 * c[i] * x[idx[i]];
                    return g;
                },
                Uniform(5));
        }

        [Fact]
        public void Scatter_add_with_repeated_indices_into_a_local_array()
        {
            int[] idx = { 0, 2, 2, 1, 0, 2 };
            Verify(nameof(MoreArrays.ScatterAdd),
                x => MoreArrays.ScatterAdd(x, idx, 4),
                (x, g) => MoreArrays.ScatterAddGradient(x, idx, 4, g),
                (x, s, g) => MoreArrays.ScatterAddPullback(x, idx, 4, s, g),
                x =>
                {
                    var b = new double[4];
                    for (int i = 0; i < x.Length; i++) b[idx[i]] += x[i];
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) g[i] = 3 * b[idx[i]] * b[idx[i]];
                    return g;
                },
                Uniform(idx.Length));
        }

        [Fact]
        public void Two_loop_variables()
        {
            foreach (int n in new[] { 6, 7 })
            {
                Verify(nameof(MoreArrays.TwoPointers) + n,
                    x => MoreArrays.TwoPointers(x),
                    (x, g) => MoreArrays.TwoPointersGradient(x, g),
                    (x, s, g) => MoreArrays.TwoPointersPullback(x, s, g),
                    x =>
                    {
                        var g = new double[x.Length];
                        for (int i = 0, j = x.Length - 1; i < j; i++, j--)
                        {
                            double e = Math.Exp(x[i] - x[j]);
                            g[i] += x[j] + e;
                            g[j] += x[i] - e;
                        }
                        return g;
                    },
                    Uniform(n));
            }
        }

        [Fact]
        public void Reverse_loop_Horner()
        {
            const int n = 5;
            Verify(nameof(MoreArrays.Horner),
                f => MoreArrays.Horner(Slice(f, 0, n), f[n]),
                (f, g) => MoreArrays.HornerGradient(Slice(f, 0, n), f[n], g.AsSpan(0, n), out g[n]),
                (f, s, g) => MoreArrays.HornerPullback(Slice(f, 0, n), f[n], s, g.AsSpan(0, n), ref g[n]),
                f =>
                {
                    double t = f[n];
                    var g = new double[n + 1];
                    for (int i = 0; i < n; i++)
                    {
                        g[i] = Math.Pow(t, i);
                        if (i > 0) g[n] += i * f[i] * Math.Pow(t, i - 1);
                    }
                    return g;
                },
                Uniform(n + 1, -1.5, 1.5));
        }

        [Fact]
        public void While_true_with_break_and_a_stride()
        {
            foreach (int stride in new[] { 1, 2, 3 })
            {
                Verify(nameof(MoreArrays.WhileTrueBreak) + stride,
                    x => MoreArrays.WhileTrueBreak(x, stride),
                    (x, g) => MoreArrays.WhileTrueBreakGradient(x, stride, g),
                    (x, s, g) => MoreArrays.WhileTrueBreakPullback(x, stride, s, g),
                    x =>
                    {
                        var g = new double[x.Length];
                        for (int i = 0; i < x.Length; i += stride) g[i] = -Math.Sin(x[i]) * (i + 1);
                        return g;
                    },
                    Uniform(7));
            }
        }

        [Fact]
        public void For_ever_with_a_return_and_a_ternary_index()
        {
            foreach (int n in new[] { 5, 2, 1 })
            {
                Verify(nameof(MoreArrays.ForEverReturn) + n,
                    x => MoreArrays.ForEverReturn(x),
                    (x, g) => MoreArrays.ForEverReturnGradient(x, g),
                    (x, s, g) => MoreArrays.ForEverReturnPullback(x, s, g),
                    x =>
                    {
                        var g = new double[x.Length];
                        for (int k = 0; k < x.Length; k++) g[k] = x[(k + x.Length - 1) % x.Length] + x[(k + 1) % x.Length];
                        return g;
                    },
                    Uniform(n));
            }
        }

        [Fact]
        public void Throw_inside_a_loop_on_constant_data()
        {
            double[] ys = { 1, -1, -1, 1, 1 };
            Verify(nameof(MoreArrays.ThrowsOnBadLabel),
                w => MoreArrays.ThrowsOnBadLabel(w, ys),
                (w, g) => MoreArrays.ThrowsOnBadLabelGradient(w, ys, g),
                (w, s, g) => MoreArrays.ThrowsOnBadLabelPullback(w, ys, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    for (int n = 0; n < ys.Length; n++) g[n % w.Length] += -ys[n] * Sigma(-ys[n] * w[n % w.Length]);
                    return g;
                },
                Uniform(3));

            double[] bad = { 1, -1, 0.5, 1 };
            double[] w0 = { 0.1, 0.2, 0.3 };
            var expected = Assert.Throws<ArgumentException>(() => MoreArrays.ThrowsOnBadLabel(w0, bad));
            var fromGradient = Assert.Throws<ArgumentException>(() => MoreArrays.ThrowsOnBadLabelGradient(w0, bad, new double[3]));
            var fromPullback = Assert.Throws<ArgumentException>(() => MoreArrays.ThrowsOnBadLabelPullback(w0, bad, 1.0, new double[3]));
            Assert.Equal(expected.Message, fromGradient.Message);
            Assert.Equal(expected.Message, fromPullback.Message);
            Assert.Equal("ys", fromGradient.ParamName);
        }

        [Fact]
        public void Throw_inside_a_loop_on_active_data()
        {
            Verify(nameof(MoreArrays.ThrowsOnNegative),
                x => MoreArrays.ThrowsOnNegative(x),
                (x, g) => MoreArrays.ThrowsOnNegativeGradient(x, g),
                (x, s, g) => MoreArrays.ThrowsOnNegativePullback(x, s, g),
                x => Array.ConvertAll(x, v => 0.5 / Math.Sqrt(v)),
                Uniform(4, 0.2, 3));

            double[] x0 = { 1, 2, -0.5, 3 };
            var expected = Assert.Throws<InvalidOperationException>(() => MoreArrays.ThrowsOnNegative(x0));
            Assert.Equal(expected.Message, Assert.Throws<InvalidOperationException>(() => MoreArrays.ThrowsOnNegativeGradient(x0, new double[4])).Message);
            Assert.Equal(expected.Message, Assert.Throws<InvalidOperationException>(() => MoreArrays.ThrowsOnNegativePullback(x0, 2.0, new double[4])).Message);
        }

        [Fact]
        public void Rows_of_constant_jagged_data_passed_to_a_callee()
        {
            double[][] xs = RandomJagged(new Random(61), new[] { 3, 3, 3, 3 });
            Verify(nameof(MoreArrays.DotWithDataRows),
                w => MoreArrays.DotWithDataRows(w, xs),
                (w, g) => MoreArrays.DotWithDataRowsGradient(w, xs, g),
                (w, s, g) => MoreArrays.DotWithDataRowsPullback(w, xs, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    foreach (double[] x in xs)
                    {
                        double s = 0;
                        for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
                        double p = Sigma(s);
                        for (int j = 0; j < w.Length; j++) g[j] += p * (1 - p) * x[j];
                    }
                    return g;
                },
                Uniform(3));
        }

        [Fact]
        public void Float_spans_vector_valued()
        {
            const double tolerance = 1e-5;
            var random = new Random(StableSeed(nameof(MoreArrays.GaussianWaveF)));
            for (int p = 0; p < Points; p++)
            {
                float[] x = new float[5];
                for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 4 - 2);
                string at = "GaussianWaveF at " + Format(Array.ConvertAll(x, v => (double)v));
                float[] y = new float[5];
                MoreArrays.GaussianWaveF(x, y);

                float[,] J = new float[5, 5];
                for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) J[i, j] = float.NaN;
                float[] yJ = new float[5];
                MoreArrays.GaussianWaveFJacobian(x, yJ, J);
                Assert.Equal(y, yJ);
                for (int i = 0; i < 5; i++)
                {
                    for (int j = 0; j < 5; j++)
                    {
                        double xi = x[i];
                        double expected = i == j ? Math.Exp(-xi * xi) * (1 - 2 * xi * xi) : 0;
                        Close(expected, J[i, j], tolerance, at + $": J[{i},{j}]");
                    }
                }

                float[] seed = new float[5];
                float[] before = new float[5];
                for (int i = 0; i < 5; i++)
                {
                    seed[i] = (float)Math.Round(random.NextDouble() * 4 - 2, 2);
                    before[i] = (float)Math.Round(random.NextDouble() * 10 - 5, 2);
                }
                float[] acc = (float[])before.Clone();
                MoreArrays.GaussianWaveFPullback(x, new float[5], seed, acc);
                for (int i = 0; i < 5; i++) Close(before[i] + seed[i] * (double)J[i, i], acc[i], tolerance, at + $": Pullback [{i}]");
            }
        }

        [Fact]
        public void Vector_valued_with_an_early_return_inside_a_loop()
        {
            static (double[,] J, bool Clear) Closed(double[] x)
            {
                var J = new double[x.Length, x.Length];
                double s = 0;
                bool clear = true;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i] * x[i];
                    for (int j = 0; j <= i; j++) J[i, j] = 2 * x[j];
                    if (Math.Abs(s - 4) < 1e-3) clear = false;
                    if (s > 4) break;
                }
                return (J, clear);
            }

            VectorValuedTests.VerifyVector(nameof(MoreArrays.CumulativeUntil), 6,
                (x, y) => MoreArrays.CumulativeUntil(x, y),
                (x, y, s, g) => MoreArrays.CumulativeUntilPullback(x, y, s, g),
                (x, y, J) => MoreArrays.CumulativeUntilJacobian(x, y, J),
                x => Closed(x).J,
                Uniform(6, -1.5, 1.5).Where(x => Closed(x).Clear),
                points: 10);
        }

        [Fact]
        public void Foreach_over_rows_of_constant_jagged_data()
        {
            double[][] xs = RandomJagged(new Random(62), new[] { 3, 3, 3, 3, 3 });
            Verify(nameof(MoreArrays.ForeachConstantRows),
                w => MoreArrays.ForeachConstantRows(w, xs),
                (w, g) => MoreArrays.ForeachConstantRowsGradient(w, xs, g),
                (w, s, g) => MoreArrays.ForeachConstantRowsPullback(w, xs, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    foreach (double[] x in xs)
                    {
                        double s = 0;
                        for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
                        for (int j = 0; j < w.Length; j++) g[j] += 2 * s * x[j];
                    }
                    return g;
                },
                Uniform(3));
        }

        [Fact]
        public void Length_of_a_wrt_array_in_arithmetic()
            => Verify(nameof(MoreArrays.MeanOverLength),
                w => MoreArrays.MeanOverLength(w),
                (w, g) => MoreArrays.MeanOverLengthGradient(w, g),
                (w, s, g) => MoreArrays.MeanOverLengthPullback(w, s, g),
                w => Array.ConvertAll(w, v => 2 * v / w.Length + 2 * v / Math.Sqrt(w.Length)),
                Uniform(5));

        [Fact]
        public void Rows_of_a_wrt_jagged_array_passed_to_a_callee()
        {
            int[] lengths = { 3, 3, 3 };
            double[] x = { 0.5, -1.5, 2 };
            Verify(nameof(MoreArrays.DotOfWrtRows),
                f => MoreArrays.DotOfWrtRows(Jagged(f, 0, lengths), x),
                (f, g) => JaggedCall(f, g, lengths, (W, gW) => MoreArrays.DotOfWrtRowsGradient(W, x, gW)),
                (f, s, g) => JaggedCall(f, g, lengths, (W, gW) => MoreArrays.DotOfWrtRowsPullback(W, x, s, gW)),
                f =>
                {
                    var g = new double[9];
                    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) g[i * 3 + j] = (i + 1) * x[j];
                    return g;
                },
                Uniform(9));
        }

        private static double JaggedCall(double[] f, double[] g, int[] lengths, Func<double[][], double[][], double> call)
        {
            double[][] gW = Jagged(g, 0, lengths);
            double value = call(Jagged(f, 0, lengths), gW);
            Store(gW, g, 0);
            return value;
        }

        [Fact]
        public void A_wrt_matrix_passed_to_a_callee()
            => Verify(nameof(MoreArrays.CallsFrob),
                f => MoreArrays.CallsFrob(Matrix(f, 0, 2, 3)),
                (f, g) => ControlFlowTests.Matrix2D(f, g, 2, 3, (M, gM) => MoreArrays.CallsFrobGradient(M, gM)),
                (f, s, g) => ControlFlowTests.Matrix2D(f, g, 2, 3, (M, gM) => MoreArrays.CallsFrobPullback(M, s, gM)),
                f =>
                {
                    double[] g = Array.ConvertAll(f, v => 4 * v);
                    g[0] += 1;
                    return g;
                },
                Uniform(6));

        [Fact]
        public void Vector_valued_method_calling_a_vector_valued_method()
            => VectorValuedTests.VerifyVector(nameof(MoreArrays.TwoLayers), 4,
                (x, y) => MoreArrays.TwoLayers(x, y),
                (x, y, s, g) => MoreArrays.TwoLayersPullback(x, y, s, g),
                (x, y, J) => MoreArrays.TwoLayersJacobian(x, y, J),
                x =>
                {
                    var h = Array.ConvertAll(x, v => 2 * Math.Tanh(v));
                    double max = double.NegativeInfinity;
                    foreach (double v in h) max = Math.Max(max, v);
                    double sum = 0;
                    var y = new double[h.Length];
                    for (int i = 0; i < h.Length; i++) sum += y[i] = Math.Exp(h[i] - max);
                    for (int i = 0; i < h.Length; i++) y[i] /= sum;
                    var J = new double[h.Length, h.Length];
                    for (int i = 0; i < h.Length; i++)
                    {
                        for (int j = 0; j < h.Length; j++)
                        {
                            double t = Math.Tanh(x[j]);
                            J[i, j] = y[i] * ((i == j ? 1 : 0) - y[j]) * 2 * (1 - t * t);
                        }
                    }
                    return J;
                },
                Uniform(4, -2, 2));

        [Fact]
        public void Compound_assignment_to_a_local_matrix()
        {
            static Dual Twin(Dual[] x)
            {
                int n = x.Length;
                var M = new Dual[n, n];
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) M[i, j] = 1.0 + x[j];
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) M[i, j] = M[i, j] * x[i];
                Dual s = 0.0;
                for (int i = 0; i < n; i++) s += M[i, (i + 2) % n];
                return s;
            }

            Verify(nameof(MoreArrays.LocalMatrixCompound),
                x => MoreArrays.LocalMatrixCompound(x),
                (x, g) => MoreArrays.LocalMatrixCompoundGradient(x, g),
                (x, s, g) => MoreArrays.LocalMatrixCompoundPullback(x, s, g),
                x => Dual.Gradient(Twin, x),
                Uniform(4));
        }

        [Fact]
        public void Recursion_with_an_array()
        {
            foreach (int n in new[] { 0, 3, 5 })
            {
                Verify(nameof(MoreArrays.Recursive) + n,
                    x => MoreArrays.Recursive(x, n),
                    (x, g) => MoreArrays.RecursiveGradient(x, n, g),
                    (x, s, g) => MoreArrays.RecursivePullback(x, n, s, g),
                    x =>
                    {
                        var g = new double[x.Length];
                        for (int i = 0; i < n; i++) g[i] = 2 * x[i];
                        return g;
                    },
                    Uniform(5));
            }
        }

        [Fact]
        public void Foreach_over_an_int_array_of_indices()
        {
            int[] idx = { 0, 2, 2, 4, 1 };
            Verify(nameof(MoreArrays.ForeachIndices),
                x => MoreArrays.ForeachIndices(x, idx),
                (x, g) => MoreArrays.ForeachIndicesGradient(x, idx, g),
                (x, s, g) => MoreArrays.ForeachIndicesPullback(x, idx, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    foreach (int k in idx) g[k] += 2 * x[k] * Math.Sin(x[k]) + x[k] * x[k] * Math.Cos(x[k]);
                    return g;
                },
                Uniform(5));
        }

        [Fact]
        public void Int_carried_across_iterations()
        {
            int[] next = { 2, 0, 3, 1, 0 };
            Dual Twin(Dual[] x)
            {
                int k = 0;
                Dual s = 1.0;
                for (int t = 0; t < 7; t++)
                {
                    s = s * x[k] + 1.0;
                    k = next[k];
                }
                return s;
            }

            Verify(nameof(MoreArrays.PointerChase),
                x => MoreArrays.PointerChase(x, next, 7),
                (x, g) => MoreArrays.PointerChaseGradient(x, next, 7, g),
                (x, s, g) => MoreArrays.PointerChasePullback(x, next, 7, s, g),
                x => Dual.Gradient(Twin, x),
                Uniform(5, -1.5, 1.5));
        }

        [Fact]
        public void Data_dependent_stride_and_a_bool_flag()
        {
            static Dual Twin(Dual[] x)
            {
                int i = 0;
                bool seen = false;
                Dual s = 0.0;
                while (i < x.Length)
                {
                    if (!seen && x[i] > 0.0)
                    {
                        seen = true;
                        s += 10.0 * x[i] * x[i];
                    }
                    else
                    {
                        s = s * 0.5 + Dual.Sin(x[i]);
                    }
                    i += x[i] > 0.0 ? 1 : 2;
                }
                return s;
            }

            Verify(nameof(MoreArrays.DataDependentStride),
                x => MoreArrays.DataDependentStride(x),
                (x, g) => MoreArrays.DataDependentStrideGradient(x, g),
                (x, s, g) => MoreArrays.DataDependentStridePullback(x, s, g),
                x => Dual.Gradient(Twin, x),
                Uniform(8).Where(x => Array.TrueForAll(x, v => Math.Abs(v) > 1e-3)),
                points: 10);
        }

        [Fact]
        public void Nested_foreach_over_constant_rows_and_their_values()
        {
            double[][] xs = RandomJagged(new Random(63), new[] { 3, 3, 3, 3 });
            Verify(nameof(MoreArrays.NestedForeachRows),
                w => MoreArrays.NestedForeachRows(w, xs),
                (w, g) => MoreArrays.NestedForeachRowsGradient(w, xs, g),
                (w, s, g) => MoreArrays.NestedForeachRowsPullback(w, xs, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    foreach (double[] x in xs)
                    {
                        double s = 0;
                        for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
                        double t = Math.Tanh(s);
                        for (int j = 0; j < w.Length; j++) g[j] += (1 - t * t) * x[j];
                    }
                    return g;
                },
                Uniform(3));
        }

        [Fact]
        public void Early_return_inside_a_foreach()
        {
            static (Dual V, bool Clear) Run(Dual[] x)
            {
                Dual s = 0.0;
                bool clear = true;
                foreach (Dual v in x)
                {
                    s = s * v + 1.0;
                    if (Math.Abs(s.V - 3) < 1e-3) clear = false;
                    if (s > 3.0) return (s * s, clear);
                }
                return (s, clear);
            }

            Verify(nameof(MoreArrays.ReturnInsideForeach),
                x => MoreArrays.ReturnInsideForeach(x),
                (x, g) => MoreArrays.ReturnInsideForeachGradient(x, g),
                (x, s, g) => MoreArrays.ReturnInsideForeachPullback(x, s, g),
                x => Dual.Gradient(d => Run(d).V, x),
                Uniform(5, -0.5, 2.5).Where(x => Run(Array.ConvertAll(x, v => new Dual(v))).Clear),
                points: 10);
        }

        /// <summary>tests/README.md A1, minimal: ∂/∂w₀ Σₙ w₀ xₙ₀ = Σₙ xₙ₀ = 6, not 3·xs[last][0] = 9.</summary>
        [Fact]
        public void Foreach_over_constant_rows_minimal()
        {
            double[][] xs = { new[] { 1.0 }, new[] { 2.0 }, new[] { 3.0 } };
            double[] g = new double[1];
            MoreArrays.SumRowDotsGradient(new[] { 0.5 }, xs, g);
            Assert.Equal(6.0, g[0]);
        }

        [Fact]
        public void Local_alias_of_a_constant_data_row()
        {
            var random = new Random(64);
            double[][] xs = RandomJagged(random, new[] { 4, 4, 4, 4, 4, 4 });
            double[] ys = { 1, -1, -1, 1, 1, -1 };
            Verify(nameof(MoreArrays.LogisticWithRowAlias),
                w => MoreArrays.LogisticWithRowAlias(w, xs, ys),
                (w, g) => MoreArrays.LogisticWithRowAliasGradient(w, xs, ys, g),
                (w, s, g) => MoreArrays.LogisticWithRowAliasPullback(w, xs, ys, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    for (int n = 0; n < xs.Length; n++)
                    {
                        double s = 0;
                        for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
                        for (int j = 0; j < w.Length; j++) g[j] += -ys[n] * xs[n][j] * Sigma(-ys[n] * s) / xs.Length;
                    }
                    return g;
                },
                Uniform(4));
        }

        [Fact]
        public void Ternary_on_the_value_it_overwrites()
        {
            static (Dual V, bool Clear) Run(Dual[] x)
            {
                Dual s = 0.5;
                bool clear = true;
                foreach (Dual v in x)
                {
                    if (Math.Abs(s.V - 1) < 1e-3) clear = false;
                    s = s > 1.0 ? s * v : s + v;
                }
                return (s, clear);
            }

            Verify(nameof(MoreArrays.TernaryRecurrence),
                x => MoreArrays.TernaryRecurrence(x),
                (x, g) => MoreArrays.TernaryRecurrenceGradient(x, g),
                (x, s, g) => MoreArrays.TernaryRecurrencePullback(x, s, g),
                x => Dual.Gradient(d => Run(d).V, x),
                Uniform(6, -1, 2).Where(x => Run(Array.ConvertAll(x, v => new Dual(v))).Clear),
                points: 10);
        }

        [Fact]
        public void Max_against_the_value_it_overwrites()
        {
            static (Dual V, bool Clear) Run(Dual[] x)
            {
                Dual m = x[0];
                bool clear = true;
                for (int i = 1; i < x.Length; i++)
                {
                    Dual a = m * 0.9;
                    if (Math.Abs(a.V - x[i].V) < 1e-3) clear = false;
                    m = (a >= x[i] ? a : x[i]) + 0.1 * x[i] * x[i];
                }
                return (m, clear);
            }

            Verify(nameof(MoreArrays.DecayingMax),
                x => MoreArrays.DecayingMax(x),
                (x, g) => MoreArrays.DecayingMaxGradient(x, g),
                (x, s, g) => MoreArrays.DecayingMaxPullback(x, s, g),
                x => Dual.Gradient(d => Run(d).V, x),
                Uniform(6, -2, 2).Where(x => Run(Array.ConvertAll(x, v => new Dual(v))).Clear),
                points: 10);
        }

        [Fact]
        public void Caller_overwrites_a_vector_valued_callees_output()
        {
            double[] target = { 0.2, 0.5, 0.0, 0.3 };
            Verify(nameof(MoreArrays.LogSoftmaxInPlace),
                z => MoreArrays.LogSoftmaxInPlace(z, target),
                (z, g) => MoreArrays.LogSoftmaxInPlaceGradient(z, target, g),
                (z, s, g) => MoreArrays.LogSoftmaxInPlacePullback(z, target, s, g),
                z =>
                {
                    double max = double.NegativeInfinity;
                    foreach (double v in z) max = Math.Max(max, v);
                    double sum = 0;
                    foreach (double v in z) sum += Math.Exp(v - max);
                    var g = new double[z.Length];
                    for (int i = 0; i < z.Length; i++) g[i] = Math.Exp(z[i] - max) / sum - target[i];
                    return g;
                },
                Uniform(4, -3, 3));
        }

        [Fact]
        public void Caller_overwrites_a_vector_valued_callees_input()
        {
            static Dual Twin(Dual[] x)
            {
                int n = x.Length;
                var h = new Dual[n];
                for (int i = 0; i < n; i++) h[i] = x[i] * 2.0 + 1.0;
                Dual ss = 0.0;
                for (int i = 0; i < n; i++) ss += h[i] * h[i];
                Dual norm = Dual.Exp(0.5 * Dual.Log(ss));
                var y = new Dual[n];
                for (int i = 0; i < n; i++) y[i] = h[i] / norm;
                for (int i = 0; i < n; i++) h[i] = y[i] * x[i];
                Dual s = 0.0;
                for (int i = 0; i < n; i++) s += h[i] * h[i] + y[i];
                return s;
            }

            Verify(nameof(MoreArrays.OverwriteCalleeInput),
                x => MoreArrays.OverwriteCalleeInput(x),
                (x, g) => MoreArrays.OverwriteCalleeInputGradient(x, g),
                (x, s, g) => MoreArrays.OverwriteCalleeInputPullback(x, s, g),
                x => Dual.Gradient(Twin, x),
                Uniform(4));
        }

        [Fact]
        public void Float_recurrence_with_looser_tolerance()
        {
            const double tolerance = 1e-5;
            var random = new Random(StableSeed(nameof(MoreArrays.FloatRecurrence)));
            for (int p = 0; p < Points; p++)
            {
                float[] x = new float[8];
                for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
                string at = "FloatRecurrence at " + Format(Array.ConvertAll(x, v => (double)v));

                // The exact derivative of the same recurrence in double, by hand (reverse over stored states).
                var states = new double[x.Length + 1];
                states[0] = 0.25;
                for (int i = 0; i < x.Length; i++) states[i + 1] = Math.Tanh(0.5 * states[i] + x[i]) + 0.1 * states[i] * states[i];
                var expected = new double[x.Length];
                double ds = 1;
                for (int i = x.Length - 1; i >= 0; i--)
                {
                    double t = Math.Tanh(0.5 * states[i] + x[i]);
                    double dz = ds * (1 - t * t);
                    expected[i] = dz;
                    ds = dz * 0.5 + ds * 0.2 * states[i];
                }

                float[] g = new float[x.Length];
                Array.Fill(g, float.NaN);
                Assert.Equal(MoreArrays.FloatRecurrence(x), MoreArrays.FloatRecurrenceGradient(x, g));
                Close(expected, Array.ConvertAll(g, v => (double)v), tolerance, at);

                float[] acc = new float[x.Length];
                Array.Fill(acc, 1.5f);
                MoreArrays.FloatRecurrencePullback(x, -2f, acc);
                for (int i = 0; i < x.Length; i++) Close(1.5 - 2 * expected[i], acc[i], tolerance, at + $": Pullback [{i}]");
            }
        }

        [Fact]
        public void Vector_valued_with_a_scalar_and_a_span_wrt_calling_a_scalar_helper()
        {
            var random = new Random(StableSeed(nameof(MoreArrays.ScaleAndSquash)));
            for (int p = 0; p < Points; p++)
            {
                double a = random.NextDouble() * 3 - 1.5;
                double[] x = Uniform(random, 4, -2, 2);
                double[] seed = Uniform(random, 4, -2, 2);
                string at = $"ScaleAndSquash at a = {R(a)}, x = {Format(x)}";
                double[] y = new double[4];
                MoreArrays.ScaleAndSquash(a, x, y);

                double gA = 0.75;
                double[] gX = { 1, -1, 2, 0.5 };
                double[] before = (double[])gX.Clone();
                double[] yP = Garbage(4);
                MoreArrays.ScaleAndSquashPullback(a, x, yP, seed, ref gA, gX);
                Exactly(y, yP, at + ": outputs");

                double expectedA = 0.75;
                var expectedX = new double[4];
                for (int i = 0; i < 4; i++)
                {
                    double sg = Sigma(a * x[i]);
                    double d = sg * (1 - sg);
                    expectedA += seed[i] * (d * x[i] + 2 * a);
                    expectedX[i] = before[i] + seed[i] * d * a;
                }
                Close(expectedA, gA, ClosedFormTolerance, at + ": gradA");
                Close(expectedX, gX, ClosedFormTolerance, at + ": gradX");

                // And against differences of the outputs in (a, x).
                double[] point = new double[5];
                point[0] = a;
                Array.Copy(x, 0, point, 1, 4);
                double[,] J = GradientCheck.JacobianCentralDifferences((v, ys) => MoreArrays.ScaleAndSquash(v[0], v.Slice(1), ys), point, 4);
                double fromDifferences = 0.75;
                for (int i = 0; i < 4; i++) fromDifferences += seed[i] * J[i, 0];
                Close(fromDifferences, gA, DifferenceTolerance, at + ": gradA vs differences");
            }
        }
    }
}
