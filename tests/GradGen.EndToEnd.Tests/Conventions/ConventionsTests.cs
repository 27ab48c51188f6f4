using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Non-smooth points, exactly: Abs'(0) = 0; Max/Min on a tie pass the whole derivative to the
    /// first argument (docs/reference.md §4). Also the Gradient/Pullback contract (overwrite vs accumulate,
    /// exact value) and throw.
    /// </summary>
    public class ConventionsTests
    {
        [Theory]
        [InlineData(0.0, 0.0)]
        [InlineData(2.5, 1.0)]
        [InlineData(-2.5, -1.0)]
        public void Abs_derivative_is_zero_at_zero(double x, double expected)
        {
            Assert.Equal(Math.Abs(x), Conventions.AbsOfGradient(x, out double g));
            Assert.Equal(expected, g);
        }

        [Fact]
        public void Abs_derivative_is_zero_at_negative_zero()
        {
            Conventions.AbsOfGradient(-0.0, out double g);
            Assert.Equal(0.0, g);
        }

        [Fact]
        public void Abs_of_a_difference_at_a_tie_gives_zero_to_both()
        {
            Conventions.AbsOfDifferenceGradient(1.5, 1.5, out double gx, out double gy);
            Assert.Equal(0.0, gx);
            Assert.Equal(0.0, gy);
        }

        [Theory]
        [InlineData(1.5, 1.5, 1.0, 0.0)] // tie: first argument
        [InlineData(0.0, 0.0, 1.0, 0.0)]
        [InlineData(2.0, 1.0, 1.0, 0.0)]
        [InlineData(1.0, 2.0, 0.0, 1.0)]
        public void Max_on_a_tie_passes_the_derivative_to_the_first_argument(double x, double y, double ex, double ey)
        {
            Assert.Equal(Math.Max(x, y), Conventions.MaxOfGradient(x, y, out double gx, out double gy));
            Assert.Equal(ex, gx);
            Assert.Equal(ey, gy);
        }

        [Theory]
        [InlineData(1.5, 1.5, 1.0, 0.0)] // tie: first argument
        [InlineData(-3.0, -3.0, 1.0, 0.0)]
        [InlineData(2.0, 1.0, 0.0, 1.0)]
        [InlineData(1.0, 2.0, 1.0, 0.0)]
        public void Min_on_a_tie_passes_the_derivative_to_the_first_argument(double x, double y, double ex, double ey)
        {
            Assert.Equal(Math.Min(x, y), Conventions.MinOfGradient(x, y, out double gx, out double gy));
            Assert.Equal(ex, gx);
            Assert.Equal(ey, gy);
        }

        [Fact]
        public void Tie_convention_through_a_pullback_with_seed()
        {
            double gx = 10, gy = 20;
            Conventions.MaxOfPullback(0.5, 0.5, -3, ref gx, ref gy);
            Assert.Equal(7.0, gx);
            Assert.Equal(20.0, gy);
        }

        [Fact]
        public void Relu_as_Math_Max_0_x_at_zero_follows_the_first_argument_the_constant()
        {
            // Math.Max(0, x) at x = 0 is a tie; the first argument is the constant 0, so ∂/∂x = 0.
            Worksheet.ReluAsMaxGradient(0.0, out double g);
            Assert.Equal(0.0, g);
        }

        [Fact]
        public void Leaky_relu_as_Math_Max_at_zero_takes_the_first_arguments_slope()
        {
            // Math.Max(0.01 * x, x) at x = 0 is a tie; the first argument 0.01x gives 0.01.
            Worksheet.LeakyReluAsMaxGradient(0.0, out double g);
            Assert.Equal(0.01, g);
        }

        [Theory]
        [InlineData(0.1, 1.0)]
        [InlineData(0.25, 0.5)]
        public void Plu_at_its_kinks_follows_the_nested_first_argument_ties(double alpha, double c)
        {
            // x = c: Min(α(x − c) + c, x) ties → first argument, slope α; the Max is then not tied.
            // x = −c: Max(α(x + c) − c, …) ties with Min(…) = x → first argument, slope α.
            Worksheet.PluGradient(c, alpha, c, out double atPlus);
            Worksheet.PluGradient(-c, alpha, c, out double atMinus);
            Assert.Equal(alpha, atPlus);
            Assert.Equal(alpha, atMinus);
        }

        [Fact]
        public void Max_and_Min_at_ties_inside_a_larger_expression()
        {
            // AbsMaxMin(x, y) = |x − y| + 2·Max(x, y) + Min(xy, 1) at x = y = 1: every term is tied.
            // Abs'(0) = 0; Max → (2, 0); Min(xy, 1) → first argument xy: (y, x) = (1, 1).
            MathFunctions.AbsMaxMinGradient(1.0, 1.0, out double gx, out double gy);
            Assert.Equal(3.0, gx);
            Assert.Equal(1.0, gy);
        }

        /// <summary>
        /// Clamp(x, lo, hi) at its bounds (docs/reference.md §4): the generator treats the closed
        /// interval as "inside": at x = lo or x = hi the whole derivative goes to x (its first argument,
        /// consistent with Max/Min).
        /// </summary>
        [Theory]
        [InlineData(-1.0, -1.0, 2.0, 1.0, 0.0, 0.0)] // x = lo
        [InlineData(2.0, -1.0, 2.0, 1.0, 0.0, 0.0)]  // x = hi
        [InlineData(0.5, 0.5, 0.5, 1.0, 0.0, 0.0)]   // lo = x = hi
        [InlineData(-3.0, -1.0, 2.0, 0.0, 1.0, 0.0)] // below
        [InlineData(5.0, -1.0, 2.0, 0.0, 0.0, 1.0)]  // above
        [InlineData(0.0, -1.0, 2.0, 1.0, 0.0, 0.0)]  // inside
        public void Clamp_at_and_beyond_its_bounds(double x, double lo, double hi, double ex, double elo, double ehi)
        {
            Assert.Equal(Math.Clamp(x, lo, hi), Conventions.ClampOfGradient(x, lo, hi, out double gx, out double glo, out double ghi));
            Assert.Equal(ex, gx);
            Assert.Equal(elo, glo);
            Assert.Equal(ehi, ghi);
        }

        [Fact]
        public void GradMath_relu_family_at_zero_uses_the_left_derivative()
        {
            // GradMath's documented convention: Relu'(0) = 0, LeakyRelu'(0) = slope, ∂LeakyRelu/∂slope(0) = 0.
            Conventions.ReluOfGradient(0.0, out double r);
            Assert.Equal(0.0, r);
            Conventions.LeakyReluOfGradient(0.0, 0.3, out double dx, out double dSlope);
            Assert.Equal(0.3, dx);
            Assert.Equal(0.0, dSlope);
        }

        // ----- Gradient overwrites, Pullback accumulates, values are exact -----

        [Fact]
        public void Gradient_overwrites_garbage_and_Pullback_accumulates_across_calls()
        {
            double gx = double.NaN, gy = double.PositiveInfinity;
            double f = MoreGarbowHillstrom.RosenbrockGradient(0.3, -0.2, out gx, out gy);
            Assert.Equal(MoreGarbowHillstrom.Rosenbrock(0.3, -0.2), f);
            double ex = gx, ey = gy;

            // Three pullbacks into the same outputs sum up: 1 + (2 − 0.5 + 1)·∇f.
            double ax = 1, ay = 1;
            MoreGarbowHillstrom.RosenbrockPullback(0.3, -0.2, 2.0, ref ax, ref ay);
            MoreGarbowHillstrom.RosenbrockPullback(0.3, -0.2, -0.5, ref ax, ref ay);
            Assert.Equal(f, MoreGarbowHillstrom.RosenbrockPullback(0.3, -0.2, 1.0, ref ax, ref ay));
            Close(1 + 2.5 * ex, ax);
            Close(1 + 2.5 * ey, ay);
        }

        [Fact]
        public void Pullback_with_seed_one_from_zero_equals_Gradient_bitwise()
        {
            var random = new Random(11);
            for (int k = 0; k < 20; k++)
            {
                double x = random.NextDouble() * 4 - 2, y = random.NextDouble() * 2 + 0.5;
                AwkwardCode.ReassignedGradient(x, y, out double gx, out double gy);
                double px = 0, py = 0;
                AwkwardCode.ReassignedPullback(x, y, 1.0, ref px, ref py);
                Assert.Equal(gx, px);
                Assert.Equal(gy, py);
            }
        }

        [Fact]
        public void Returned_values_equal_the_original_methods_bitwise_on_every_path()
        {
            var random = new Random(12);
            for (int k = 0; k < 200; k++)
            {
                double x = random.NextDouble() * 6 - 3, y = random.NextDouble() * 6 - 3;
                Assert.Equal(AwkwardCode.NestedReturns(x, y), AwkwardCode.NestedReturnsGradient(x, y, out _, out _));
                Assert.Equal(AwkwardCode.GuardClauses(x, y), AwkwardCode.GuardClausesGradient(x, y, out _, out _));
                Assert.Equal(AwkwardCode.NestedTernaries(x, y), AwkwardCode.NestedTernariesGradient(x, y, out _, out _));
                double ax = 0, ay = 0;
                Assert.Equal(AwkwardCode.NestedReturns(x, y), AwkwardCode.NestedReturnsPullback(x, y, 0.5, ref ax, ref ay));
            }
        }

        // ----- throw -----

        [Fact]
        public void Validated_is_differentiable_where_valid()
            => Verify(nameof(Conventions.Validated),
                v => Conventions.Validated(v[0], v[1]),
                (v, g) => Conventions.ValidatedGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Conventions.ValidatedPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double a = Math.Log(v[0]) * v[1];
                    return new[] { 2 * a * v[1] / v[0], 2 * a * Math.Log(v[0]) + 1 };
                },
                Box((0.1, 5), (-3, 3)));

        [Theory]
        [InlineData(0.0)]
        [InlineData(-1.0)]
        public void Gradient_and_Pullback_throw_the_same_guard_exception(double x)
        {
            var original = Assert.Throws<ArgumentOutOfRangeException>(() => Conventions.Validated(x, 1.0));
            var fromGradient = Assert.Throws<ArgumentOutOfRangeException>(() => Conventions.ValidatedGradient(x, 1.0, out _, out _));
            Assert.Equal(original.ParamName, fromGradient.ParamName);
            Assert.Equal(original.Message, fromGradient.Message);
            Assert.Equal(x, fromGradient.ActualValue);

            double gx = 3, gy = 4;
            var fromPullback = Assert.Throws<ArgumentOutOfRangeException>(() => Conventions.ValidatedPullback(x, 1.0, 1.0, ref gx, ref gy));
            Assert.Equal(original.Message, fromPullback.Message);
            Assert.Equal(3.0, gx); // thrown before anything was accumulated
            Assert.Equal(4.0, gy);
        }

        [Fact]
        public void Gradient_throws_the_same_exception_in_the_middle()
        {
            // ln(e²)·6 = 12 > 10.
            double x = Math.Exp(2), y = 6;
            var original = Assert.Throws<InvalidOperationException>(() => Conventions.Validated(x, y));
            var generated = Assert.Throws<InvalidOperationException>(() => Conventions.ValidatedGradient(x, y, out _, out _));
            Assert.Equal(original.Message, generated.Message);
        }

        [Fact]
        public void Throw_inside_a_loop()
        {
            Verify(nameof(Conventions.ThrowInLoop),
                v => Conventions.ThrowInLoop(v[0], 4),
                (v, g) => Conventions.ThrowInLoopGradient(v[0], 4, out g[0]),
                (v, s, g) => Conventions.ThrowInLoopPullback(v[0], 4, s, ref g[0]),
                v => new[] { 2 * v[0] * (1 + 2 + 3 + 4) },
                Uniform(1, -3, 3));

            var original = Assert.Throws<OverflowException>(() => Conventions.ThrowInLoop(20, 4));
            var generated = Assert.Throws<OverflowException>(() => Conventions.ThrowInLoopGradient(20, 4, out _));
            Assert.Equal(original.Message, generated.Message);
            Assert.Equal("sum exceeded 1000 at i = 1", generated.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => Conventions.ThrowInLoopGradient(1, -1, out _));
        }
    }
}
