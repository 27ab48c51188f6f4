using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace GradGen.Benchmarks.Torch
{
    /// <summary>
    /// dotnet run -c Release --project benchmarks/GradGen.Benchmarks.Torch -- [--short | --smoke] [--only a,b] [--out FILE]
    /// </summary>
    /// <remarks>
    /// Times every workload of the GradGen suite with TorchSharp (libtorch, CPU, one thread, float64)
    /// next to GradGen's generated gradient in the same process, with the same Stopwatch harness.
    /// "objective" is a forward pass under no_grad; "gradient" is forward + backward (value and
    /// gradient). Each call runs in a dispose scope, as TorchSharp's documentation recommends for
    /// loops, so native memory is released every call. Each TorchSharp gradient is compared with
    /// GradGen's hand-written gradient. Writes the same JSON schema as the PyTorch peer
    /// (default benchmarks/peer/out/torchsharp.json), which the GradGen table reads.
    /// </remarks>
    public static class Program
    {
        /// <summary>TorchSharp gradients must equal the C# ones to this (relative, max(1, |a|, |b|)).</summary>
        private const double Tolerance = 1e-8;

        public static int Main(string[] args)
        {
            string mode = "short";
            var only = new List<string>();
            string output = Path.Combine(Paths.PeerOutput, "torchsharp.json");
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--short": mode = "short"; break;
                    case "--smoke": mode = "smoke"; break;
                    case "--only" when i + 1 < args.Length:
                        only.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        break;
                    case "--out" when i + 1 < args.Length:
                        output = args[++i];
                        break;
                    default:
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--short | --smoke] [--only {string.Join(",", Catalog.Names)}] [--out FILE]");
                        return 2;
                }
            }

            Console.OutputEncoding = Encoding.UTF8;
            torch.set_num_threads(1);
            torch.set_num_interop_threads(1);
            HarnessOptions options = mode == "smoke" ? HarnessOptions.Smoke : HarnessOptions.Short;
            string version = typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?";
            Console.WriteLine($"TorchSharp {version} (libtorch {torch.__version__}), {torch.get_num_threads()} thread, float64, mode {mode}");
            Console.Write(GradGen.Benchmarks.Program.Machine());
            Console.WriteLine();

            bool agree = true;
            var results = new Dictionary<string, Dictionary<string, double>>();
            foreach (string name in Catalog.Names.Where(n => only.Count == 0 || only.Contains(n)))
            {
                Workload gradgen = Catalog.Create(name);
                double referenceValue = gradgen.HandGradient();
                double[] reference = gradgen.HandResult();
                TorchProblem problem = TorchProblems.Create(name);

                double value = Gradient(problem);
                double[] gradient = problem.Parameters.SelectMany(p => p.grad!.contiguous().data<double>().ToArray()).ToArray();
                if (gradient.Length != reference.Length)
                {
                    throw new InvalidOperationException($"{name}: TorchSharp gradient has {gradient.Length} components, GradGen's {reference.Length}.");
                }

                double gradientError = gradient.Zip(reference, AgreementCheck.RelativeError).Max();
                double valueError = AgreementCheck.RelativeError(value, referenceValue);
                agree &= gradientError <= Tolerance && valueError <= Tolerance;

                Timing objective = Harness.Time(() => Objective(problem), options);
                Timing torchGradient = Harness.Time(() => Gradient(problem), options);
                Timing generated = Harness.Time(gradgen.GeneratedGradient, options);
                results[name] = new Dictionary<string, double>
                {
                    ["objective_median_s"] = objective.MedianSeconds,
                    ["gradient_median_s"] = torchGradient.MedianSeconds,
                    ["objective_samples"] = objective.Samples,
                    ["gradient_samples"] = torchGradient.Samples,
                    ["value"] = value,
                    ["value_rel_err_vs_csharp"] = valueError,
                    ["gradient_max_rel_err_vs_csharp"] = gradientError,
                    ["gradgen_generated_median_s"] = generated.MedianSeconds,
                };
                Console.WriteLine($"{name,-14} objective {Format.Time(objective.MedianSeconds),9}   gradient {Format.Time(torchGradient.MedianSeconds),9}" +
                                  $"   GradGen generated {Format.Time(generated.MedianSeconds),9} (TorchSharp/GradGen {Format.Ratio(torchGradient.MedianSeconds / generated.MedianSeconds)})" +
                                  $"   vs C#: value {valueError:E1}, gradient {gradientError:E1}");
            }

            if (mode != "smoke")
            {
                Write(output, version, mode, results);
                Console.WriteLine();
                Console.WriteLine($"Wrote {output}");
            }

            if (!agree)
            {
                Console.WriteLine($"MISMATCH: some TorchSharp gradients or values differ from the C# ones by more than {Tolerance:E0}.");
                return 1;
            }

            return 0;
        }

        /// <summary>A forward pass without recording the graph.</summary>
        private static double Objective(TorchProblem problem)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            return problem.Loss().item<double>();
        }

        /// <summary>Forward + backward: the value, with the gradient left in each parameter's <c>grad</c>.</summary>
        private static double Gradient(TorchProblem problem)
        {
            using var scope = torch.NewDisposeScope();
            foreach (Tensor p in problem.Parameters)
            {
                p.grad?.zero_();
            }

            Tensor loss = problem.Loss();
            loss.backward();
            return loss.item<double>();
        }

        private static void Write(string path, string version, string mode, Dictionary<string, Dictionary<string, double>> results)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var stream = File.Create(path);
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("tool", "TorchSharp");
            json.WriteString("torch_version", $"{version} (libtorch {torch.__version__})");
            json.WriteNumber("threads", torch.get_num_threads());
            json.WriteString("dtype", "float64");
            json.WriteString("mode", mode);
            json.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteStartObject("workloads");
            foreach ((string name, Dictionary<string, double> values) in results)
            {
                json.WriteStartObject(name);
                foreach ((string key, double value) in values)
                {
                    json.WriteNumber(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
    }
}
