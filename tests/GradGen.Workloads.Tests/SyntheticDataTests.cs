using System;
using Xunit;

namespace GradGen.Workloads.Tests
{
    public sealed class SyntheticDataTests
    {
        [Fact]
        public void LogisticDataIsDeterministicAndWellFormed()
        {
            LogisticData a = SyntheticData.Logistic(64, 5, 42);
            LogisticData b = SyntheticData.Logistic(64, 5, 42);
            Assert.Equal((64, 5), (a.N, a.D));
            Assert.Equal(a.Weights, b.Weights);
            Assert.Equal(a.XsFlat, b.XsFlat);
            Assert.Equal(a.Ys, b.Ys);
            Assert.All(a.Ys, y => Assert.True(y == 1 || y == -1));
            Assert.Contains(1.0, a.Ys);
            Assert.Contains(-1.0, a.Ys);
            for (int n = 0; n < a.N; n++)
            {
                Assert.Equal(a.Xs[n], a.XsFlat.AsSpan(n * a.D, a.D).ToArray());
            }

            Assert.NotEqual(a.XsFlat, SyntheticData.Logistic(64, 5, 43).XsFlat);
        }

        [Fact]
        public void NetworkBatchIsDeterministicAndWellFormed()
        {
            NetworkData a = SyntheticData.NetworkBatch(16, 7, 3, 1);
            NetworkData b = SyntheticData.NetworkBatch(16, 7, 3, 1);
            Assert.Equal((3, 7), (a.HiddenWeights.GetLength(0), a.HiddenWeights.GetLength(1)));
            Assert.Equal(3, a.HiddenBiases.Length);
            Assert.Equal(3, a.OutputWeights.Length);
            Assert.Equal(16, a.Xs.Length);
            Assert.All(a.Xs, x => Assert.Equal(7, x.Length));
            Assert.All(a.Ys, y => Assert.True(y == 1 || y == -1));
            Assert.Equal(a.HiddenWeights, b.HiddenWeights);
            Assert.Equal(a.Ys, b.Ys);
        }

        [Fact]
        public void RosenbrockPoints()
        {
            double[] x = SyntheticData.RosenbrockPoint(50, 9);
            Assert.Equal(x, SyntheticData.RosenbrockPoint(50, 9));
            Assert.All(x, v => Assert.InRange(v, -2.0, 2.0));
            Assert.Equal(new[] { -1.2, 1.0, -1.2 }, SyntheticData.RosenbrockStart(3));
        }
    }
}
