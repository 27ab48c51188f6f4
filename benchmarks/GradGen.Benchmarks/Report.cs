using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradGen.Benchmarks
{
    /// <summary>Number formatting for the tables.</summary>
    public static class Format
    {
        /// <summary>Seconds with three significant digits in ns, µs, ms or s.</summary>
        public static string Time(double seconds)
        {
            if (double.IsNaN(seconds))
            {
                return "–";
            }

            (double value, string unit) = seconds switch
            {
                < 1e-6 => (seconds * 1e9, "ns"),
                < 1e-3 => (seconds * 1e6, "µs"),
                < 1 => (seconds * 1e3, "ms"),
                _ => (seconds, "s"),
            };
            string digits = value >= 100 ? "F0" : value >= 10 ? "F1" : "F2";
            return value.ToString(digits, CultureInfo.InvariantCulture) + " " + unit;
        }

        public static string Ratio(double ratio) =>
            double.IsNaN(ratio) || double.IsInfinity(ratio) ? "–" : ratio.ToString(ratio >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

        public static string Bytes(double bytes) =>
            double.IsNaN(bytes) ? "–" : Math.Round(bytes).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <summary>The results table and the targets, as Markdown (printed, and saved for docs/benchmarks.md).</summary>
    public static class Report
    {
        /// <summary>generated/hand must not exceed this.</summary>
        public const double GeneratedOverHandTarget = 1.10;

        /// <summary>gradient/objective must not exceed this (LSTM: <see cref="LstmGradientOverObjectiveTarget"/>).</summary>
        public const double GradientOverObjectiveTarget = 3.0;

        public const double LstmGradientOverObjectiveTarget = 4.0;

        public static string Render(string title, IReadOnlyList<Measurement> rows, PeerResults? peer, bool bdnAllocations, PeerResults? torchSharp = null)
        {
            var s = new StringBuilder();
            s.AppendLine($"### {title}");
            s.AppendLine();
            s.AppendLine("Medians per call. *gen* = GradGen's generated `…Gradient`, *hand* = the expert hand-written gradient, " +
                         "*FD* = central differences (2n objective evaluations), *PyTorch* = benchmarks/peer (float64, 1 thread, forward + backward)" +
                         (torchSharp is null ? "." : ", *TorchSharp* = benchmarks/GradGen.Benchmarks.Torch (the same in .NET through libtorch, in one process with GradGen; float64, 1 thread, forward + backward)."));
            s.AppendLine();
            string torchHeader = torchSharp is null ? "" : " TorchSharp objective | TorchSharp gradient |";
            string torchRatio = torchSharp is null ? "" : " TorchSharp/gen |";
            string torchAlign = torchSharp is null ? "" : "---:|---:|---:|";
            s.AppendLine($"| workload | n | objective | gen gradient | hand gradient | FD gradient | PyTorch objective | PyTorch gradient |{torchHeader} gen/hand | gen/obj | hand/obj | PyTorch/gen |{torchRatio}");
            s.AppendLine($"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|{torchAlign}");
            bool anyExtrapolated = false;
            foreach (Measurement m in rows)
            {
                PeerTiming? p = peer?[m.Name];
                bool extrapolated = m.FdComponents < m.Parameters;
                anyExtrapolated |= extrapolated;
                s.Append($"| {m.Name} | {m.Parameters} | {Format.Time(m.Objective.MedianSeconds)} | {Format.Time(m.Generated.MedianSeconds)} | {Format.Time(m.Hand.MedianSeconds)} | ");
                s.Append($"{Format.Time(m.FiniteDifferences.MedianSeconds)}{(extrapolated ? "*" : "")} | ");
                s.Append($"{Format.Time(p?.ObjectiveSeconds ?? double.NaN)} | {Format.Time(p?.GradientSeconds ?? double.NaN)} | ");
                PeerTiming? t = torchSharp?[m.Name];
                if (torchSharp is not null)
                {
                    s.Append($"{Format.Time(t?.ObjectiveSeconds ?? double.NaN)} | {Format.Time(t?.GradientSeconds ?? double.NaN)} | ");
                }

                s.Append($"{Format.Ratio(m.Generated.MedianSeconds / m.Hand.MedianSeconds)} | {Format.Ratio(m.Generated.MedianSeconds / m.Objective.MedianSeconds)} | ");
                s.Append($"{Format.Ratio(m.Hand.MedianSeconds / m.Objective.MedianSeconds)} | {Format.Ratio((p?.GradientSeconds ?? double.NaN) / m.Generated.MedianSeconds)} |");
                s.AppendLine(torchSharp is null ? "" : $" {Format.Ratio((t?.GradientSeconds ?? double.NaN) / m.Generated.MedianSeconds)} |");
            }

            s.AppendLine();
            if (anyExtrapolated)
            {
                s.AppendLine("\\* central differences timed on a fixed, evenly spaced subset of the components and scaled by n / subset " +
                             "(every component costs the same two objective evaluations); `--full` times every component:");
                foreach (Measurement m in rows.Where(r => r.FdComponents < r.Parameters))
                {
                    s.AppendLine($"  {m.Name}: {m.FdComponents} of {m.Parameters} components, ×{(double)m.Parameters / m.FdComponents:F1}.");
                }

                s.AppendLine();
            }

            s.AppendLine(peer is null
                ? "PyTorch: no results file (run benchmarks/peer/run.sh first; it writes benchmarks/peer/out/pytorch.json)."
                : $"PyTorch: {peer.Description} ({Path.GetFileName(peer.Path)}).");
            if (torchSharp is not null)
            {
                s.AppendLine();
                s.AppendLine($"TorchSharp: {torchSharp.Description} ({Path.GetFileName(torchSharp.Path)}).");
            }
            s.AppendLine();

            s.AppendLine("Heap bytes allocated per call (GC.GetAllocatedBytesForCurrentThread over many warmed-up calls" +
                         (bdnAllocations ? "; BenchmarkDotNet MemoryDiagnoser in brackets" : "") + "):");
            s.AppendLine();
            s.AppendLine("| workload | objective | gen gradient | hand gradient |");
            s.AppendLine("|---|---:|---:|---:|");
            foreach (Measurement m in rows)
            {
                s.AppendLine($"| {m.Name} | {Bytes(m.ObjectiveBytes, m.BdnObjectiveBytes)} | {Bytes(m.GeneratedBytes, m.BdnGeneratedBytes)} | {Bytes(m.HandBytes, m.BdnHandBytes)} |");
            }

            s.AppendLine();
            s.Append(RenderTargets(rows, peer));
            return s.ToString();
        }

        /// <summary>Each target per workload: met or not, with the figure.</summary>
        public static string RenderTargets(IReadOnlyList<Measurement> rows, PeerResults? peer)
        {
            var s = new StringBuilder();
            s.AppendLine("Targets (✓ met, ✗ not met):");
            s.AppendLine();
            s.AppendLine("| workload | gen/hand ≤ 1.10 | gradient/objective ≤ 3 (LSTM 4) | 0 heap bytes (≤ objective's) | faster than PyTorch |");
            s.AppendLine("|---|---|---|---|---|");
            foreach (Measurement m in rows)
            {
                double genHand = m.Generated.MedianSeconds / m.Hand.MedianSeconds;
                double genObj = m.Generated.MedianSeconds / m.Objective.MedianSeconds;
                double limit = m.Name.StartsWith("lstm", StringComparison.Ordinal) ? LstmGradientOverObjectiveTarget : GradientOverObjectiveTarget;
                double allowedBytes = m.ObjectiveBytes;
                double bytes = m.GeneratedBytes;
                string bytesCheck = allowedBytes < 0.5
                    ? $"{Mark(bytes < 0.5)} {Format.Bytes(bytes)} B"
                    : $"{Mark(bytes <= allowedBytes + 0.5)} {Format.Bytes(bytes)} B vs {Format.Bytes(allowedBytes)} B";
                PeerTiming? p = peer?[m.Name];
                string peerCheck = p is null || double.IsNaN(p.GradientSeconds)
                    ? "no PyTorch figure"
                    : m.Generated.MedianSeconds < p.GradientSeconds
                        ? $"✓ {Format.Ratio(p.GradientSeconds / m.Generated.MedianSeconds)}× faster"
                        : $"✗ {Format.Ratio(m.Generated.MedianSeconds / p.GradientSeconds)}× slower";
                s.AppendLine($"| {m.Name} | {Mark(genHand <= GeneratedOverHandTarget)} {Format.Ratio(genHand)} | {Mark(genObj <= limit)} {Format.Ratio(genObj)} | {bytesCheck} | {peerCheck} |");
            }

            return s.ToString();
        }

        private static string Mark(bool met) => met ? "✓" : "✗";

        private static string Bytes(double harness, long? bdn) =>
            bdn is null ? Format.Bytes(harness) : $"{Format.Bytes(harness)} [{Format.Bytes(bdn.Value)}]";
    }
}
