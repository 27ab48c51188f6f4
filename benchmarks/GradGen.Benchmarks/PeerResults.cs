using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace GradGen.Benchmarks
{
    /// <summary>One workload's PyTorch figures, as written by benchmarks/peer/bench.py.</summary>
    public sealed record PeerTiming(double ObjectiveSeconds, double GradientSeconds, double GradientError);

    /// <summary>Reads the PyTorch peer's results file (benchmarks/peer/out/pytorch.json) if present.</summary>
    public sealed class PeerResults
    {
        private readonly Dictionary<string, PeerTiming> timings;

        private PeerResults(string path, string description, Dictionary<string, PeerTiming> timings)
        {
            Path = path;
            Description = description;
            this.timings = timings;
        }

        public string Path { get; }

        /// <summary>E.g. "PyTorch 1.13.0a0, 1 thread, float64, mode short, 2024-…".</summary>
        public string Description { get; }

        public static string DefaultPath => System.IO.Path.Combine(Paths.PeerOutput, "pytorch.json");

        /// <summary>Where benchmarks/GradGen.Benchmarks.Torch writes its results.</summary>
        public static string DefaultTorchSharpPath => System.IO.Path.Combine(Paths.PeerOutput, "torchsharp.json");

        public PeerTiming? this[string workload] => timings.TryGetValue(workload, out PeerTiming? t) ? t : null;

        /// <summary>The results at <paramref name="path"/>, or null when the file does not exist.</summary>
        public static PeerResults? TryLoad(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out JsonElement e) ? e.ToString() : "?";
            string tool = root.TryGetProperty("tool", out JsonElement t) ? t.ToString() : "PyTorch";
            string description = $"{tool} {Text("torch_version")}, {Text("threads")} thread(s), {Text("dtype")}, mode {Text("mode")}, measured {Text("timestamp")}";
            var timings = new Dictionary<string, PeerTiming>(StringComparer.Ordinal);
            if (root.TryGetProperty("workloads", out JsonElement workloads))
            {
                foreach (JsonProperty workload in workloads.EnumerateObject())
                {
                    JsonElement w = workload.Value;
                    double Number(string name) => w.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
                    timings[workload.Name] = new PeerTiming(Number("objective_median_s"), Number("gradient_median_s"), Number("gradient_max_rel_err_vs_csharp"));
                }
            }

            return new PeerResults(path, description, timings);
        }
    }
}
