using System;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    public sealed class GmmTests
    {
        private const double DifferenceTolerance = 1e-6;

        private readonly ITestOutputHelper output;

        public GmmTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void LoaderReadsTestFile()
        {
            GmmInput g = GmmInput.Load(SharedData.AdBench("gmm/test.txt"));
            Assert.Equal((2, 3, 1), (g.D, g.K, g.N));
            Assert.Equal(new[] { -0.649014, 1.181166, -0.758453 }, g.Alphas);
            Assert.Equal(new[] { 0.092339, 0.186260, 0.345561, 0.396767, 0.538817, 0.419195 }, g.Means);
            Assert.Equal(9, g.Icf.Length);
            Assert.Equal(-1.270071, g.Icf[8]);
            Assert.Equal(new[] { 1.175171, 2.029160 }, g.X);
            Assert.Equal((1.0, 0), (g.Gamma, g.M));
            Assert.Equal(18, g.ParameterCount);
        }

        [Theory]
        [InlineData("gmm/gmm_d2_K5.txt", 2, 5, 1000)]
        [InlineData("gmm/gmm_d10_K25.txt", 10, 25, 1000)]
        public void LoaderReadsLargerFiles(string file, int d, int k, int n)
        {
            GmmInput g = GmmInput.Load(SharedData.AdBench(file));
            Assert.Equal((d, k, n), (g.D, g.K, g.N));
            Assert.Equal(n * d, g.X.Length);
            Assert.Equal(k * (d + 1) * (d + 2) / 2, g.ParameterCount);
        }

        [Fact]
        public void LoaderRejectsTruncatedAndOverlongInput()
        {
            Assert.Throws<FormatException>(() => GmmInput.Parse("2 1 1\n0.5\n1 2\n0 0 0\n3 4\n1.0"));
            Assert.Throws<FormatException>(() => GmmInput.Parse("2 1 1\n0.5\n1 2\n0 0 0\n3 4\n1.0 0 7"));
            Assert.Equal(2, GmmInput.Parse("2 1 1\n0.5\n1 2\n0 0 0\n3 4\n1.0 0").D);
        }

        [Fact]
        public void ObjectiveMatchesAdBenchOnTestFile()
        {
            GmmInput g = GmmInput.Load(SharedData.AdBench("gmm/test.txt"));
            double value = Objective(g);
            output.WriteLine($"GMM test.txt objective: {value:R} (ADBench: {AdBenchReference.GmmTestObjective:R})");
            AdBenchReference.AssertClose(AdBenchReference.GmmTestObjective, value, "objective");
        }

        [Fact]
        public void HandGradientMatchesAdBenchOnTestFile()
        {
            GmmInput g = GmmInput.Load(SharedData.AdBench("gmm/test.txt"));
            double[] gradient = HandGradient(g, out double value);
            AdBenchReference.AssertClose(AdBenchReference.GmmTestObjective, value, "value");
            Assert.Equal(AdBenchReference.GmmTestGradient.Length, gradient.Length);
            for (int i = 0; i < gradient.Length; i++)
            {
                AdBenchReference.AssertClose(AdBenchReference.GmmTestGradient[i], gradient[i], ParameterName(g, i));
            }
        }

        // The objective on gmm_d10_K25 is about −2.6e4, a sum over 1000 points; its roundoff alone
        // moves plain central differences (step ∛ε) by ~1e-6, the tolerance itself. There the
        // comparison uses GradientCheck.RichardsonDerivative (measured: the plain differences miss icf[233]
        // by 1.2e-6; the Richardson ones agree with the hand gradient to 4.7e-8 on the 30 sampled components).
        [Theory]
        [InlineData("gmm/test.txt", 1000, false)]       // 18 parameters: all of them
        [InlineData("gmm/gmm_d2_K5.txt", 30, false)]    // 30 parameters: all of them
        [InlineData("gmm/gmm_d10_K25.txt", 30, true)]   // 1650 parameters: a fixed random 30
        public void HandGradientAgreesWithCentralDifferences(string file, int sample, bool extrapolate)
        {
            GmmInput g = GmmInput.Load(SharedData.AdBench(file));
            double[] gradient = HandGradient(g, out double value);
            double objective = Objective(g);
            output.WriteLine($"{file}: objective {objective:R}, hand gradient's value {value:R}");
            Assert.True(GradientCheck.RelativeError(objective, value) < 1e-12, "HandGradient returns the objective's value");

            SampledGradientCheck.AssertAgrees(
                file,
                gradient,
                i =>
                {
                    (double[] array, int index) = Locate(g, i);
                    return extrapolate
                        ? SampledGradientCheck.PartialExtrapolated(() => Objective(g), array, index)
                        : SampledGradientCheck.Partial(() => Objective(g), array, index);
                },
                SampledGradientCheck.Subset(g.ParameterCount, sample, seed: 20240601),
                DifferenceTolerance,
                output,
                i => ParameterName(g, i));
        }

        [Fact]
        public void HandGradientDoesNotWriteInputsAndOverwritesOutputs()
        {
            GmmInput g = GmmInput.Load(SharedData.AdBench("gmm/gmm_d2_K5.txt"));
            double[] alphas = (double[])g.Alphas.Clone();
            double[] icf = (double[])g.Icf.Clone();
            double[] first = HandGradient(g, out _);

            var dAlphas = new double[g.K];
            var dMeans = new double[g.K * g.D];
            var dIcf = new double[g.K * g.IcfSize];
            Array.Fill(dAlphas, 123.0);
            Array.Fill(dMeans, -7.0);
            Array.Fill(dIcf, double.NaN);
            Gmm.HandGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, dAlphas, dMeans, dIcf);

            Assert.Equal(alphas, g.Alphas);
            Assert.Equal(icf, g.Icf);
            Assert.Equal(first, Concat(dAlphas, dMeans, dIcf));
            Assert.Throws<ArgumentException>(() =>
                Gmm.HandGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, dAlphas, dMeans, new double[1]));
        }

        [Fact]
        public void LogSumExpIsStableAndExact()
        {
            Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), Gmm.LogSumExp(new[] { 1.0, 2, 3 }, 3), 14);
            Assert.Equal(1000 + Math.Log(2), Gmm.LogSumExp(new[] { 1000.0, 1000 }, 2), 12);

            // Only the first n entries count.
            Assert.Equal(5.0, Gmm.LogSumExp(new[] { 5.0, 1e9 }, 1));
        }

        [Fact]
        public void ObjectiveWithMoreDegreesOfFreedomUsesThePriorConsistently()
        {
            // ADBench's files all have gamma = 1, m = 0; exercise the prior's other terms too.
            GmmInput g = GmmInput.Load(SharedData.AdBench("gmm/test.txt"));
            Func<double> f = () => Gmm.Objective(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, 1.7, 3);
            var dAlphas = new double[g.K];
            var dMeans = new double[g.K * g.D];
            var dIcf = new double[g.K * g.IcfSize];
            double value = Gmm.HandGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, 1.7, 3, dAlphas, dMeans, dIcf);
            Assert.True(GradientCheck.RelativeError(f(), value) < 1e-12);
            double[] gradient = Concat(dAlphas, dMeans, dIcf);
            SampledGradientCheck.AssertAgrees(
                "test.txt, gamma 1.7, m 3",
                gradient,
                i =>
                {
                    (double[] array, int index) = Locate(g, i);
                    return SampledGradientCheck.Partial(f, array, index);
                },
                SampledGradientCheck.Subset(gradient.Length, 1000, seed: 1),
                DifferenceTolerance,
                output,
                i => ParameterName(g, i));
        }

        private static double Objective(GmmInput g) =>
            Gmm.Objective(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M);

        /// <summary>The hand gradient flattened in ADBench's order: alphas, means, icf.</summary>
        private static double[] HandGradient(GmmInput g, out double value)
        {
            var dAlphas = new double[g.K];
            var dMeans = new double[g.K * g.D];
            var dIcf = new double[g.K * g.IcfSize];
            value = Gmm.HandGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, dAlphas, dMeans, dIcf);
            return Concat(dAlphas, dMeans, dIcf);
        }

        private static double[] Concat(double[] a, double[] b, double[] c)
        {
            var all = new double[a.Length + b.Length + c.Length];
            a.CopyTo(all, 0);
            b.CopyTo(all, a.Length);
            c.CopyTo(all, a.Length + b.Length);
            return all;
        }

        /// <summary>The array and index holding flat parameter <paramref name="i"/>.</summary>
        private static (double[] Array, int Index) Locate(GmmInput g, int i)
        {
            if (i < g.Alphas.Length)
            {
                return (g.Alphas, i);
            }

            i -= g.Alphas.Length;
            if (i < g.Means.Length)
            {
                return (g.Means, i);
            }

            return (g.Icf, i - g.Means.Length);
        }

        private static string ParameterName(GmmInput g, int i)
        {
            (double[] array, int index) = Locate(g, i);
            return array == g.Alphas ? $"alphas[{index}]" : array == g.Means ? $"means[{index}]" : $"icf[{index}]";
        }
    }
}
