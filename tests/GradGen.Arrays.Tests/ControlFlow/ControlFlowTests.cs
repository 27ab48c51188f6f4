using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    public class ControlFlowTests
    {
        private const double Margin = 1e-3;

        // ----- loop forms -----

        [Fact]
        public void For()
            => Verify(nameof(ControlFlow.ForNeighbours),
                x => ControlFlow.ForNeighbours(x),
                (x, g) => ControlFlow.ForNeighboursGradient(x, g),
                (x, s, g) => ControlFlow.ForNeighboursPullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        g[i] = Math.Cos(x[i]);
                        if (i > 0) g[i] += x[i - 1];
                        if (i + 1 < x.Length) g[i] += x[i + 1];
                    }
                    return g;
                },
                Uniform(6));

        [Fact]
        public void Foreach_over_an_array()
            => Verify(nameof(ControlFlow.ForeachArray),
                x => ControlFlow.ForeachArray(x),
                (x, g) => ControlFlow.ForeachArrayGradient(x, g),
                (x, s, g) => ControlFlow.ForeachArrayPullback(x, s, g),
                x => Array.ConvertAll(x, v => 3 * v * v - 1),
                Uniform(5));

        [Fact]
        public void Foreach_over_a_ReadOnlySpan()
            => Verify(nameof(ControlFlow.ForeachReadOnlySpan),
                x => ControlFlow.ForeachReadOnlySpan(x),
                (x, g) => ControlFlow.ForeachReadOnlySpanGradient(x, g),
                (x, s, g) => ControlFlow.ForeachReadOnlySpanPullback(x, s, g),
                x => Array.ConvertAll(x, v => Math.Exp(0.5 * v) * (1 + 0.5 * v)),
                Uniform(5));

        [Fact]
        public void Foreach_over_a_Span()
            => Verify(nameof(ControlFlow.ForeachSpan),
                x => ControlFlow.ForeachSpan(x),
                (x, g) => ControlFlow.ForeachSpanGradient(x, g),
                (x, s, g) => ControlFlow.ForeachSpanPullback(x, s, g),
                x =>
                {
                    double p = 1;
                    foreach (double v in x) p *= 1 + v * v;
                    return Array.ConvertAll(x, v => p * 2 * v / (1 + v * v));
                },
                Uniform(5, -1.5, 1.5));

        [Fact]
        public void While()
            => Verify(nameof(ControlFlow.While),
                x => ControlFlow.While(x),
                (x, g) => ControlFlow.WhileGradient(x, g),
                (x, s, g) => ControlFlow.WhilePullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) g[i] = 2 * (i + 1) * x[i];
                    return g;
                },
                Uniform(5));

        /// <summary>Sum xᵢ² until the sum first exceeds the limit; the closed form of s² and whether the point is clear of the switch points.</summary>
        private static (double[] Gradient, bool Clear) SquaresUntil(double[] x, double limit)
        {
            double s = 0;
            int k = x.Length - 1;
            bool clear = true;
            for (int i = 0; i < x.Length; i++)
            {
                s += x[i] * x[i];
                if (Math.Abs(s - limit) < Margin) clear = false;
                if (s > limit)
                {
                    k = i;
                    break;
                }
            }
            var g = new double[x.Length];
            for (int i = 0; i <= k; i++) g[i] = 4 * s * x[i];
            return (g, clear);
        }

        [Fact]
        public void While_on_a_data_dependent_condition()
        {
            const double limit = 3;
            Verify(nameof(ControlFlow.WhileBelow),
                x => ControlFlow.WhileBelow(x, limit),
                (x, g) => ControlFlow.WhileBelowGradient(x, limit, g),
                (x, s, g) => ControlFlow.WhileBelowPullback(x, limit, s, g),
                x => SquaresUntil(x, limit).Gradient,
                Uniform(6, -1.5, 1.5).Where(x => SquaresUntil(x, limit).Clear),
                points: 10);
        }

        [Fact]
        public void Do_while()
        {
            foreach (int n in new[] { 7, 6, 1 })
            {
                Verify(nameof(ControlFlow.DoWhileStride2) + n,
                    x => ControlFlow.DoWhileStride2(x),
                    (x, g) => ControlFlow.DoWhileStride2Gradient(x, g),
                    (x, s, g) => ControlFlow.DoWhileStride2Pullback(x, s, g),
                    x =>
                    {
                        // Forward: the states before each visited step; reverse: the product of later cosines.
                        var states = new double[(x.Length + 1) / 2];
                        double s = 1;
                        for (int k = 0, i = 0; i < x.Length; i += 2, k++)
                        {
                            states[k] = s;
                            s = s * Math.Cos(x[i]) + x[i];
                        }
                        var g = new double[x.Length];
                        double later = 1;
                        for (int k = states.Length - 1; k >= 0; k--)
                        {
                            int i = 2 * k;
                            g[i] = later * (1 - states[k] * Math.Sin(x[i]));
                            later *= Math.Cos(x[i]);
                        }
                        return g;
                    },
                    Uniform(n));
            }
        }

        [Fact]
        public void Nested_loops_over_a_triangle()
        {
            const int n = 4;
            Verify(nameof(ControlFlow.NestedTriangle),
                f => ControlFlow.NestedTriangle(Matrix(f, 0, n, n)),
                (f, g) => Matrix2D(f, g, n, n, (A, gA) => ControlFlow.NestedTriangleGradient(A, gA)),
                (f, s, g) => Matrix2D(f, g, n, n, (A, gA) => ControlFlow.NestedTrianglePullback(A, s, gA)),
                f =>
                {
                    double[,] A = Matrix(f, 0, n, n);
                    var g = new double[n, n];
                    for (int p = 0; p < n; p++)
                    {
                        for (int q = 0; q < n; q++) g[p, q] = p == q ? 2 * A[p, p] * (p + 1) : A[q, p] * (Math.Min(p, q) + 1);
                    }
                    var flat = new double[n * n];
                    Store(g, flat, 0);
                    return flat;
                },
                Uniform(n * n));
        }

        [Fact]
        public void Three_nested_loops()
        {
            const int n = 3, k = 4, m = 2;
            double[,] B = RandomMatrix(new Random(3), k, m);
            Verify(nameof(ControlFlow.ProductFrobenius),
                f => ControlFlow.ProductFrobenius(Matrix(f, 0, n, k), B),
                (f, g) => Matrix2D(f, g, n, k, (A, gA) => ControlFlow.ProductFrobeniusGradient(A, B, gA)),
                (f, s, g) => Matrix2D(f, g, n, k, (A, gA) => ControlFlow.ProductFrobeniusPullback(A, B, s, gA)),
                f =>
                {
                    double[,] A = Matrix(f, 0, n, k);
                    var C = new double[n, m];
                    for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) for (int l = 0; l < k; l++) C[i, j] += A[i, l] * B[l, j];
                    var g = new double[n, k];
                    for (int i = 0; i < n; i++) for (int l = 0; l < k; l++) for (int j = 0; j < m; j++) g[i, l] += 2 * C[i, j] * B[l, j];
                    var flat = new double[n * k];
                    Store(g, flat, 0);
                    return flat;
                },
                Uniform(n * k));
        }

        internal static double Matrix2D(double[] f, double[] g, int rows, int cols, Func<double[,], double[,], double> call)
        {
            double[,] A = Matrix(f, 0, rows, cols);
            double[,] gA = Matrix(g, 0, rows, cols);
            double value = call(A, gA);
            Store(gA, g, 0);
            return value;
        }

        // ----- break, continue, return -----

        [Fact]
        public void Break_on_constant_data()
        {
            double[] c = { 1.5, 0.5, 2, -1, 3 };
            Verify(nameof(ControlFlow.BreakOnConstant),
                x => ControlFlow.BreakOnConstant(x, c),
                (x, g) => ControlFlow.BreakOnConstantGradient(x, c, g),
                (x, s, g) => ControlFlow.BreakOnConstantPullback(x, c, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < 3; i++) g[i] = 2 * c[i] * x[i];
                    return g;
                },
                Uniform(c.Length));
        }

        [Fact]
        public void Break_on_active_data()
        {
            const double limit = 3;
            Verify(nameof(ControlFlow.BreakWhenLarge),
                x => ControlFlow.BreakWhenLarge(x, limit),
                (x, g) => ControlFlow.BreakWhenLargeGradient(x, limit, g),
                (x, s, g) => ControlFlow.BreakWhenLargePullback(x, limit, s, g),
                x => SquaresUntil(x, limit).Gradient,
                Uniform(6, -1.5, 1.5).Where(x => SquaresUntil(x, limit).Clear),
                points: 10);
        }

        [Fact]
        public void Continue()
            => Verify(nameof(ControlFlow.ContinueSkips),
                x => ControlFlow.ContinueSkips(x),
                (x, g) => ControlFlow.ContinueSkipsGradient(x, g),
                (x, s, g) => ControlFlow.ContinueSkipsPullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (x[i] < 0) continue;
                        g[i] = 3 * x[i] * x[i] + (i % 2 == 0 ? Math.Exp(x[i]) : 0);
                    }
                    return g;
                },
                Uniform(7).Where(x => Array.TrueForAll(x, v => Math.Abs(v) > Margin)));

        [Fact]
        public void Early_return_inside_a_loop()
        {
            const double limit = 5;
            static (double[] G, bool Clear) Closed(double[] x)
            {
                double s = 0;
                bool clear = true;
                var g = new double[x.Length];
                for (int i = 0; i < x.Length; i++)
                {
                    s += Math.Exp(x[i]);
                    if (Math.Abs(s - limit) < Margin) clear = false;
                    if (s > limit)
                    {
                        for (int j = 0; j <= i; j++) g[j] = (i + 1) * Math.Exp(x[j]) / s;
                        return (g, clear);
                    }
                }
                for (int j = 0; j < x.Length; j++) g[j] = -Math.Exp(x[j]);
                return (g, clear);
            }

            Verify(nameof(ControlFlow.ReturnInsideLoop),
                x => ControlFlow.ReturnInsideLoop(x, limit),
                (x, g) => ControlFlow.ReturnInsideLoopGradient(x, limit, g),
                (x, s, g) => ControlFlow.ReturnInsideLoopPullback(x, limit, s, g),
                x => Closed(x).G,
                Uniform(5, -1, 1.2).Where(x => Closed(x).Clear),
                points: 10);

            // Both exits are taken among the points: all small (no return inside) and one large first element.
            VerifyAt("ReturnInsideLoop, no early exit", x => ControlFlow.ReturnInsideLoop(x, limit),
                (x, g) => ControlFlow.ReturnInsideLoopGradient(x, limit, g),
                (x, s, g) => ControlFlow.ReturnInsideLoopPullback(x, limit, s, g),
                x => Closed(x).G, new[] { -1.0, -0.5, 0.2, -2, 0.1 });
            VerifyAt("ReturnInsideLoop, exit at 0", x => ControlFlow.ReturnInsideLoop(x, limit),
                (x, g) => ControlFlow.ReturnInsideLoopGradient(x, limit, g),
                (x, s, g) => ControlFlow.ReturnInsideLoopPullback(x, limit, s, g),
                x => Closed(x).G, new[] { 2.0, -0.5, 0.2, -2, 0.1 });
        }

        [Fact]
        public void Early_return_inside_a_nested_loop()
        {
            const double limit = 2.5;
            double[][] rows = RandomJagged(new Random(11), new[] { 3, 3, 3, 3 });
            (double[] G, bool Clear) Closed(double[] w)
            {
                double acc = 0;
                var dacc = new double[w.Length];
                bool clear = true;
                for (int i = 0; i < rows.Length; i++)
                {
                    for (int j = 0; j < w.Length; j++)
                    {
                        acc += w[j] * rows[i][j];
                        for (int l = 0; l < w.Length; l++) dacc[l] += l == j ? rows[i][j] : 0;
                        if (Math.Abs(acc - limit) < Margin) clear = false;
                        if (acc > limit) return (Array.ConvertAll(dacc, d => 2 * acc * d), clear);
                    }
                    acc *= 0.5;
                    for (int l = 0; l < w.Length; l++) dacc[l] *= 0.5;
                }
                return (dacc, clear);
            }

            // Both exits (the return inside the inner loop and the one after the loops) among the points.
            var random = new Random(StableSeed(nameof(ControlFlow.ReturnInsideNestedLoop)));
            var sample = Uniform(3, -3, 3).Where(w => Closed(w).Clear);
            int early = 0;
            for (int p = 0; p < 12; p++)
            {
                double[] w = sample(random);
                if (ControlFlow.ReturnInsideNestedLoop(w, rows, limit) > limit * limit) early++;
                VerifyAt(nameof(ControlFlow.ReturnInsideNestedLoop),
                    v => ControlFlow.ReturnInsideNestedLoop(v, rows, limit),
                    (v, g) => ControlFlow.ReturnInsideNestedLoopGradient(v, rows, limit, g),
                    (v, s, g) => ControlFlow.ReturnInsideNestedLoopPullback(v, rows, limit, s, g),
                    v => Closed(v).G,
                    w, random);
            }
            Assert.InRange(early, 1, 11);
        }

        // ----- loop bounds -----

        [Fact]
        public void Bounds_from_Length_of_a_jagged_data_set()
        {
            double[][] xs = RandomJagged(new Random(2), new[] { 4, 4, 4, 4, 4 });
            Verify(nameof(ControlFlow.SumOfSquaredScores),
                w => ControlFlow.SumOfSquaredScores(w, xs),
                (w, g) => ControlFlow.SumOfSquaredScoresGradient(w, xs, g),
                (w, s, g) => ControlFlow.SumOfSquaredScoresPullback(w, xs, s, g),
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
                Uniform(4));
        }

        [Fact]
        public void Bound_from_an_int_parameter()
        {
            foreach (int n in new[] { 0, 3, 5 })
            {
                Verify(nameof(ControlFlow.PrefixSquares) + n,
                    x => ControlFlow.PrefixSquares(x, n),
                    (x, g) => ControlFlow.PrefixSquaresGradient(x, n, g),
                    (x, s, g) => ControlFlow.PrefixSquaresPullback(x, n, s, g),
                    x =>
                    {
                        var g = new double[x.Length];
                        for (int i = 0; i < n; i++) g[i] = 2 * x[i];
                        return g;
                    },
                    Uniform(5));
            }
        }

        private static double[] CubesThenLinear(double[] x, int m, double linear)
        {
            var g = new double[x.Length];
            for (int i = 0; i < x.Length; i++) g[i] = i < m ? 3 * x[i] * x[i] : linear;
            return g;
        }

        [Fact]
        public void Bound_computed_from_the_length()
        {
            foreach (int n in new[] { 5, 6 })
            {
                Verify(nameof(ControlFlow.BoundFromHalfLength) + n,
                    x => ControlFlow.BoundFromHalfLength(x),
                    (x, g) => ControlFlow.BoundFromHalfLengthGradient(x, g),
                    (x, s, g) => ControlFlow.BoundFromHalfLengthPullback(x, s, g),
                    x => CubesThenLinear(x, (n + 1) / 2, 1),
                    Uniform(n));
            }
        }

        [Fact]
        public void Bound_computed_from_a_constant_double()
            => Verify(nameof(ControlFlow.BoundFromConstantDouble),
                x => ControlFlow.BoundFromConstantDouble(x, 2.2),
                (x, g) => ControlFlow.BoundFromConstantDoubleGradient(x, 2.2, g),
                (x, s, g) => ControlFlow.BoundFromConstantDoublePullback(x, 2.2, s, g),
                x => CubesThenLinear(x, 3, 1),
                Uniform(5));

        [Fact]
        public void Bound_computed_from_active_data()
        {
            static int Leading(double[] x)
            {
                int m = 0;
                while (m < x.Length && x[m] > 0) m++;
                return m;
            }

            Verify(nameof(ControlFlow.BoundFromLeadingPositives),
                x => ControlFlow.BoundFromLeadingPositives(x),
                (x, g) => ControlFlow.BoundFromLeadingPositivesGradient(x, g),
                (x, s, g) => ControlFlow.BoundFromLeadingPositivesPullback(x, s, g),
                x => CubesThenLinear(x, Leading(x), 2),
                Uniform(6, -0.4, 2).Where(x => Array.TrueForAll(x, v => Math.Abs(v) > Margin)),
                points: 10);
        }

        [Fact]
        public void Bounds_from_an_int_array()
        {
            int[] lengths = { 2, 3, 1, 0, 2 };
            Verify(nameof(ControlFlow.SegmentSquares),
                x => ControlFlow.SegmentSquares(x, lengths),
                (x, g) => ControlFlow.SegmentSquaresGradient(x, lengths, g),
                (x, s, g) => ControlFlow.SegmentSquaresPullback(x, lengths, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    int start = 0;
                    foreach (int len in lengths)
                    {
                        double s = 0;
                        for (int i = start; i < start + len; i++) s += x[i];
                        for (int i = start; i < start + len; i++) g[i] = 2 * s;
                        start += len;
                    }
                    return g;
                },
                Uniform(8));
        }

        // ----- switch and if/else -----

        [Fact]
        public void Switch_on_the_index_inside_a_loop()
            => Verify(nameof(ControlFlow.SwitchOnIndex),
                x => ControlFlow.SwitchOnIndex(x),
                (x, g) => ControlFlow.SwitchOnIndexGradient(x, g),
                (x, s, g) => ControlFlow.SwitchOnIndexPullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) g[i] = (i % 3) switch { 0 => 1, 1 => 2 * x[i], _ => Math.Cos(x[i]) };
                    return g;
                },
                Uniform(8));

        [Fact]
        public void Switch_on_constant_kinds_inside_a_loop()
        {
            int[] kinds = { 0, 1, 2, 3, 4, 1, 0, 1 };
            Verify(nameof(ControlFlow.SwitchOnKinds),
                x => ControlFlow.SwitchOnKinds(x, kinds),
                (x, g) => ControlFlow.SwitchOnKindsGradient(x, kinds, g),
                (x, s, g) => ControlFlow.SwitchOnKindsPullback(x, kinds, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        switch (kinds[i])
                        {
                            case 0:
                            case 3:
                                g[i] = Math.Exp(x[i]) + 0.1;
                                break;
                            case 1:
                                double others = 1;
                                for (int j = 0; j < x.Length; j++) if (j != i && kinds[j] == 1) others *= x[j];
                                g[i] = 0.1 + others;
                                break;
                            case 2:
                                g[i] = -x[i];
                                break;
                            default:
                                g[i] = 0.1;
                                break;
                        }
                    }
                    return g;
                },
                Uniform(kinds.Length));
        }

        [Fact]
        public void If_else_on_data_inside_a_loop()
        {
            double[] y = { 0.5, -1, 2, 0, 1.5, -0.5 };
            const double delta = 1;
            Verify(nameof(ControlFlow.Huber),
                x => ControlFlow.Huber(x, y, delta),
                (x, g) => ControlFlow.HuberGradient(x, y, delta, g),
                (x, s, g) => ControlFlow.HuberPullback(x, y, delta, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        double r = x[i] - y[i];
                        g[i] = Math.Abs(r) <= delta ? r : delta * Math.Sign(r);
                    }
                    return g;
                },
                Uniform(y.Length, -3, 3).Where(x =>
                {
                    for (int i = 0; i < x.Length; i++) if (Math.Abs(Math.Abs(x[i] - y[i]) - delta) < Margin) return false;
                    return true;
                }),
                points: 10);
        }

        [Fact]
        public void Else_if_chain_on_neighbours_inside_a_loop()
            => Verify(nameof(ControlFlow.NeighbourBranches),
                x => ControlFlow.NeighbourBranches(x),
                (x, g) => ControlFlow.NeighbourBranchesGradient(x, g),
                (x, s, g) => ControlFlow.NeighbourBranchesPullback(x, s, g),
                x =>
                {
                    var g = new double[x.Length];
                    for (int i = 0; i + 1 < x.Length; i++)
                    {
                        if (x[i] > x[i + 1])
                        {
                            g[i] += x[i + 1];
                            g[i + 1] += x[i];
                        }
                        else if (x[i] > 0)
                        {
                            g[i] += Math.Exp(x[i]);
                            g[i + 1] -= 1;
                        }
                        else if (x[i] < -1)
                        {
                            g[i + 1] += 2 * x[i + 1];
                        }
                        else
                        {
                            g[i] += Math.Cos(x[i]);
                        }
                    }
                    return g;
                },
                Uniform(8, -2.5, 2.5).Where(x =>
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (Math.Abs(x[i]) < Margin || Math.Abs(x[i] + 1) < Margin) return false;
                        if (i + 1 < x.Length && Math.Abs(x[i] - x[i + 1]) < Margin) return false;
                    }
                    return true;
                }),
                points: 10);
    }
}
