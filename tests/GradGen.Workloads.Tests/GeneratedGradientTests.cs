using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    /// <summary>
    /// The generated gradients of the workloads, compared with the expert hand-written ones
    /// (which are themselves checked against differences and ADBench's reference values) and,
    /// on the ADBench inputs, directly with central differences.
    /// </summary>
    public sealed class GeneratedGradientTests
    {
        /// <summary>Generated and hand-written gradients compute the same sums in different orders.</summary>
        private const double AgreementTolerance = 1e-10;

        private readonly ITestOutputHelper output;

        public GeneratedGradientTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        private static void AssertSame(string what, double[] hand, double[] generated)
        {
            Assert.Equal(hand.Length, generated.Length);
            int worst = -1;
            double worstError = 0;
            for (int i = 0; i < hand.Length; i++)
            {
                double e = Math.Abs(hand[i] - generated[i]) / Math.Max(1, Math.Max(Math.Abs(hand[i]), Math.Abs(generated[i])));
                if (!(e <= worstError)) { worstError = e; worst = i; }
            }
            Assert.True(worstError <= AgreementTolerance,
                $"{what}: generated gradient differs from the hand-written one at [{worst}]: hand {hand[worst]:R}, generated {generated[worst]:R} (relative {worstError:E2})");
        }

        private static (double Value, double[] Gradient) GmmGenerated(GmmInput g)
        {
            var dA = new double[g.Alphas.Length];
            var dM = new double[g.Means.Length];
            var dI = new double[g.Icf.Length];
            double value = Gmm.ObjectiveGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, dA, dM, dI);
            return (value, dA.Concat(dM).Concat(dI).ToArray());
        }

        private static (double Value, double[] Gradient) GmmHand(GmmInput g)
        {
            var dA = new double[g.Alphas.Length];
            var dM = new double[g.Means.Length];
            var dI = new double[g.Icf.Length];
            double value = Gmm.HandGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, dA, dM, dI);
            return (value, dA.Concat(dM).Concat(dI).ToArray());
        }

        [Theory]
        [InlineData("gmm/test.txt")]
        [InlineData("gmm/gmm_d2_K5.txt")]
        [InlineData("gmm/gmm_d10_K25.txt")]
        public void Gmm_generated_gradient_equals_hand_written(string file)
        {
            var g = GmmInput.Load(SharedData.AdBench(file));
            var (value, generated) = GmmGenerated(g);
            var (handValue, hand) = GmmHand(g);
            Assert.Equal(Gmm.Objective(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M), value);
            Assert.Equal(handValue, value, 9);
            AssertSame(file, hand, generated);
        }

        [Fact]
        public void Gmm_generated_gradient_matches_adbench_reference()
        {
            var g = GmmInput.Load(SharedData.AdBench("gmm/test.txt"));
            var (_, generated) = GmmGenerated(g);
            for (int i = 0; i < generated.Length; i++)
                AdBenchReference.AssertClose(AdBenchReference.GmmTestGradient[i], generated[i], $"dF[{i}]");
        }

        [Theory]
        [InlineData("gmm/test.txt", 0)]
        [InlineData("gmm/gmm_d2_K5.txt", 0)]
        public void Gmm_generated_gradient_matches_central_differences(string file, int seed)
        {
            var g = GmmInput.Load(SharedData.AdBench(file));
            var (_, generated) = GmmGenerated(g);
            var all = g.Alphas.Concat(g.Means).Concat(g.Icf).ToArray();
            double F(double[] p)
            {
                int k = g.Alphas.Length, dm = g.Means.Length;
                return Gmm.Objective(p[..k], p[k..(k + dm)], p[(k + dm)..], g.X, g.D, g.K, g.N, g.Gamma, g.M);
            }
            SampledGradientCheck.AssertAgrees(file, generated, i => SampledGradientCheck.Partial(() => F(all), all, i),
                SampledGradientCheck.Subset(all.Length, 60, seed), 1e-6, output);
        }

        [Fact]
        public void Lstm_generated_gradient_equals_hand_written_and_adbench()
        {
            var l = LstmInput.Load(SharedData.AdBench("lstm/lstm_l2_c1024.txt"));
            var gm = new double[l.MainParams.Length];
            var ge = new double[l.ExtraParams.Length];
            double value = Lstm.ObjectiveGradient(l.MainParams, l.ExtraParams, l.State, l.Sequence, l.L, l.C, l.B, gm, ge);
            var hm = new double[gm.Length];
            var he = new double[ge.Length];
            double handValue = Lstm.HandGradient(l.MainParams, l.ExtraParams, l.State, l.Sequence, l.L, l.C, l.B, hm, he);
            Assert.Equal(handValue, value, 12);
            var generated = gm.Concat(ge).ToArray();
            AssertSame("lstm", hm.Concat(he).ToArray(), generated);
            for (int i = 0; i < generated.Length; i++)
                AdBenchReference.AssertClose(AdBenchReference.LstmL2C1024Gradient[i], generated[i], $"dLoss[{i}]");
        }

        [Fact]
        public void Lstm_generated_gradient_matches_central_differences()
        {
            var l = LstmInput.Load(SharedData.AdBench("lstm/lstm_l2_c1024.txt"));
            var gm = new double[l.MainParams.Length];
            var ge = new double[l.ExtraParams.Length];
            Lstm.ObjectiveGradient(l.MainParams, l.ExtraParams, l.State, l.Sequence, l.L, l.C, l.B, gm, ge);
            var all = l.MainParams.Concat(l.ExtraParams).ToArray();
            var generated = gm.Concat(ge).ToArray();
            int nm = l.MainParams.Length;
            double F(double[] p) => Lstm.Objective(p[..nm], p[nm..], l.State, l.Sequence, l.L, l.C, l.B);
            SampledGradientCheck.AssertAgrees("lstm", generated, i => SampledGradientCheck.Partial(() => F(all), all, i),
                SampledGradientCheck.Subset(all.Length, 40, 1), 1e-6, output);
        }

        [Fact]
        public void Logistic_generated_gradients_equal_hand_written()
        {
            var data = SyntheticData.Logistic(300, 20, 7);
            var generated = new double[20];
            var hand = new double[20];
            double v1 = Logistic.LossGradient(data.Weights, data.Xs, data.Ys, generated);
            double v2 = Logistic.LossHandGradient(data.Weights, data.Xs, data.Ys, hand);
            Assert.Equal(v2, v1, 12);
            AssertSame("logistic", hand, generated);

            double s1 = Logistic.LossSpanGradient(data.Weights, data.XsFlat, data.Ys, 20, generated);
            double s2 = Logistic.LossSpanHandGradient(data.Weights, data.XsFlat, data.Ys, 20, hand);
            Assert.Equal(s2, s1, 12);
            AssertSame("logistic span", hand, generated);
        }

        [Fact]
        public void Network_generated_gradients_equal_hand_written()
        {
            var net = SyntheticData.NetworkBatch(16, 12, 8, 3);
            int hidden = net.HiddenBiases.Length, d = net.Xs[0].Length;
            var gV = new double[hidden, d];
            var gb = new double[hidden];
            var gw = new double[hidden];
            var hV = new double[hidden, d];
            var hb = new double[hidden];
            var hw = new double[hidden];
            double v1 = Network.BatchLossGradient(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, net.Xs, net.Ys, gV, gb, gw);
            double v2 = Network.BatchLossHandGradient(net.HiddenWeights, net.HiddenBiases, net.OutputWeights, net.Xs, net.Ys, hV, hb, hw);
            Assert.Equal(v2, v1, 10);
            AssertSame("network dV", hV.Cast<double>().ToArray(), gV.Cast<double>().ToArray());
            AssertSame("network db", hb, gb);
            AssertSame("network dw", hw, gw);
        }

        [Fact]
        public void Rosenbrock_generated_gradient_equals_hand_written()
        {
            var x = SyntheticData.RosenbrockPoint(1000, 5);
            var generated = new double[x.Length];
            var hand = new double[x.Length];
            Assert.Equal(Rosenbrock.ExtendedHandGradient(x, hand), Rosenbrock.ExtendedGradient(x, generated), 9);
            AssertSame("rosenbrock", hand, generated);
        }

        [Fact]
        public void Logistic_gradient_allocates_nothing()
        {
            var data = SyntheticData.Logistic(500, 16, 11);
            var g = new double[16];
            for (int i = 0; i < 5; i++) Logistic.LossGradient(data.Weights, data.Xs, data.Ys, g);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) Logistic.LossGradient(data.Weights, data.Xs, data.Ys, g);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }
}
