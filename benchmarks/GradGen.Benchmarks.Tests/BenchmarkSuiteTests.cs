using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Benchmarks.Tests
{
    /// <summary>The benchmark suite's own checks, run in-process by <c>dotnet test</c> (no timing is asserted).</summary>
    public sealed class BenchmarkSuiteTests
    {
        private readonly ITestOutputHelper output;

        public BenchmarkSuiteTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static IEnumerable<object[]> WorkloadNames => Catalog.Names.Select(n => new object[] { n });

        /// <summary>The --check mode, one workload at a time: generated == hand-written to 1e-10 relative.</summary>
        [Theory]
        [MemberData(nameof(WorkloadNames))]
        public void GeneratedGradientEqualsHandWritten(string name)
        {
            AgreementResult result = AgreementCheck.Run(Catalog.Create(name));
            output.WriteLine(result.ToString());
            Assert.True(result.Passed, result.ToString());
        }

        [Fact]
        public void CheckModeReportsSuccess()
        {
            var writer = new StringWriter();
            int exitCode = Program.Check(new[] { "gmm-d2-K5", "rosenbrock" }, writer);
            output.WriteLine(writer.ToString());
            Assert.Equal(0, exitCode);
            Assert.Contains("All generated gradients agree", writer.ToString());
        }

        /// <summary>Central differences on every component agree with the hand gradient (the FD column computes a gradient, not noise).</summary>
        [Theory]
        [InlineData("gmm-d2-K5", 1e-6)]
        [InlineData("logistic-span", 1e-7)]
        public void CentralDifferencesApproximateTheGradient(string name, double tolerance)
        {
            Workload workload = Catalog.Create(name);
            workload.HandGradient();
            double[] hand = workload.HandResult();
            var fd = new double[workload.ParameterCount];
            FiniteDifferences.Gradient(workload, Enumerable.Range(0, workload.ParameterCount).ToArray(), fd);
            double worst = hand.Zip(fd, AgreementCheck.RelativeError).Max();
            output.WriteLine($"{name}: worst relative error of central differences {worst:E2}");
            Assert.True(worst <= tolerance, $"{name}: central differences differ from the gradient by {worst:E2}");

            // The parameters are restored exactly.
            workload.HandGradient();
            Assert.Equal(hand, workload.HandResult());
        }

        [Fact]
        public void EvenlySpacedSubsetIsFixedAndDistinct()
        {
            int[] subset = FiniteDifferences.EvenlySpaced(1650, 32);
            Assert.Equal(32, subset.Distinct().Count());
            Assert.Equal(subset, FiniteDifferences.EvenlySpaced(1650, 32));
            Assert.All(subset, i => Assert.InRange(i, 0, 1649));
        }

        /// <summary>One pass of the short mode's code with no meaningful timings: the table lists every workload.</summary>
        [Fact]
        public void SmokeRunPrintsTheTable()
        {
            var writer = new StringWriter();
            int exitCode = Program.Measure("smoke", Array.Empty<string>(), Path.Combine(Path.GetTempPath(), "no-such-peer-file.json"), writer);
            string text = writer.ToString();
            output.WriteLine(text);
            Assert.Equal(0, exitCode);
            foreach (string name in Catalog.Names)
            {
                Assert.Contains($"| {name} |", text);
            }

            Assert.Contains("Targets", text);
        }

        /// <summary>
        /// With a TorchSharp results file the table gains its columns, and --markdown / --plot write the
        /// table (for docs/benchmarks.md) and a PNG.
        /// </summary>
        [Fact]
        public void SmokeRunWithTorchSharpResultsWritesTableAndPlot()
        {
            string directory = Path.Combine(Path.GetTempPath(), "gradgen-report-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                string torch = Path.Combine(directory, "torchsharp.json");
                File.WriteAllText(torch,
                    "{\"tool\": \"TorchSharp\", \"torch_version\": \"0.107.0\", \"threads\": 1, \"dtype\": \"float64\", \"mode\": \"short\", " +
                    "\"timestamp\": \"now\", \"workloads\": {\"rosenbrock\": {\"objective_median_s\": 0.001, \"gradient_median_s\": 0.004}}}");
                string markdown = Path.Combine(directory, "table.md");
                string plot = Path.Combine(directory, "plot.png");
                var writer = new StringWriter();
                int exitCode = Program.Measure("smoke", new[] { "rosenbrock", "gmm-d2-K5" }, Path.Combine(directory, "no-pytorch.json"), writer, torch, markdown, plot);
                output.WriteLine(writer.ToString());
                Assert.Equal(0, exitCode);
                string table = File.ReadAllText(markdown);
                Assert.Contains("TorchSharp gradient", table);
                Assert.Contains("| 4.00 ms |", table);
                Assert.Contains("TorchSharp 0.107.0", table);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(plot).Take(4).ToArray());
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        /// <summary>The hand-edited variants of the gap analysis still compute the gradient (timings not asserted).</summary>
        [Fact]
        public void GapAnalysisVariantsAgree()
        {
            var writer = new StringWriter();
            int exitCode = Analysis.GapAnalysis.Run(HarnessOptions.Smoke, writer);
            output.WriteLine(writer.ToString());
            Assert.Equal(0, exitCode);
        }

        /// <summary>The export the PyTorch peer reads: a manifest naming raw float64 files of the right sizes.</summary>
        [Fact]
        public void ExportWritesManifestAndArrays()
        {
            string directory = Path.Combine(Path.GetTempPath(), "gradgen-export-" + Guid.NewGuid().ToString("N"));
            try
            {
                DataExport.Write(directory, Catalog.CreateAll(new[] { "network", "rosenbrock", "gmm-d2-K5", "softmax-ce" }));
                using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, DataExport.ManifestName)));
                JsonElement workloads = manifest.RootElement.GetProperty("workloads");
                Assert.Equal("network", workloads.GetProperty("network").GetProperty("kind").GetString());
                Assert.Equal("gmm/gmm_d2_K5.txt", workloads.GetProperty("gmm-d2-K5").GetProperty("adbench_file").GetString());
                Assert.Equal("softmax", workloads.GetProperty("softmax-ce").GetProperty("kind").GetString());
                foreach (JsonProperty workload in workloads.EnumerateObject())
                {
                    foreach (JsonProperty array in workload.Value.GetProperty("arrays").EnumerateObject())
                    {
                        long count = array.Value.GetProperty("shape").EnumerateArray().Aggregate(1L, (p, s) => p * s.GetInt32());
                        var file = new FileInfo(Path.Combine(directory, array.Value.GetProperty("file").GetString()!));
                        Assert.Equal(count * sizeof(double), file.Length);
                    }
                }

                byte[] x = File.ReadAllBytes(Path.Combine(directory, "rosenbrock.x.f64"));
                double[] point = GradGen.Workloads.SyntheticData.RosenbrockPoint(Catalog.RosenbrockN, Catalog.RosenbrockSeed);
                Assert.Equal(point[0], BitConverter.ToDouble(x, 0));
                Assert.Equal(point[^1], BitConverter.ToDouble(x, x.Length - sizeof(double)));
            }
            finally
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }
}
