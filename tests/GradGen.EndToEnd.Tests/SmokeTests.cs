using System;
using GradGen;
using Xunit;

namespace GradGen.EndToEnd.Tests
{
    public class SmokeTests
    {
        [Theory]
        [InlineData(-1.2, 1.0)]
        [InlineData(0.3, -0.7)]
        public void Rosenbrock_matches_closed_form(double x, double y)
        {
            double f = Smoke.RosenbrockGradient(x, y, out double gx, out double gy);
            Assert.Equal(Smoke.Rosenbrock(x, y), f);
            Assert.Equal(-2 * (1 - x) - 400 * x * (y - x * x), gx, 12);
            Assert.Equal(200 * (y - x * x), gy, 12);
        }

        [Theory]
        [InlineData(-3.0, 0.5)]
        [InlineData(1.0, 0.5)]
        [InlineData(3.0, 0.5)]
        public void Branchy_matches_differences(double x, double y)
        {
            Smoke.BranchyGradient(x, y, out double gx, out double gy);
            var check = GradientCheck.Check(v => Smoke.Branchy(v[0], v[1]), new[] { x, y }, new[] { gx, gy }, 1e-7);
            Assert.True(check.Passed, check.ToString());
        }

        [Fact]
        public void Power_loop_gives_n_x_to_the_n_minus_1()
        {
            Smoke.PowerGradient(1.3, 5, out double g);
            Assert.Equal(5 * Math.Pow(1.3, 4), g, 12);
        }

        [Fact]
        public void Pullback_accumulates_seed_times_gradient()
        {
            double gx = 1, gy = 2;
            Smoke.RosenbrockPullback(0.5, 0.5, 3.0, ref gx, ref gy);
            Smoke.RosenbrockGradient(0.5, 0.5, out double ex, out double ey);
            Assert.Equal(1 + 3 * ex, gx, 12);
            Assert.Equal(2 + 3 * ey, gy, 12);
        }
    }
}
