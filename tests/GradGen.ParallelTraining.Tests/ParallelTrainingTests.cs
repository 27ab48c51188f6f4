using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ParallelTraining;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.ParallelTraining.Tests
{
    public sealed class ParallelTrainingTests
    {
        private static readonly Lazy<Iris> Data = new Lazy<Iris>(() => Iris.Load(Iris.DefaultPath));

        private readonly ITestOutputHelper output;

        public ParallelTrainingTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        /// <summary>The shipped file is Fisher's data: 150 rows, 50 per species, and the well-known column sums.</summary>
        [Fact]
        public void ShippedDataIsFishersIris()
        {
            string[] rows = File.ReadAllLines(Iris.DefaultPath).Skip(1).Where(l => l.Length > 0).ToArray();
            Assert.Equal(150, rows.Length);
            string[][] fields = rows.Select(r => r.Split(',')).ToArray();
            foreach (string species in Iris.Species)
            {
                Assert.Equal(50, fields.Count(f => f[4] == species));
            }

            double[] expected = { 876.5, 458.6, 563.7, 179.9 };
            for (int j = 0; j < 4; j++)
            {
                double sum = fields.Sum(f => double.Parse(f[j], CultureInfo.InvariantCulture));
                Assert.Equal(expected[j], sum, 9);
            }
        }

        /// <summary>The generated Pullback of the sample's loss against central differences, on one minibatch.</summary>
        [Fact]
        public void GeneratedGradientAgreesWithCentralDifferences()
        {
            Iris iris = Data.Value;
            Parameters p = Parameters.Initial(Iris.Features, 5, 3, 7);
            var g = new Parameters(Iris.Features, 5, 3);
            int[] rows = iris.Train;
            double value = Classifier.LossGradient(p.W1, p.B1, p.W2, p.B2, iris.Xs, iris.Labels, rows, 10, 30, g.W1, g.B1, g.W2, g.B2);
            Func<double> f = () => Classifier.Loss(p.W1, p.B1, p.W2, p.B2, iris.Xs, iris.Labels, rows, 10, 30);
            Assert.Equal(f(), value, 12);
            double worst = 0;
            for (int b = 0; b < Parameters.Blocks; b++)
            {
                for (int i = 0; i < p.Flat(b).Length; i++)
                {
                    double saved = p.Flat(b)[i];
                    double h = 1e-5 * Math.Max(1, Math.Abs(saved));
                    p.Flat(b)[i] = saved + h;
                    double plus = f();
                    p.Flat(b)[i] = saved - h;
                    double minus = f();
                    p.Flat(b)[i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    double analytic = g.Flat(b)[i];
                    double error = Math.Abs(analytic - numeric) / Math.Max(1, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));
                    worst = Math.Max(worst, error);
                    Assert.True(error <= 1e-7, $"block {b} [{i}]: generated {analytic:R}, central differences {numeric:R}");
                }
            }

            output.WriteLine($"worst relative error {worst:E2}");
        }

        /// <summary>Splitting a minibatch across two threads changes only the order of the sums.</summary>
        [Fact]
        public void OneAndTwoThreadGradientsAgreeToRounding()
        {
            Iris iris = Data.Value;
            var options = new TrainingOptions { Hidden = 32, BatchSize = 40 };
            var one = new Trainer(iris, options with { Threads = 1 });
            var two = new Trainer(iris, options with { Threads = 2 });
            int[] rows = iris.Train;
            double lossOne = one.ComputeGradient(rows, 0, 40);
            double lossTwo = two.ComputeGradient(rows, 0, 40);
            Assert.Equal(lossOne, lossTwo, 13);
            double difference = one.Gradient.MaxRelativeDifference(two.Gradient);
            output.WriteLine($"1 vs 2 threads: loss {lossOne:R} vs {lossTwo:R}, gradients differ by {difference:E2}");
            Assert.True(difference <= 1e-13, $"gradients differ by {difference:E2}");

            // The gradient is not trivially zero (the comparison above could not pass by accident).
            Assert.Contains(Enumerable.Range(0, Parameters.Blocks), b => one.Gradient.Flat(b).ToArray().Any(v => Math.Abs(v) > 1e-3));
        }

        [Fact]
        public void TrainingReducesTheLossAndLearns()
        {
            Iris iris = Data.Value;
            var trainer = new Trainer(iris, new TrainingOptions { Hidden = 16, BatchSize = 30, Threads = 2 });
            EpochResult first = trainer.RunEpoch(1);
            EpochResult last = first;
            for (int epoch = 2; epoch <= 8; epoch++)
            {
                last = trainer.RunEpoch(epoch);
                output.WriteLine($"epoch {epoch}: loss {last.Loss:F4}, test accuracy {last.TestAccuracy:P1}");
            }

            Assert.True(last.Loss < 0.5 * first.Loss, $"loss went from {first.Loss} to {last.Loss}");
            Assert.True(last.TestAccuracy >= 0.8, $"test accuracy {last.TestAccuracy}");
        }

        [Fact]
        public void LossCurveIsWrittenAsPng()
        {
            string path = Path.Combine(Path.GetTempPath(), $"gradgen-loss-{Guid.NewGuid():N}.png");
            try
            {
                LossPlot.Save(path, new[] { new EpochResult(1, 1.0, 0.5, 0.5), new EpochResult(2, 0.5, 0.8, 0.9) }, "test");
                byte[] header = File.ReadAllBytes(path).Take(4).ToArray();
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, header);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
