using System;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    public sealed class RosenbrockTests
    {
        private readonly ITestOutputHelper output;

        public RosenbrockTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Theory]
        [InlineData(2, 1)]
        [InlineData(10, 2)]
        [InlineData(7, 3)]      // odd length: the last coordinate is unused
        [InlineData(100, 4)]
        public void HandGradientAgreesWithCentralDifferences(int n, int seed)
        {
            double[] x = SyntheticData.RosenbrockPoint(n, seed);
            var dX = new double[n];
            double value = Rosenbrock.ExtendedHandGradient(x, dX);
            Func<double> f = () => Rosenbrock.Extended(x);
            Assert.Equal(f(), value, 12);
            SampledGradientCheck.AssertAgrees($"rosenbrock n={n}", dX, i => SampledGradientCheck.Partial(f, x, i),
                SampledGradientCheck.Subset(n, 1000, 0), 1e-6, output);
        }

        [Fact]
        public void KnownValues()
        {
            // Standard start (−1.2, 1): 100(1 − 1.44)² + 2.2² = 24.2 per pair; gradient (−215.6, −88).
            double[] start = SyntheticData.RosenbrockStart(4);
            var dX = new double[4];
            Assert.Equal(48.4, Rosenbrock.Extended(start), 12);
            Assert.Equal(48.4, Rosenbrock.ExtendedHandGradient(start, dX), 12);
            Assert.Equal(new[] { -215.6, -88.0, -215.6, -88.0 }, dX, (a, b) => Math.Abs(a - b) < 1e-12);

            // Minimum 0 at (1, …, 1) with zero gradient.
            double[] ones = { 1, 1, 1, 1, 1, 1 };
            var zero = new double[6];
            Assert.Equal(0.0, Rosenbrock.ExtendedHandGradient(ones, zero));
            Assert.All(zero, g => Assert.Equal(0.0, g));
        }
    }
}
