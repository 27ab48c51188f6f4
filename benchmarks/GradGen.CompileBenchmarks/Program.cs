using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using GradGen.Generator;
using GradGen.Generator.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GradGen.CompileBenchmarks
{
    /// <summary>
    /// dotnet run -c Release --project benchmarks/GradGen.CompileBenchmarks -- [--methods 100,500,2000] [--terms 20000] [--depth 1000] [--timeout 120]
    /// Prints a Markdown table per case; docs/benchmarks.md ("Compile time") keeps the figures.
    /// </summary>
    public static class Program
    {
        private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        public static int Main(string[] args)
        {
            var methods = new List<int> { 100, 500, 2000 };
            var terms = new List<int> { 2000, 20000 };
            var depths = new List<int> { 300, 1000 };
            int timeoutSeconds = 120;
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                var values = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
                switch (args[i])
                {
                    case "--methods": methods = values; break;
                    case "--terms": terms = values; break;
                    case "--depth": depths = values; break;
                    case "--timeout": timeoutSeconds = values[0]; break;
                    default: Console.Error.WriteLine("unknown option " + args[i]); return 2;
                }
            }

            // Warm up the JIT on a small project so the first case is not charged for it.
            RunProject(16, quiet: true);

            Console.WriteLine("| methods | generator (steps) | analyzer | together | per method | compiler alone | bytes out / in | comment edit elsewhere | one-character edit |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|---|");
            foreach (int n in methods) RunProject(n, quiet: false);

            Console.WriteLine();
            Console.WriteLine("| input | generator | analyzer | bytes out / in | errors in generated code |");
            Console.WriteLine("|---|---:|---:|---:|---|");
            foreach (int t in terms) RunSingle(t + "-term sum", Sources.HugeExpression(t), timeoutSeconds);
            foreach (int d in depths) RunSingle("Math.Sin nested " + d, Sources.NestedCalls(d), timeoutSeconds);
            foreach (int d in depths) RunSingle("parentheses nested " + d, Sources.NestedParentheses(d), timeoutSeconds);
            return 0;
        }

        private static void RunProject(int methods, bool quiet)
        {
            int files = (methods + Sources.MethodsPerFile - 1) / Sources.MethodsPerFile;
            var trees = new List<SyntaxTree>();
            for (int f = 0; f < files; f++) trees.Add(Parse("/src/Models" + f + ".cs", Sources.File(f, methods)));
            trees.Add(Parse("/src/Unrelated.cs", "namespace Synthetic\n{\n    // A comment.\n    public static class Unrelated\n    {\n        public static int Twice(int v) => 2 * v;\n    }\n}\n"));
            var compilation = Compile(trees);
            long bytesIn = trees.Sum(t => (long)t.Length);

            var compiler = Stopwatch.StartNew();
            int userErrors = compilation.Clone().GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            compiler.Stop();

            var (driver, generatorTime, output) = RunGenerator(compilation, null, CancellationToken.None);
            var generated = driver.GetRunResult().Results[0].GeneratedSources;
            long bytesOut = generated.Sum(s => (long)s.SourceText.Length);
            int generatedErrors = output.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

            var analyzerTime = RunAnalyzer(compilation, out int analyzerDiagnostics);

            // A comment edit in a file with no [Differentiable] method.
            var unrelated = trees[trees.Count - 1];
            var commentEdit = compilation.ReplaceSyntaxTree(unrelated, Edit(unrelated, "// A comment.", "// A longer comment."));
            var (afterComment, commentTime, _) = RunGenerator(commentEdit, driver, CancellationToken.None);
            string comment = Reasons(afterComment) + ", " + Ms(commentTime);

            // One character in the first method of the first file.
            var first = trees[0];
            var charEdit = compilation.ReplaceSyntaxTree(first, Edit(first, "total += 0.01 * s;", "total += 0.02 * s;"));
            var (afterChar, charTime, _) = RunGenerator(charEdit, driver, CancellationToken.None);
            string oneChar = Reasons(afterChar) + ", " + Ms(charTime);

            if (quiet) return;
            if (userErrors + generatedErrors > 0 || analyzerDiagnostics > 0)
                Console.Error.WriteLine("warning: " + userErrors + " input errors, " + generatedErrors + " output errors, " + analyzerDiagnostics + " GradGen diagnostics");
            Console.WriteLine("| " + methods + " | " + Ms(generatorTime) + " (" + StepTimes(driver) + ") | " + Ms(analyzerTime) + " | " + Ms(generatorTime + analyzerTime)
                + " | " + ((generatorTime + analyzerTime).TotalMilliseconds / methods).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
                + " | " + Ms(compiler.Elapsed) + " | " + ((double)bytesOut / bytesIn).ToString("0.00", CultureInfo.InvariantCulture)
                + " | " + comment + " | " + oneChar + " |");
        }

        private static void RunSingle(string name, string source, int timeoutSeconds)
        {
            var tree = Parse("/src/Input.cs", source);
            var compilation = Compile(new[] { tree });
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
            try
            {
                var (driver, generatorTime, output) = RunGenerator(compilation, null, cts.Token);
                long bytesOut = driver.GetRunResult().Results[0].GeneratedSources.Sum(s => (long)s.SourceText.Length);
                var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree != tree)
                    .GroupBy(d => d.Id).Select(g => g.Key + " ×" + g.Count()).ToList();
                var analyzerTime = RunAnalyzer(compilation, out int reported);
                Console.WriteLine("| " + name + " | " + Ms(generatorTime) + " (" + StepTimes(driver) + ") | " + Ms(analyzerTime) + " | "
                    + ((double)bytesOut / tree.Length).ToString("0.0", CultureInfo.InvariantCulture) + " (" + bytesOut.ToString("N0", CultureInfo.InvariantCulture) + " B)"
                    + " | " + (errors.Count == 0 ? "none" : string.Join(", ", errors)) + (reported > 0 ? "; " + reported + " GradGen diagnostics" : "") + " |");
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("| " + name + " | > " + timeoutSeconds + " s (cancelled) | | | |");
            }
        }

        private static (GeneratorDriver Driver, TimeSpan Time, Compilation Output) RunGenerator(Compilation compilation, GeneratorDriver? driver, CancellationToken ct)
        {
            driver ??= CSharpGeneratorDriver.Create(
                new[] { new DifferentiableGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            var watch = Stopwatch.StartNew();
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, ct);
            watch.Stop();
            return (driver, watch.Elapsed, output);
        }

        /// <summary>The analyzer's own execution time, as the compiler's /reportanalyzer measures it.</summary>
        private static TimeSpan RunAnalyzer(Compilation compilation, out int diagnostics)
        {
            var analyzer = new DifferentiableAnalyzer();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var withAnalyzers = compilation.Clone().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options);
            diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;
            return withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
        }

        /// <summary>Time spent in the Parse and Generate steps.</summary>
        private static string StepTimes(GeneratorDriver driver)
        {
            var result = driver.GetRunResult().Results[0];
            var parts = new List<string>();
            foreach (var step in new[] { DifferentiableGenerator.ParseStep, DifferentiableGenerator.GenerateStep })
            {
                if (result.TrackedSteps.TryGetValue(step, out var runs))
                    parts.Add(step + " " + Ms(TimeSpan.FromTicks(runs.Sum(r => r.ElapsedTime.Ticks))));
            }
            return string.Join(", ", parts);
        }

        /// <summary>How many outputs of each step ran again, and how many sources were added again.</summary>
        private static string Reasons(GeneratorDriver driver)
        {
            var result = driver.GetRunResult().Results[0];
            var parts = new List<string>();
            foreach (var step in new[] { DifferentiableGenerator.ParseStep, DifferentiableGenerator.GenerateStep })
            {
                if (!result.TrackedSteps.TryGetValue(step, out var runs)) continue;
                int modified = runs.SelectMany(r => r.Outputs).Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
                parts.Add(step + " " + modified + " modified");
            }
            if (result.TrackedOutputSteps.TryGetValue("SourceOutput", out var outputs))
                parts.Add(outputs.SelectMany(r => r.Outputs).Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New) + " outputs re-run");
            return string.Join(", ", parts);
        }

        private static SyntaxTree Edit(SyntaxTree tree, string oldText, string newText)
        {
            string text = tree.GetText().ToString();
            int at = text.IndexOf(oldText, StringComparison.Ordinal);
            return tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, oldText.Length), newText)));
        }

        private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), ParseOptions, path);

        private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
        {
            return CSharpCompilation.Create("Synthetic", trees, GradGen.TestKit.TestReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        }

        private static string Ms(TimeSpan t) => t.TotalMilliseconds < 10000
            ? t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
            : t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }
}
