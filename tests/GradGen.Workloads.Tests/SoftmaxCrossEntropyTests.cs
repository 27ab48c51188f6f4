using System;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    public sealed class SoftmaxCrossEntropyTests
    {
        private readonly ITestOutputHelper output;

        public SoftmaxCrossEntropyTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Theory]
        [InlineData(40, 6, 4, 1)]
        [InlineData(3, 2, 3, 2)]
        [InlineData(1, 1, 1, 3)]
        public void HandGradientAgreesWithCentralDifferences(int n, int d, int classes, int seed)
        {
            SoftmaxData data = SyntheticData.SoftmaxBatch(n, d, classes, seed);
            var dW = new double[classes, d];
            var db = new double[classes];
            double value = SoftmaxCrossEntropy.LossHandGradient(data.Weights, data.Biases, data.XsFlat, data.Labels, dW, db);
            Func<double> f = () => SoftmaxCrossEntropy.Loss(data.Weights, data.Biases, data.XsFlat, data.Labels);
            Assert.Equal(f(), value, 13);
            CheckAll($"softmax CE hand N={n} d={d} classes={classes}", f, data, dW, db);
        }

        /// <summary>
        /// The generated gradient of the natural form (a local read from the buffer a vector-valued
        /// callee writes inside the loop) against central differences, and against the hand-written one.
        /// </summary>
        [Theory]
        [InlineData(40, 6, 4, 1)]
        [InlineData(3, 2, 3, 2)]
        [InlineData(1, 1, 1, 3)]
        public void GeneratedGradientAgreesWithCentralDifferencesAndHand(int n, int d, int classes, int seed)
        {
            SoftmaxData data = SyntheticData.SoftmaxBatch(n, d, classes, seed);
            var dW = new double[classes, d];
            var db = new double[classes];
            double value = SoftmaxCrossEntropy.LossGradient(data.Weights, data.Biases, data.XsFlat, data.Labels, dW, db);
            Func<double> f = () => SoftmaxCrossEntropy.Loss(data.Weights, data.Biases, data.XsFlat, data.Labels);
            Assert.Equal(f(), value, 14);
            CheckAll($"softmax CE generated N={n} d={d} classes={classes}", f, data, dW, db);

            var handW = new double[classes, d];
            var handB = new double[classes];
            SoftmaxCrossEntropy.LossHandGradient(data.Weights, data.Biases, data.XsFlat, data.Labels, handW, handB);
            for (int k = 0; k < classes; k++)
            {
                Assert.True(GradientCheck.RelativeError(handB[k], db[k]) <= 1e-12, $"db[{k}]: hand {handB[k]:R}, generated {db[k]:R}");
                for (int j = 0; j < d; j++)
                {
                    Assert.True(GradientCheck.RelativeError(handW[k, j], dW[k, j]) <= 1e-12, $"dW[{k},{j}]: hand {handW[k, j]:R}, generated {dW[k, j]:R}");
                }
            }
        }

        [Fact]
        public void ClosedFormAtZeroWeights()
        {
            // With W = 0, b = 0 every class has probability 1/K: E = ln K, ∂E/∂b_k = 1/K − (count of k)/N.
            SoftmaxData data = SyntheticData.SoftmaxBatch(30, 3, 5, 4);
            var zeroW = new double[5, 3];
            var zeroB = new double[5];
            var dW = new double[5, 3];
            var db = new double[5];
            double value = SoftmaxCrossEntropy.LossGradient(zeroW, zeroB, data.XsFlat, data.Labels, dW, db);
            Assert.Equal(Math.Log(5), value, 14);
            for (int k = 0; k < 5; k++)
            {
                int count = Array.FindAll(data.Labels, l => l == k).Length;
                Assert.Equal(0.2 - count / 30.0, db[k], 14);
            }
        }

        [Fact]
        public void SoftmaxIsShiftInvariantAndSumsToOne()
        {
            double[] z = { 1000.0, 1001.0, 999.0 };
            var p = new double[3];
            SoftmaxCrossEntropy.Softmax(z, p);
            Assert.Equal(1.0, p[0] + p[1] + p[2], 15);
            double[] shifted = { 0.0, 1.0, -1.0 };
            var q = new double[3];
            SoftmaxCrossEntropy.Softmax(shifted, q);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(q[k], p[k], 15);
            }
        }

        [Fact]
        public void HandGradientDoesNotAllocate()
        {
            SoftmaxData data = SyntheticData.SoftmaxBatch(50, 8, 10, 5);
            var dW = new double[10, 8];
            var db = new double[10];
            SoftmaxCrossEntropy.LossHandGradient(data.Weights, data.Biases, data.XsFlat, data.Labels, dW, db);
            long before = GC.GetAllocatedBytesForCurrentThread();
            SoftmaxCrossEntropy.LossHandGradient(data.Weights, data.Biases, data.XsFlat, data.Labels, dW, db);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }

        private void CheckAll(string what, Func<double> f, SoftmaxData data, double[,] dW, double[] db)
        {
            int d = data.D;
            var flat = new double[dW.Length];
            for (int i = 0; i < flat.Length; i++)
            {
                flat[i] = dW[i / d, i % d];
            }

            SampledGradientCheck.AssertAgrees(what + " dW", flat, i => SampledGradientCheck.Partial(f, data.Weights, i / d, i % d),
                SampledGradientCheck.Subset(flat.Length, 1000, 0), 1e-6, output, i => $"W[{i / d},{i % d}]");
            SampledGradientCheck.AssertAgrees(what + " db", db, k => SampledGradientCheck.Partial(f, data.Biases, k),
                SampledGradientCheck.Subset(db.Length, 1000, 0), 1e-6, output, k => $"b[{k}]");
        }
    }
}
