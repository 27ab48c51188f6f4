using System;
using System.Collections.Generic;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// The constructs of <see cref="Constructs"/>, each checked against central differences (and the
    /// Gradient/Pullback consistency checks of <see cref="GradAssert.Verify"/>) at seeded random points.
    /// </summary>
    public class ConstructsTests
    {
        private static void Scalar2(string name, Func<double, double, double> f, Func<double, double, (double, double, double)> gradient,
            Func<double, double, double, (double, double, double)> pullback, Func<Random, double[]>? sample = null)
            => Verify(name,
                x => f(x[0], x[1]),
                (x, g) =>
                {
                    var (value, ga, gb) = gradient(x[0], x[1]);
                    g[0] = ga;
                    g[1] = gb;
                    return value;
                },
                (x, s, g) =>
                {
                    var (value, ga, gb) = pullback(x[0], x[1], s);
                    g[0] += ga;
                    g[1] += gb;
                    return value;
                },
                null,
                sample ?? Uniform(2));

        [Fact]
        public void Array_initializers_of_constants_and_of_active_values()
            => Scalar2(nameof(Constructs.Initializers), Constructs.Initializers,
                (a, b) => (Constructs.InitializersGradient(a, b, out double ga, out double gb), ga, gb),
                (a, b, s) => { double ga = 0, gb = 0; double v = Constructs.InitializersPullback(a, b, s, ref ga, ref gb); return (v, ga, gb); });

        [Fact]
        public void Array_initializers_in_a_loop_and_as_arguments()
            => Verify(nameof(Constructs.InitializersInLoop), Constructs.InitializersInLoop,
                (x, g) => Constructs.InitializersInLoopGradient(x, g),
                (x, s, g) => Constructs.InitializersInLoopPullback(x, s, g),
                null, Uniform(5));

        [Fact]
        public void Switch_expression_with_relational_patterns()
        {
            // Each arm, away from the breakpoints.
            foreach (double r in new[] { -1.7, -0.4, 0.6, 1.3 })
            {
                VerifyAt(nameof(Constructs.Piecewise) + r,
                    x => Constructs.Piecewise(x[0]),
                    (x, g) => Constructs.PiecewiseGradient(x[0], out g[0]),
                    (x, s, g) => Constructs.PiecewisePullback(x[0], s, ref g[0]),
                    null, new[] { r });
            }
        }

        [Fact]
        public void Switch_expression_on_a_constant()
        {
            for (int mode = 0; mode < 4; mode++)
            {
                int m = mode;
                Verify(nameof(Constructs.ByMode) + m,
                    x => Constructs.ByMode(x[0], m),
                    (x, g) => Constructs.ByModeGradient(x[0], m, out g[0]),
                    (x, s, g) => Constructs.ByModePullback(x[0], m, s, ref g[0]),
                    x => new[] { m switch { 0 => 2 * x[0], 1 or 2 => Math.Exp(x[0]) * m, _ => 3.0 } },
                    Uniform(1));
            }
        }

        [Fact]
        public void Switch_expression_in_nested_loops()
            => Verify(nameof(Constructs.SwitchInNestedLoops),
                x => Constructs.SwitchInNestedLoops(Matrix(x, 0, 3, 3), 1.5),
                (x, g) =>
                {
                    var gm = new double[3, 3];
                    double v = Constructs.SwitchInNestedLoopsGradient(Matrix(x, 0, 3, 3), 1.5, gm);
                    Store(gm, g, 0);
                    return v;
                },
                (x, s, g) =>
                {
                    var gm = Matrix(g, 0, 3, 3);
                    double v = Constructs.SwitchInNestedLoopsPullback(Matrix(x, 0, 3, 3), 1.5, s, gm);
                    Store(gm, g, 0);
                    return v;
                },
                null, Uniform(9, 0.1, 2.5));

        [Fact]
        public void Switch_expression_on_a_computed_value()
            => Verify(nameof(Constructs.SwitchOnComputedValue), Constructs.SwitchOnComputedValue,
                (x, g) => Constructs.SwitchOnComputedValueGradient(x, g),
                (x, s, g) => Constructs.SwitchOnComputedValuePullback(x, s, g),
                null, Uniform(5));

        [Fact]
        public void Switch_statement_with_pattern_labels()
        {
            foreach (double x0 in new[] { -0.8, 0.7, 1.9, 2.6 })
            {
                VerifyAt(nameof(Constructs.SwitchStatementWithPatterns) + x0,
                    x => Constructs.SwitchStatementWithPatterns(x[0]),
                    (x, g) => Constructs.SwitchStatementWithPatternsGradient(x[0], out g[0]),
                    (x, s, g) => Constructs.SwitchStatementWithPatternsPullback(x[0], s, ref g[0]),
                    null, new[] { x0 });
            }
        }

        [Fact]
        public void Generic_math_statics_of_double()
            => Scalar2(nameof(Constructs.GenericMath), Constructs.GenericMath,
                (a, b) => (Constructs.GenericMathGradient(a, b, out double ga, out double gb), ga, gb),
                (a, b, s) => { double ga = 0, gb = 0; double v = Constructs.GenericMathPullback(a, b, s, ref ga, ref gb); return (v, ga, gb); },
                Uniform(2, 0.2, 2));

        [Fact]
        public void Generic_math_statics_in_a_loop()
            => Verify(nameof(Constructs.GenericMathInLoop), Constructs.GenericMathInLoop,
                (x, g) => Constructs.GenericMathInLoopGradient(x, g),
                (x, s, g) => Constructs.GenericMathInLoopPullback(x, s, g),
                null, Uniform(5));

        [Fact]
        public void Tuple_deconstruction_of_scalars_and_SinCos()
            => Scalar2(nameof(Constructs.Deconstruction), Constructs.Deconstruction,
                (a, b) => (Constructs.DeconstructionGradient(a, b, out double ga, out double gb), ga, gb),
                (a, b, s) => { double ga = 0, gb = 0; double v = Constructs.DeconstructionPullback(a, b, s, ref ga, ref gb); return (v, ga, gb); });

        [Fact]
        public void Tuple_deconstruction_in_a_loop()
            => Verify(nameof(Constructs.DeconstructionInLoop), Constructs.DeconstructionInLoop,
                (x, g) => Constructs.DeconstructionInLoopGradient(x, g),
                (x, s, g) => Constructs.DeconstructionInLoopPullback(x, s, g),
                x =>
                {
                    // A rotation by the sum of the angles: x = cos θ, y = sin θ.
                    double theta = 0;
                    foreach (double a in x) theta += a;
                    double d = -2 * Math.Cos(theta) * Math.Sin(theta) + 3 * Math.Cos(theta);
                    var g = new double[x.Length];
                    for (int i = 0; i < g.Length; i++) g[i] = d;
                    return g;
                },
                Uniform(4));

        [Fact]
        public void Span_views_passed_to_a_differentiable_callee()
            => Verify(nameof(Constructs.Views), Constructs.Views,
                (x, g) => Constructs.ViewsGradient(x, g),
                (x, s, g) => Constructs.ViewsPullback(x, s, g),
                null, Uniform(6));

        [Fact]
        public void Span_views_in_a_loop_and_of_jagged_rows()
        {
            int[] lengths = { 3, 4 };
            Verify(nameof(Constructs.WindowedViews),
                x => Constructs.WindowedViews(Slice(x, 0, 5), Jagged(x, 5, lengths)),
                (x, g) =>
                {
                    var gx = new double[5];
                    var gr = Jagged(new double[7], 0, lengths);
                    double v = Constructs.WindowedViewsGradient(Slice(x, 0, 5), Jagged(x, 5, lengths), gx, gr);
                    gx.CopyTo(g, 0);
                    Store(gr, g, 5);
                    return v;
                },
                (x, s, g) =>
                {
                    var gx = Slice(g, 0, 5);
                    var gr = Jagged(g, 5, lengths);
                    double v = Constructs.WindowedViewsPullback(Slice(x, 0, 5), Jagged(x, 5, lengths), s, gx, gr);
                    gx.CopyTo(g, 0);
                    Store(gr, g, 5);
                    return v;
                },
                null, Uniform(12));
        }

        [Fact]
        public void Copying_arrays_into_locals()
            => Verify(nameof(Constructs.Copies), Constructs.Copies,
                (x, g) => Constructs.CopiesGradient(x, g),
                (x, s, g) => Constructs.CopiesPullback(x, s, g),
                null, Uniform(5));

        [Fact]
        public void Copying_arrays_in_a_loop()
            => Verify(nameof(Constructs.CopiesInLoop), Constructs.CopiesInLoop,
                (x, g) => Constructs.CopiesInLoopGradient(x, g),
                (x, s, g) => Constructs.CopiesInLoopPullback(x, s, g),
                null, Uniform(4));

        [Fact]
        public void GetLength_is_a_constant()
            => Verify(nameof(Constructs.MeanSquare),
                x => Constructs.MeanSquare(Matrix(x, 0, 2, 3)),
                (x, g) =>
                {
                    var gm = new double[2, 3];
                    double v = Constructs.MeanSquareGradient(Matrix(x, 0, 2, 3), gm);
                    Store(gm, g, 0);
                    return v;
                },
                (x, s, g) =>
                {
                    var gm = Matrix(g, 0, 2, 3);
                    double v = Constructs.MeanSquarePullback(Matrix(x, 0, 2, 3), s, gm);
                    Store(gm, g, 0);
                    return v;
                },
                x =>
                {
                    var g = new double[6];
                    for (int i = 0; i < 6; i++) g[i] = x[i];
                    g[0] += 3;
                    return g;
                },
                Uniform(6));

        [Fact]
        public void Local_functions_are_inlined()
            => Scalar2(nameof(Constructs.LocalFunctions), Constructs.LocalFunctions,
                (a, b) => (Constructs.LocalFunctionsGradient(a, b, out double ga, out double gb), ga, gb),
                (a, b, s) => { double ga = 0, gb = 0; double v = Constructs.LocalFunctionsPullback(a, b, s, ref ga, ref gb); return (v, ga, gb); });

        [Fact]
        public void Local_functions_composed_and_reading_a_local()
            => Verify(nameof(Constructs.LocalFunctionsComposed), Constructs.LocalFunctionsComposed,
                (x, g) => Constructs.LocalFunctionsComposedGradient(x, g),
                (x, s, g) => Constructs.LocalFunctionsComposedPullback(x, s, g),
                null, Uniform(3));

        [Fact]
        public void Local_function_with_a_loop_called_in_nested_loops()
            => Verify(nameof(Constructs.LocalFunctionInNestedLoops), Constructs.LocalFunctionInNestedLoops,
                (x, g) => Constructs.LocalFunctionInNestedLoopsGradient(x, g),
                (x, s, g) => Constructs.LocalFunctionInNestedLoopsPullback(x, s, g),
                null, Uniform(4));

        [Fact]
        public void Foreach_over_constant_lists_and_record_struct_locals()
        {
            var data = new List<double> { 1, -2, 0.5 };
            IReadOnlyList<double> weights = new[] { 0.25, -0.5 };
            var ratings = new[] { new Rating(0, 1.5), new Rating(2, -0.5), new Rating(1, 2), new Rating(2, 0.75) };
            Verify(nameof(Constructs.ConstantData),
                w => Constructs.ConstantData(w, data, weights, ratings),
                (w, g) => Constructs.ConstantDataGradient(w, data, weights, ratings, g),
                (w, s, g) => Constructs.ConstantDataPullback(w, data, weights, ratings, s, g),
                w =>
                {
                    var g = new double[3];
                    foreach (double d in data) g[0] += d * d;
                    foreach (double q in weights) g[1] += q * Math.Exp(w[1] * q);
                    foreach (var r in ratings) g[r.Item] += 2 * (w[r.Item] - r.Value) + r.Value * Math.Cos(w[r.Item] * r.Value);
                    return g;
                },
                Uniform(3));
        }

        [Fact]
        public void Ping_pong_buffers_swapped_through_a_temporary()
        {
            foreach (int steps in new[] { 0, 1, 4 })
            {
                Verify(nameof(Constructs.Diffusion) + steps,
                    x => Constructs.Diffusion(Slice(x, 0, 4), x[4], steps),
                    (x, g) =>
                    {
                        var gu = new double[4];
                        double v = Constructs.DiffusionGradient(Slice(x, 0, 4), x[4], steps, gu, out g[4]);
                        gu.CopyTo(g, 0);
                        return v;
                    },
                    (x, s, g) =>
                    {
                        var gu = Slice(g, 0, 4);
                        double v = Constructs.DiffusionPullback(Slice(x, 0, 4), x[4], steps, s, gu, ref g[4]);
                        gu.CopyTo(g, 0);
                        return v;
                    },
                    null, Uniform(5, -1, 1));
            }
        }

        [Fact]
        public void Ping_pong_buffers_swapped_by_a_tuple()
        {
            foreach (int steps in new[] { 1, 3 })
            {
                Verify(nameof(Constructs.TupleSwap) + steps,
                    x => Constructs.TupleSwap(x, steps),
                    (x, g) => Constructs.TupleSwapGradient(x, steps, g),
                    (x, s, g) => Constructs.TupleSwapPullback(x, steps, s, g),
                    null, Uniform(4));
            }
        }
    }
}
