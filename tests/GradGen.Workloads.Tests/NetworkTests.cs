using System;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    public sealed class NetworkTests
    {
        private readonly ITestOutputHelper output;

        public NetworkTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Theory]
        [InlineData(6, 4, 1)]
        [InlineData(1, 1, 2)]
        [InlineData(20, 12, 3)]
        public void SingleExampleHandGradientAgreesWithCentralDifferences(int d, int hidden, int seed)
        {
            NetworkData net = SyntheticData.NetworkBatch(1, d, hidden, seed);
            double[] x = net.Xs[0];
            double y = net.Ys[0];
            Func<double> f = () => Network.Loss(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, x, y);
            var dW = new double[hidden, d];
            var db = new double[hidden];
            var dw = new double[hidden];
            double value = Network.LossHandGradient(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, x, y, dW, db, dw);
            Assert.Equal(f(), value, 14);
            CheckAll($"network d={d} hidden={hidden}", f, net, dW, db, dw);
        }

        [Theory]
        [InlineData(32, 8, 5, 4)]
        [InlineData(3, 2, 3, 5)]
        public void BatchHandGradientAgreesWithCentralDifferences(int batch, int d, int hidden, int seed)
        {
            NetworkData net = SyntheticData.NetworkBatch(batch, d, hidden, seed);
            Func<double> f = () => Network.BatchLoss(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, net.Xs, net.Ys);
            var dW = new double[hidden, d];
            var db = new double[hidden];
            var dw = new double[hidden];
            double value = Network.BatchLossHandGradient(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, net.Xs, net.Ys, dW, db, dw);
            Assert.Equal(f(), value, 12);
            CheckAll($"network batch={batch} d={d} hidden={hidden}", f, net, dW, db, dw);
        }

        [Fact]
        public void BatchIsTheSumOfSingleExamples()
        {
            NetworkData net = SyntheticData.NetworkBatch(10, 5, 4, 6);
            int hidden = net.HiddenBiases.Length;
            var sumW = new double[hidden, 5];
            var sumB = new double[hidden];
            var sumWOut = new double[hidden];
            double sum = 0;
            for (int n = 0; n < net.Xs.Length; n++)
            {
                var dW = new double[hidden, 5];
                var db = new double[hidden];
                var dw = new double[hidden];
                sum += Network.LossHandGradient(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, net.Xs[n], net.Ys[n], dW, db, dw);
                for (int h = 0; h < hidden; h++)
                {
                    sumB[h] += db[h];
                    sumWOut[h] += dw[h];
                    for (int j = 0; j < 5; j++)
                    {
                        sumW[h, j] += dW[h, j];
                    }
                }
            }

            var batchW = new double[hidden, 5];
            var batchB = new double[hidden];
            var batchWOut = new double[hidden];
            double batch = Network.BatchLossHandGradient(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, net.Xs, net.Ys, batchW, batchB, batchWOut);
            Assert.Equal(sum, batch, 12);
            for (int h = 0; h < hidden; h++)
            {
                Assert.Equal(sumB[h], batchB[h], 12);
                Assert.Equal(sumWOut[h], batchWOut[h], 12);
                for (int j = 0; j < 5; j++)
                {
                    Assert.Equal(sumW[h, j], batchW[h, j], 12);
                }
            }
        }

        [Fact]
        public void ShapeMismatchIsRejected()
        {
            NetworkData net = SyntheticData.NetworkBatch(1, 3, 2, 7);
            Assert.Throws<ArgumentException>(() => Network.LossHandGradient(
                net.HiddenWeights, net.HiddenBiases, net.OutputWeights, net.Xs[0], net.Ys[0], new double[2, 4], new double[2], new double[2]));
        }

        private void CheckAll(string what, Func<double> f, NetworkData net, double[,] dW, double[] db, double[] dw)
        {
            int hidden = dW.GetLength(0);
            int d = dW.GetLength(1);
            var flatW = new double[hidden * d];
            for (int h = 0; h < hidden; h++)
            {
                for (int j = 0; j < d; j++)
                {
                    flatW[h * d + j] = dW[h, j];
                }
            }

            SampledGradientCheck.AssertAgrees(what + ", W", flatW,
                i => SampledGradientCheck.Partial(f, net.HiddenWeights, i / d, i % d),
                SampledGradientCheck.Subset(flatW.Length, 1000, 0), 1e-6, output, i => $"W[{i / d},{i % d}]");
            SampledGradientCheck.AssertAgrees(what + ", b", db, i => SampledGradientCheck.Partial(f, net.HiddenBiases, i),
                SampledGradientCheck.Subset(db.Length, 1000, 0), 1e-6, output);
            SampledGradientCheck.AssertAgrees(what + ", w", dw, i => SampledGradientCheck.Partial(f, net.OutputWeights, i),
                SampledGradientCheck.Subset(dw.Length, 1000, 0), 1e-6, output);
        }
    }
}
