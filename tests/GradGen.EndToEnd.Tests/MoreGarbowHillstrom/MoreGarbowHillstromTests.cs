using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>Moré–Garbow–Hillstrom functions against gradients derived by hand.</summary>
    public class MoreGarbowHillstromTests
    {
        [Fact]
        public void Rosenbrock()
            => Verify(nameof(MoreGarbowHillstrom.Rosenbrock),
                x => MoreGarbowHillstrom.Rosenbrock(x[0], x[1]),
                (x, g) => MoreGarbowHillstrom.RosenbrockGradient(x[0], x[1], out g[0], out g[1]),
                (x, s, g) => MoreGarbowHillstrom.RosenbrockPullback(x[0], x[1], s, ref g[0], ref g[1]),
                x => new[]
                {
                    -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]),
                    200 * (x[1] - x[0] * x[0]),
                },
                Uniform(2));

        [Fact]
        public void Rosenbrock_at_the_standard_start_and_the_minimum()
        {
            double f = MoreGarbowHillstrom.RosenbrockGradient(-1.2, 1, out double g1, out double g2);
            Assert.Equal(24.2, f, 12);
            Close(-215.6, g1);
            Close(-88, g2);
            Assert.Equal(0.0, MoreGarbowHillstrom.RosenbrockGradient(1, 1, out g1, out g2));
            Assert.Equal(0.0, g1);
            Assert.Equal(0.0, g2);
        }

        private static readonly double[] BealeY = { 1.5, 2.25, 2.625 };

        private static double[] BealeGradient(double[] x)
        {
            double g1 = 0, g2 = 0;
            for (int i = 1; i <= 3; i++)
            {
                double f = BealeY[i - 1] - x[0] * (1 - Math.Pow(x[1], i));
                g1 += 2 * f * -(1 - Math.Pow(x[1], i));
                g2 += 2 * f * x[0] * i * Math.Pow(x[1], i - 1);
            }
            return new[] { g1, g2 };
        }

        [Fact]
        public void Beale()
            => Verify(nameof(MoreGarbowHillstrom.Beale),
                x => MoreGarbowHillstrom.Beale(x[0], x[1]),
                (x, g) => MoreGarbowHillstrom.BealeGradient(x[0], x[1], out g[0], out g[1]),
                (x, s, g) => MoreGarbowHillstrom.BealePullback(x[0], x[1], s, ref g[0], ref g[1]),
                BealeGradient,
                Uniform(2, -3, 3));

        [Fact]
        public void Beale_as_a_loop_with_Math_Pow_and_a_negative_base()
            => Verify(nameof(MoreGarbowHillstrom.BealeLoop),
                x => MoreGarbowHillstrom.BealeLoop(x[0], x[1]),
                (x, g) => MoreGarbowHillstrom.BealeLoopGradient(x[0], x[1], out g[0], out g[1]),
                (x, s, g) => MoreGarbowHillstrom.BealeLoopPullback(x[0], x[1], s, ref g[0], ref g[1]),
                BealeGradient,
                Uniform(2, -3, 3).Where(x => x[1] < -0.1),
                points: 5);

        [Fact]
        public void Beale_as_a_loop_with_a_positive_base()
            => Verify(nameof(MoreGarbowHillstrom.BealeLoop) + "+",
                x => MoreGarbowHillstrom.BealeLoop(x[0], x[1]),
                (x, g) => MoreGarbowHillstrom.BealeLoopGradient(x[0], x[1], out g[0], out g[1]),
                (x, s, g) => MoreGarbowHillstrom.BealeLoopPullback(x[0], x[1], s, ref g[0], ref g[1]),
                BealeGradient,
                Uniform(2, 0.1, 3),
                points: 5);

        /// <summary>
        /// ∂θ/∂x₁ = −x₂/(2πr²), ∂θ/∂x₂ = x₁/(2πr²); ∂f/∂xⱼ = 2f₁∂f₁/∂xⱼ + 2f₂∂f₂/∂xⱼ + 2f₃∂f₃/∂xⱼ.
        /// </summary>
        private static double[] HelicalValleyGradient(double[] x)
        {
            double r2 = x[0] * x[0] + x[1] * x[1], r = Math.Sqrt(r2);
            double theta = Math.Atan(x[1] / x[0]) / (2 * Math.PI) + (x[0] < 0 ? 0.5 : 0.0);
            double f1 = 10 * (x[2] - 10 * theta), f2 = 10 * (r - 1);
            double dTheta1 = -x[1] / (2 * Math.PI * r2), dTheta2 = x[0] / (2 * Math.PI * r2);
            return new[]
            {
                2 * f1 * (-100 * dTheta1) + 2 * f2 * 10 * x[0] / r,
                2 * f1 * (-100 * dTheta2) + 2 * f2 * 10 * x[1] / r,
                2 * f1 * 10 + 2 * x[2],
            };
        }

        [Fact]
        public void Helical_valley_value_matches_the_MGH_definition()
        {
            var random = new Random(7);
            for (int k = 0; k < 20; k++)
            {
                double x1 = random.NextDouble() * 4 - 2, x2 = random.NextDouble() * 4 - 2, x3 = random.NextDouble() * 4 - 2;
                double theta = Math.Atan(x2 / x1) / (2 * Math.PI) + (x1 < 0 ? 0.5 : 0.0);
                double f1 = 10 * (x3 - 10 * theta), f2 = 10 * (Math.Sqrt(x1 * x1 + x2 * x2) - 1);
                Close(f1 * f1 + f2 * f2 + x3 * x3, MoreGarbowHillstrom.HelicalValley(x1, x2, x3), 1e-12);
            }
        }

        [Fact]
        public void Helical_valley_in_all_four_quadrants()
        {
            foreach (var (s1, s2) in new[] { (1, 1), (-1, 1), (-1, -1), (1, -1) })
            {
                Verify(nameof(MoreGarbowHillstrom.HelicalValley) + s1 + s2,
                    x => MoreGarbowHillstrom.HelicalValley(x[0], x[1], x[2]),
                    (x, g) => MoreGarbowHillstrom.HelicalValleyGradient(x[0], x[1], x[2], out g[0], out g[1], out g[2]),
                    (x, s, g) => MoreGarbowHillstrom.HelicalValleyPullback(x[0], x[1], x[2], s, ref g[0], ref g[1], ref g[2]),
                    HelicalValleyGradient,
                    Box((0.1 * s1, 2 * s1), (0.1 * s2, 2 * s2), (-2, 2)),
                    points: 5);
            }
        }

        [Fact]
        public void Helical_valley_at_the_standard_start()
        {
            // x₀ = (−1, 0, 0): θ = ½, f₁ = −50, f₂ = 0, f = 2500; ∂θ/∂x₂ = −1/(2π), so the gradient is (0, −5000/π, −1000).
            double f = MoreGarbowHillstrom.HelicalValleyGradient(-1, 0, 0, out double g1, out double g2, out double g3);
            Assert.Equal(2500.0, f, 10);
            Close(0, g1);
            Close(-5000 / Math.PI, g2);
            Close(-1000, g3);
        }

        [Fact]
        public void Powell_singular()
            => Verify(nameof(MoreGarbowHillstrom.PowellSingular),
                x => MoreGarbowHillstrom.PowellSingular(x[0], x[1], x[2], x[3]),
                (x, g) => MoreGarbowHillstrom.PowellSingularGradient(x[0], x[1], x[2], x[3], out g[0], out g[1], out g[2], out g[3]),
                (x, s, g) => MoreGarbowHillstrom.PowellSingularPullback(x[0], x[1], x[2], x[3], s, ref g[0], ref g[1], ref g[2], ref g[3]),
                x =>
                {
                    double a = x[0] + 10 * x[1], b = x[2] - x[3], c = x[1] - 2 * x[2], d = x[0] - x[3];
                    return new[]
                    {
                        2 * a + 40 * d * d * d,
                        20 * a + 4 * c * c * c,
                        10 * b - 8 * c * c * c,
                        -10 * b - 40 * d * d * d,
                    };
                },
                Uniform(4));

        [Fact]
        public void Wood()
            => Verify(nameof(MoreGarbowHillstrom.Wood),
                x => MoreGarbowHillstrom.Wood(x[0], x[1], x[2], x[3]),
                (x, g) => MoreGarbowHillstrom.WoodGradient(x[0], x[1], x[2], x[3], out g[0], out g[1], out g[2], out g[3]),
                (x, s, g) => MoreGarbowHillstrom.WoodPullback(x[0], x[1], x[2], x[3], s, ref g[0], ref g[1], ref g[2], ref g[3]),
                x => new[]
                {
                    -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]),
                    200 * (x[1] - x[0] * x[0]) + 20 * (x[1] + x[3] - 2) + 0.2 * (x[1] - x[3]),
                    -360 * x[2] * (x[3] - x[2] * x[2]) - 2 * (1 - x[2]),
                    180 * (x[3] - x[2] * x[2]) + 20 * (x[1] + x[3] - 2) - 0.2 * (x[1] - x[3]),
                },
                Uniform(4));

        [Fact]
        public void Wood_at_the_standard_start()
        {
            // x₀ = (−3, −1, −3, −1): f = 19192; gradient (−12008, −2080, −10808, −1880).
            double f = MoreGarbowHillstrom.WoodGradient(-3, -1, -3, -1, out double g1, out double g2, out double g3, out double g4);
            Close(19192, f);
            Close(-12008, g1);
            Close(-2080, g2);
            Close(-10808, g3);
            Close(-1880, g4);
        }
    }
}
