using System;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    public sealed class LstmTests
    {
        private const string File = "lstm/lstm_l2_c1024.txt";

        // The loader is cheap, but the shared instance keeps the test class well inside its time budget.
        private static readonly Lazy<LstmInput> Input = new Lazy<LstmInput>(() => LstmInput.Load(SharedData.AdBench(File)));

        private readonly ITestOutputHelper output;

        public LstmTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void LoaderReadsTheFile()
        {
            LstmInput s = Input.Value;
            Assert.Equal((2, 1024, 14), (s.L, s.C, s.B));
            Assert.Equal(8 * 2 * 14, s.MainParams.Length);
            Assert.Equal(3 * 14, s.ExtraParams.Length);
            Assert.Equal(2 * 2 * 14, s.State.Length);
            Assert.Equal(1024 * 14, s.Sequence.Length);
            Assert.Equal(266, s.ParameterCount);
            Assert.Equal(0.7477620204927391, s.MainParams[0]);
            Assert.All(s.Sequence, bit => Assert.True(bit == 0 || bit == 1));
        }

        [Fact]
        public void ObjectiveMatchesAdBench()
        {
            LstmInput s = Input.Value;
            double[] state = (double[])s.State.Clone();
            double value = Objective(s);
            output.WriteLine($"LSTM l2 c1024 loss: {value:R} (ADBench: {AdBenchReference.LstmL2C1024Objective:R})");
            AdBenchReference.AssertClose(AdBenchReference.LstmL2C1024Objective, value, "loss");

            // The objective evolves a copy of the state, never the input.
            Assert.Equal(state, s.State);
        }

        [Fact]
        public void HandGradientMatchesAdBench()
        {
            LstmInput s = Input.Value;
            double[] gradient = HandGradient(s, out double value);
            AdBenchReference.AssertClose(AdBenchReference.LstmL2C1024Objective, value, "value");
            Assert.Equal(AdBenchReference.LstmL2C1024Gradient.Length, gradient.Length);
            for (int i = 0; i < gradient.Length; i++)
            {
                AdBenchReference.AssertClose(AdBenchReference.LstmL2C1024Gradient[i], gradient[i], ParameterName(s, i));
            }
        }

        [Fact]
        public void HandGradientAgreesWithCentralDifferences()
        {
            LstmInput s = Input.Value;
            double[] gradient = HandGradient(s, out double value);
            Assert.True(GradientCheck.RelativeError(Objective(s), value) < 1e-12, "HandGradient returns the objective's value");
            SampledGradientCheck.AssertAgrees(
                File,
                gradient,
                i =>
                {
                    (double[] array, int index) = Locate(s, i);
                    return SampledGradientCheck.Partial(() => Objective(s), array, index);
                },
                SampledGradientCheck.Subset(s.ParameterCount, 30, seed: 20240602),
                1e-6,
                output,
                i => ParameterName(s, i));
        }

        [Fact]
        public void HandGradientAgreesWithCentralDifferencesRelativeToItsOwnScale()
        {
            // The loss is O(1) and its gradient O(1e-3), so the 1e-6 criterion above (relative to
            // max(1, …)) cannot see an error of a few percent. Differences are accurate to ~1e-10
            // here, so also require agreement relative to each component's own size.
            LstmInput s = Input.Value;
            double[] gradient = HandGradient(s, out _);
            foreach (int i in SampledGradientCheck.Subset(s.ParameterCount, 30, seed: 7))
            {
                (double[] array, int index) = Locate(s, i);
                double numeric = SampledGradientCheck.Partial(() => Objective(s), array, index);
                double error = Math.Abs(gradient[i] - numeric);
                Assert.True(error <= 1e-5 * Math.Abs(numeric) + 1e-9,
                    $"{ParameterName(s, i)}: hand {gradient[i]:R}, differences {numeric:R}");
            }
        }

        [Fact]
        public void ShortSequenceWithOneLayerAndLargeWeights()
        {
            // A small instance far from ADBench's initialisation: saturating gates, one layer.
            var random = new Random(5);
            int l = 1, c = 6, b = 3;
            double[] mainParams = RandomArray(random, 8 * l * b, 3.0);
            double[] extraParams = RandomArray(random, 3 * b, 3.0);
            double[] state = RandomArray(random, 2 * l * b, 1.0);
            double[] sequence = new double[c * b];
            for (int i = 0; i < sequence.Length; i++)
            {
                sequence[i] = random.Next(2);
            }

            var dMain = new double[mainParams.Length];
            var dExtra = new double[extraParams.Length];
            Func<double> f = () => Lstm.Objective(mainParams, extraParams, state, sequence, l, c, b);
            double value = Lstm.HandGradient(mainParams, extraParams, state, sequence, l, c, b, dMain, dExtra);
            Assert.True(GradientCheck.RelativeError(f(), value) < 1e-12);
            SampledGradientCheck.AssertAgrees("l1 c6 b3, main", dMain, i => SampledGradientCheck.Partial(f, mainParams, i),
                SampledGradientCheck.Subset(dMain.Length, 1000, 0), 1e-6, output);
            SampledGradientCheck.AssertAgrees("l1 c6 b3, extra", dExtra, i => SampledGradientCheck.Partial(f, extraParams, i),
                SampledGradientCheck.Subset(dExtra.Length, 1000, 0), 1e-6, output);
        }

        private static double[] RandomArray(Random random, int length, double scale)
        {
            var values = new double[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = scale * (2 * random.NextDouble() - 1);
            }

            return values;
        }

        private static double Objective(LstmInput s) =>
            Lstm.Objective(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B);

        /// <summary>The hand gradient flattened in ADBench's order: main_params, then extra_params.</summary>
        private static double[] HandGradient(LstmInput s, out double value)
        {
            var dMain = new double[s.MainParams.Length];
            var dExtra = new double[s.ExtraParams.Length];
            value = Lstm.HandGradient(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B, dMain, dExtra);
            var all = new double[dMain.Length + dExtra.Length];
            dMain.CopyTo(all, 0);
            dExtra.CopyTo(all, dMain.Length);
            return all;
        }

        private static (double[] Array, int Index) Locate(LstmInput s, int i) =>
            i < s.MainParams.Length ? (s.MainParams, i) : (s.ExtraParams, i - s.MainParams.Length);

        private static string ParameterName(LstmInput s, int i)
        {
            (double[] array, int index) = Locate(s, i);
            return array == s.MainParams ? $"mainParams[{index}]" : $"extraParams[{index}]";
        }
    }
}
