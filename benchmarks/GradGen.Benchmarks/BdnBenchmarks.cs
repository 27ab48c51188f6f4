using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GradGen.Benchmarks
{
    /// <summary>BenchmarkDotNet: objective, generated gradient and hand-written gradient of every workload.</summary>
    [MemoryDiagnoser]
    public class GradientBenchmarks
    {
        private Workload workload = null!;

        public static IEnumerable<string> WorkloadNames => BdnRunner.SelectedNames;

        [ParamsSource(nameof(WorkloadNames))]
        public string Workload { get; set; } = "";

        [GlobalSetup]
        public void Setup() => workload = Catalog.Create(Workload);

        [Benchmark]
        public double Objective() => workload.Objective();

        [Benchmark]
        public double Generated() => workload.GeneratedGradient();

        [Benchmark]
        public double Hand() => workload.HandGradient();
    }

    /// <summary>BenchmarkDotNet: the central-difference gradient on every component (slow: 2n objective evaluations).</summary>
    [MemoryDiagnoser]
    public class FiniteDifferenceBenchmarks
    {
        private Workload workload = null!;
        private int[] indices = Array.Empty<int>();
        private double[] gradient = Array.Empty<double>();

        public static IEnumerable<string> WorkloadNames => BdnRunner.SelectedNames;

        [ParamsSource(nameof(WorkloadNames))]
        public string Workload { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            workload = Catalog.Create(Workload);
            indices = Enumerable.Range(0, workload.ParameterCount).ToArray();
            gradient = new double[workload.ParameterCount];
        }

        [Benchmark]
        public double CentralDifferences()
        {
            FiniteDifferences.Gradient(workload, indices, gradient);
            return gradient[0];
        }
    }

    /// <summary>Runs the two BenchmarkDotNet classes (full mode) and folds their figures into the measurements.</summary>
    public static class BdnRunner
    {
        /// <summary>Environment variable that passes <c>--only</c> to the benchmark child processes.</summary>
        public const string OnlyVariable = "GRADGEN_BENCH_ONLY";

        public static IEnumerable<string> SelectedNames
        {
            get
            {
                string? only = Environment.GetEnvironmentVariable(OnlyVariable);
                return string.IsNullOrEmpty(only) ? Catalog.Names : only.Split(',').Where(Catalog.Names.Contains);
            }
        }

        /// <summary>
        /// Objective/generated/hand: 3 warm-up and 15 measured iterations in one launch; central
        /// differences: 1 warm-up and 3 measured iterations (an operation takes up to seconds).
        /// Both with MemoryDiagnoser, out of process (BenchmarkDotNet's default toolchain).
        /// </summary>
        public static IReadOnlyList<Measurement> Run(IReadOnlyList<Measurement> harness, string artifacts)
        {
            IConfig Config(Job job) => DefaultConfig.Instance
                .AddJob(job.WithLaunchCount(1))
                .WithArtifactsPath(artifacts)
                .WithOptions(ConfigOptions.JoinSummary);

            Summary gradients = BenchmarkRunner.Run<GradientBenchmarks>(Config(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithId("Gradients")));
            Summary differences = BenchmarkRunner.Run<FiniteDifferenceBenchmarks>(Config(Job.Default.WithWarmupCount(1).WithIterationCount(3).WithId("CentralDifferences")));

            var byKey = new Dictionary<(string Workload, string Method), BenchmarkReport>();
            foreach (BenchmarkReport report in gradients.Reports.Concat(differences.Reports))
            {
                string name = report.BenchmarkCase.Parameters["Workload"]?.ToString() ?? "";
                byKey[(name, report.BenchmarkCase.Descriptor.WorkloadMethod.Name)] = report;
            }

            var rows = new List<Measurement>();
            foreach (Measurement h in harness)
            {
                Timing Pick(string method, Timing fallback) =>
                    byKey.TryGetValue((h.Name, method), out BenchmarkReport? r) && r.ResultStatistics is not null
                        ? new Timing(r.ResultStatistics.Median * 1e-9, r.ResultStatistics.Min * 1e-9, r.ResultStatistics.Max * 1e-9, r.ResultStatistics.N, 0)
                        : fallback with { MedianSeconds = double.NaN };
                long? Bytes(string method) =>
                    byKey.TryGetValue((h.Name, method), out BenchmarkReport? r) ? r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) : null;

                var m = h.CopyWith(
                    Pick(nameof(GradientBenchmarks.Objective), h.Objective),
                    Pick(nameof(GradientBenchmarks.Generated), h.Generated),
                    Pick(nameof(GradientBenchmarks.Hand), h.Hand),
                    Pick(nameof(FiniteDifferenceBenchmarks.CentralDifferences), h.FiniteDifferences));
                m.BdnObjectiveBytes = Bytes(nameof(GradientBenchmarks.Objective));
                m.BdnGeneratedBytes = Bytes(nameof(GradientBenchmarks.Generated));
                m.BdnHandBytes = Bytes(nameof(GradientBenchmarks.Hand));
                rows.Add(m);
            }

            return rows;
        }
    }
}
