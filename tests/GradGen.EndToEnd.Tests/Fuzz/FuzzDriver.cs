using GradGen.Tests.Shared;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradGen.EndToEnd.Tests.Fuzz
{
    /// <summary>A random program of a fuzz test: its seed, the source of one class, and what a report shows of it.</summary>
    internal interface IFuzzProgram
    {
        int Seed { get; }

        /// <summary>The class holding the program (and its forward-mode twin), for one compilation unit.</summary>
        string Class { get; }

        /// <summary>The method under test, shown when it fails.</summary>
        string Shown { get; }
    }

    /// <summary>Checks one built program at several points; returns a failure description or null.</summary>
    internal delegate string? FuzzCheck<TProgram>(TProgram program, Assembly assembly, ref int points, ref int skipped);

    /// <summary>
    /// What the randomized differential tests share: seeds from GRADGEN_FUZZ_SEED / GRADGEN_FUZZ_PROGRAMS,
    /// batches compiled in one in-memory compilation with the generator under test (each program alone
    /// when a batch fails, to name the culprit; GRADGEN_FUZZ_DUMP=file writes the source), and one
    /// failure report listing every failing seed, with the smallest failing program a reducer finds.
    /// </summary>
    internal static class FuzzDriver
    {
        public static int EnvInt(string name, int fallback)
        {
            string? s = Environment.GetEnvironmentVariable(name);
            return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;
        }

        public static bool Same(double actual, double expected, double tolerance) =>
            Math.Abs(actual - expected) <= tolerance || (double.IsNaN(actual) && double.IsNaN(expected));

        public static string Truncate(string s) => s.Length > 3000 ? s.Substring(0, 3000) + "…" : s;

        public static void Run<TProgram>(
            ITestOutputHelper output, string kind, int defaultCount, int batchSize,
            Func<int, TProgram> create, Func<string, string> unit, FuzzCheck<TProgram> check,
            Func<TProgram, string>? minimize = null)
            where TProgram : IFuzzProgram
        {
            int count = EnvInt("GRADGEN_FUZZ_PROGRAMS", defaultCount);
            int first = EnvInt("GRADGEN_FUZZ_SEED", 1);
            var watch = Stopwatch.StartNew();
            var programs = Enumerable.Range(first, count).Select(create).ToList();

            var failures = new List<string>();
            var failedSeeds = new SortedSet<int>();
            var wrong = new List<TProgram>();
            int points = 0, skipped = 0;
            var buildTime = TimeSpan.Zero;
            for (int start = 0; start < programs.Count; start += batchSize)
            {
                var batch = programs.Skip(start).Take(batchSize).ToList();
                var buildWatch = Stopwatch.StartNew();
                var built = Build(batch, unit);
                buildTime += buildWatch.Elapsed;
                foreach (var (program, assembly, buildError) in built)
                {
                    string? failure = assembly is null
                        ? $"seed {program.Seed}: does not build with the generator.\n{Truncate(buildError!)}\nProgram:\n{program.Shown}"
                        : check(program, assembly, ref points, ref skipped);
                    if (failure is not null)
                    {
                        failedSeeds.Add(program.Seed);
                        failures.Add(failure);
                        if (assembly is not null)
                        {
                            wrong.Add(program);
                        }
                    }
                }
            }

            string summary = $"{programs.Count} {kind} (seeds {first}..{first + count - 1}), {points} points checked, {skipped} skipped (non-finite), {watch.Elapsed.TotalSeconds:F1} s ({buildTime.TotalSeconds:F1} s building)";
            output.WriteLine(summary);
            if (failures.Count > 0)
            {
                // The smallest program that still gets a wrong gradient, shrunk from the first one that does
                // (GRADGEN_FUZZ_REDUCE=0 skips it).
                string smallest = "";
                if (minimize is not null && wrong.Count > 0 && EnvInt("GRADGEN_FUZZ_REDUCE", 1) != 0)
                {
                    smallest = $"\n\nSmallest failing program (reduced from seed {wrong[0].Seed}):\n{minimize(wrong[0])}\n";
                    output.WriteLine(smallest);
                }

                throw new XunitException(
                    $"{failedSeeds.Count} of {programs.Count} random {kind} have a wrong or missing gradient; failing seeds: {string.Join(", ", failedSeeds)}\n"
                    + "(reproduce one with GRADGEN_FUZZ_SEED=<seed> GRADGEN_FUZZ_PROGRAMS=1)\n" + summary + "\n"
                    + string.Join("\n", failures.Select(f => string.Join(" | ", f.Split('\n').TakeWhile(l => l != "Program:").Take(6)))) + "\n\nFirst failing programs in full:\n"
                    + string.Join("\n----\n", failures.Take(3)) + smallest);
            }
        }

        /// <summary>Builds the batch in one compilation; if that fails, each program alone to name the culprits.</summary>
        private static List<(TProgram, Assembly?, string?)> Build<TProgram>(List<TProgram> batch, Func<string, string> unit)
            where TProgram : IFuzzProgram
        {
            string source = unit(string.Concat(batch.Select(p => p.Class)));
            string? dump = Environment.GetEnvironmentVariable("GRADGEN_FUZZ_DUMP");
            if (!string.IsNullOrEmpty(dump))
            {
                System.IO.File.WriteAllText(dump, source);   // to inspect the generated code in a project
            }

            var outcome = InMemoryGenerator.Run(source);
            if (outcome.Assembly is not null)
            {
                return batch.Select(p => (p, (Assembly?)outcome.Assembly, (string?)null)).ToList();
            }

            return batch.Select(p =>
            {
                var alone = InMemoryGenerator.Run(unit(p.Class));
                string? error = alone.Assembly is null
                    ? "Generator errors:\n  " + string.Join("\n  ", alone.GeneratorErrors) + "\nCompiler errors:\n  " + string.Join("\n  ", alone.CompileErrors.Take(5))
                    : null;
                return (p, alone.Assembly, error);
            }).ToList();
        }
    }
}
