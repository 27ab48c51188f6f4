using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// dotnet run -c Release --project benchmarks/GradGen.Benchmarks -- [--short | --full | --check | --analyze | --export [DIR]] [--only a,b] [--peer FILE]
    /// </summary>
    public static class Program
    {
        private const string Usage =
@"GradGen benchmarks (docs/benchmarks.md)

  --short          Stopwatch medians of every workload, < 3 minutes (the default)
  --full           a longer Stopwatch pass with central differences on every component,
                   then BenchmarkDotNet (MemoryDiagnoser) on every workload
  --check          generated gradient == hand-written gradient to 1e-10 relative, every workload
  --analyze        time copies of the generated gradients that each change one thing
                   (where the gap to the hand-written gradients comes from)
  --export [DIR]   write the exact data for the PyTorch peer (default benchmarks/peer/out/data)
  --only a,b       restrict to these workloads: " + "{0}" + @"
  --peer FILE      PyTorch results to show (default benchmarks/peer/out/pytorch.json)
  --torchsharp FILE  TorchSharp results to show (default benchmarks/peer/out/torchsharp.json)
  --markdown FILE  also write the tables to FILE (benchmarks/run-all.sh splices it into docs/benchmarks.md)
  --plot FILE      also draw gradient cost per workload and tool as a PNG
  --smoke          run everything once with no meaningful timings (used by the tests)";

        public static int Main(string[] args)
        {
            string mode = "short";
            var only = new List<string>();
            string? exportDirectory = null;
            string peerPath = PeerResults.DefaultPath;
            string torchSharpPath = PeerResults.DefaultTorchSharpPath;
            string? markdownPath = null;
            string? plotPath = null;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--short": mode = "short"; break;
                    case "--full": mode = "full"; break;
                    case "--check": mode = "check"; break;
                    case "--smoke": mode = "smoke"; break;
                    case "--analyze": mode = "analyze"; break;
                    case "--export":
                        mode = "export";
                        if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        {
                            exportDirectory = args[++i];
                        }

                        break;
                    case "--only" when i + 1 < args.Length:
                        only.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        break;
                    case "--peer" when i + 1 < args.Length:
                        peerPath = args[++i];
                        break;
                    case "--torchsharp" when i + 1 < args.Length:
                        torchSharpPath = args[++i];
                        break;
                    case "--markdown" when i + 1 < args.Length:
                        markdownPath = args[++i];
                        break;
                    case "--plot" when i + 1 < args.Length:
                        plotPath = args[++i];
                        break;
                    case "-h":
                    case "--help":
                        Console.WriteLine(string.Format(Usage, string.Join(", ", Catalog.Names)));
                        return 0;
                    default:
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                        Console.Error.WriteLine(string.Format(Usage, string.Join(", ", Catalog.Names)));
                        return 2;
                }
            }

            string? unknown = only.FirstOrDefault(n => !Catalog.Names.Contains(n));
            if (unknown is not null)
            {
                Console.Error.WriteLine($"Unknown workload '{unknown}'; known: {string.Join(", ", Catalog.Names)}.");
                return 2;
            }

            Console.OutputEncoding = Encoding.UTF8;
            return mode switch
            {
                "check" => Check(only, Console.Out),
                "analyze" => Analysis.GapAnalysis.Run(HarnessOptions.Short, Console.Out, only),
                "export" => Export(only, exportDirectory ?? Path.Combine(Paths.PeerOutput, "data"), Console.Out),
                _ => Measure(mode, only, peerPath, Console.Out, torchSharpPath, markdownPath, plotPath),
            };
        }

        /// <summary>The <c>--check</c> mode; returns the exit code (0 when every workload agrees).</summary>
        public static int Check(IReadOnlyCollection<string> only, TextWriter output)
        {
            output.WriteLine($"Generated vs hand-written gradients, tolerance {AgreementCheck.Tolerance:E0} relative (|a-b|/max(1,|a|,|b|)):");
            bool passed = true;
            foreach (Workload workload in Catalog.CreateAll(only))
            {
                AgreementResult result = AgreementCheck.Run(workload);
                passed &= result.Passed;
                output.WriteLine("  " + result);
            }

            output.WriteLine(passed ? "All generated gradients agree with the hand-written ones." : "MISMATCH: see FAIL above.");
            return passed ? 0 : 1;
        }

        /// <summary>The <c>--export</c> mode.</summary>
        public static int Export(IReadOnlyCollection<string> only, string directory, TextWriter output)
        {
            string manifest = DataExport.Write(directory, Catalog.CreateAll(only));
            output.WriteLine($"Wrote {manifest}");
            return 0;
        }

        /// <summary>The <c>--short</c>, <c>--full</c> and <c>--smoke</c> modes.</summary>
        public static int Measure(
            string mode, IReadOnlyCollection<string> only, string peerPath, TextWriter output,
            string? torchSharpPath = null, string? markdownPath = null, string? plotPath = null)
        {
            var clock = Stopwatch.StartNew();
            output.WriteLine($"# GradGen benchmarks, {mode} mode");
            output.WriteLine();
            string machine = Machine();
            output.WriteLine(machine);
            if (IsDebugBuild())
            {
                output.WriteLine("WARNING: GradGen.Workloads was compiled without optimizations; run with -c Release for meaningful timings.");
                output.WriteLine();
            }

            IReadOnlyList<Workload> workloads = Catalog.CreateAll(only);
            bool agree = true;
            var disagreements = new List<AgreementResult>();
            output.WriteLine("Agreement check (generated vs hand-written, 1e-10 relative):");
            foreach (Workload workload in workloads)
            {
                AgreementResult result = AgreementCheck.Run(workload);
                agree &= result.Passed;
                if (!result.Passed)
                {
                    disagreements.Add(result);
                }

                output.WriteLine($"  {result.Name,-14} {(result.Passed ? "ok" : "FAIL")} (worst {result.WorstError:E1})");
            }

            output.WriteLine();
            HarnessOptions options = mode switch
            {
                "full" => HarnessOptions.Full,
                "smoke" => HarnessOptions.Smoke,
                _ => HarnessOptions.Short,
            };
            var measurements = new List<Measurement>();
            foreach (Workload workload in workloads)
            {
                output.WriteLine($"{workload.Name}: {workload.Description}, {workload.ParameterCount} parameters");
                output.Flush();
                measurements.Add(Harness.Run(workload, options, line =>
                {
                    output.WriteLine(line);
                    output.Flush();
                }));
            }

            PeerResults? peer = PeerResults.TryLoad(peerPath);
            PeerResults? torchSharp = torchSharpPath is null ? null : PeerResults.TryLoad(torchSharpPath);
            string title = mode == "full" ? "Stopwatch harness (full: every central-difference component)" : $"Stopwatch harness ({mode})";
            var document = new StringBuilder();
            document.AppendLine(machine);
            foreach (AgreementResult result in disagreements)
            {
                document.AppendLine($"**Wrong gradient:** the generated gradient of {result.Name} differs from the hand-written one " +
                                    $"(worst relative difference {result.WorstError:E1} at {result.WorstName}); its timings below are of a wrong result.");
                document.AppendLine();
            }

            string table = Report.Render(title, measurements, peer, bdnAllocations: false, torchSharp);
            document.AppendLine(table);
            output.WriteLine();
            output.WriteLine(table);
            if (markdownPath is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(markdownPath))!);
                File.WriteAllText(markdownPath, document.ToString());
                output.WriteLine($"Tables written to {markdownPath}.");
            }

            if (plotPath is not null)
            {
                GradientCostPlot.Save(plotPath, measurements, peer, torchSharp);
                output.WriteLine($"Plot written to {plotPath}.");
            }

            if (mode == "full")
            {
                if (only.Count > 0)
                {
                    Environment.SetEnvironmentVariable(BdnRunner.OnlyVariable, string.Join(",", only));
                }

                IReadOnlyList<Measurement> bdn = BdnRunner.Run(measurements, ArtifactsDirectory());
                string bdnTable = Report.Render("BenchmarkDotNet (full; MemoryDiagnoser)", bdn, peer, bdnAllocations: true);
                output.WriteLine();
                output.WriteLine(bdnTable);
                document.AppendLine(bdnTable);
            }

            output.WriteLine($"Total time: {clock.Elapsed.TotalSeconds:F0} s. {LoadAverage()} at the end (other processes running during the measurement inflate the medians).");
            if (mode != "smoke")
            {
                string file = Path.Combine(ArtifactsDirectory(), $"gradgen-{mode}.md");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, document.ToString());
                output.WriteLine($"Tables written to {file}.");
            }

            if (!agree)
            {
                output.WriteLine("MISMATCH: some generated gradients disagree with the hand-written ones (see the agreement check above).");
                return 1;
            }

            return 0;
        }

        /// <summary>nproc, CPU model, OS, .NET version and GC mode.</summary>
        public static string Machine()
        {
            string cpu = "unknown CPU";
            try
            {
                string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
                if (line is not null)
                {
                    cpu = line.Substring(line.IndexOf(':') + 1).Trim();
                }
            }
            catch (IOException)
            {
            }

            return $"Machine: {Environment.ProcessorCount} logical processors, {cpu}, {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture}; " +
                   $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; one thread. {LoadAverage()} at the start.\n";
        }

        /// <summary>"Load average 0.12 0.30 0.25" from /proc/loadavg (Linux), or an empty string.</summary>
        public static string LoadAverage()
        {
            try
            {
                if (File.Exists("/proc/loadavg"))
                {
                    string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
                    return $"Load average {fields[0]} {fields[1]} {fields[2]}";
                }
            }
            catch (IOException)
            {
            }

            return "";
        }

        private static bool IsDebugBuild()
        {
            var debuggable = typeof(GradGen.Workloads.Gmm).Assembly.GetCustomAttribute<DebuggableAttribute>();
            return debuggable is not null && debuggable.IsJITOptimizerDisabled;
        }

        private static string ArtifactsDirectory() =>
            Path.Combine(Paths.RepositoryRoot ?? Directory.GetCurrentDirectory(), "benchmarks", "GradGen.Benchmarks", "BenchmarkDotNet.Artifacts");
    }
}
