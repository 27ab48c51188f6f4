using System;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    public sealed class LogisticTests
    {
        private readonly ITestOutputHelper output;

        public LogisticTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Theory]
        [InlineData(200, 10, 1)]
        [InlineData(50, 3, 2)]
        [InlineData(1, 1, 3)]
        public void JaggedHandGradientAgreesWithCentralDifferences(int n, int d, int seed)
        {
            LogisticData data = SyntheticData.Logistic(n, d, seed);
            var dW = new double[d];
            double value = Logistic.LossHandGradient(data.Weights, data.Xs, data.Ys, dW);
            Func<double> f = () => Logistic.Loss(data.Weights, data.Xs, data.Ys);
            Assert.Equal(f(), value, 14);
            SampledGradientCheck.AssertAgrees($"logistic N={n} d={d}", dW, j => SampledGradientCheck.Partial(f, data.Weights, j),
                SampledGradientCheck.Subset(d, 1000, 0), 1e-6, output);
        }

        [Theory]
        [InlineData(200, 10, 1)]
        [InlineData(50, 3, 2)]
        public void SpanHandGradientAgreesWithCentralDifferences(int n, int d, int seed)
        {
            LogisticData data = SyntheticData.Logistic(n, d, seed);
            var dW = new double[d];
            double value = Logistic.LossSpanHandGradient(data.Weights, data.XsFlat, data.Ys, d, dW);
            Func<double> f = () => Logistic.LossSpan(data.Weights, data.XsFlat, data.Ys, d);
            Assert.Equal(f(), value, 14);
            SampledGradientCheck.AssertAgrees($"logistic span N={n} d={d}", dW, j => SampledGradientCheck.Partial(f, data.Weights, j),
                SampledGradientCheck.Subset(d, 1000, 0), 1e-6, output);
        }

        [Fact]
        public void JaggedAndFlatFormsAgree()
        {
            LogisticData data = SyntheticData.Logistic(100, 7, 4);
            Assert.Equal(Logistic.Loss(data.Weights, data.Xs, data.Ys), Logistic.LossSpan(data.Weights, data.XsFlat, data.Ys, data.D), 15);
            var jagged = new double[data.D];
            var flat = new double[data.D];
            Logistic.LossHandGradient(data.Weights, data.Xs, data.Ys, jagged);
            Logistic.LossSpanHandGradient(data.Weights, data.XsFlat, data.Ys, data.D, flat);
            Assert.Equal(jagged, flat);
        }

        [Fact]
        public void ClosedFormAtZeroWeights()
        {
            // At w = 0 every term is ln 2 and σ(0) = ½, so ∇E = −(1/2N) Σ y_n x_n (worksheet row 11).
            LogisticData data = SyntheticData.Logistic(20, 4, 5);
            var zero = new double[data.D];
            var dW = new double[data.D];
            double value = Logistic.LossHandGradient(zero, data.Xs, data.Ys, dW);
            Assert.Equal(Math.Log(2), value, 15);
            for (int j = 0; j < data.D; j++)
            {
                double expected = 0;
                for (int n = 0; n < data.N; n++)
                {
                    expected -= data.Ys[n] * data.Xs[n][j] / (2.0 * data.N);
                }

                Assert.Equal(expected, dW[j], 14);
            }
        }

        [Fact]
        public void HandGradientsDoNotAllocate()
        {
            LogisticData data = SyntheticData.Logistic(100, 8, 6);
            var dW = new double[data.D];
            Logistic.LossHandGradient(data.Weights, data.Xs, data.Ys, dW);
            Logistic.LossSpanHandGradient(data.Weights, data.XsFlat, data.Ys, data.D, dW);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Logistic.LossHandGradient(data.Weights, data.Xs, data.Ys, dW);
            Logistic.LossSpanHandGradient(data.Weights, data.XsFlat, data.Ys, data.D, dW);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
