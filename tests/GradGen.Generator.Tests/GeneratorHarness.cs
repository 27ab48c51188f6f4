using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using GradGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GradGen.Generator.Tests
{
    /// <summary>One source file given to the harness: its path (as the compiler sees it) and its text.</summary>
    public sealed record SourceFile(string Path, string Text);

    /// <summary>What one run of the generator over an in-memory compilation produced.</summary>
    public sealed class GeneratorRun
    {
        public GeneratorRun(CSharpCompilation input, Compilation output, GeneratorDriver driver)
        {
            Input = input;
            Output = output;
            Driver = driver;
            RunResult = driver.GetRunResult();
            var result = RunResult.Results.Single();
            if (result.Exception is not null)
                throw new InvalidOperationException("The generator threw out of the pipeline: " + result.Exception);
            GeneratedSources = result.GeneratedSources;
            // The analyzer is GradGen's one reporter: the generator itself must report nothing.
            if (!RunResult.Diagnostics.IsEmpty)
                throw new InvalidOperationException("The generator reported diagnostics (the analyzer alone reports):" + Environment.NewLine + Harness.Format(RunResult.Diagnostics));
            // Without the IDE-only numerics suggestions (GG0022), which say nothing about what can be differentiated.
            var suggestions = Descriptors.AnalyzerOnly.Select(d => d.Id).ToList();
            GeneratorDiagnostics = Harness.Analyze(output).Where(d => !suggestions.Contains(d.Id)).ToImmutableArray();
            var generatedPaths = new HashSet<SyntaxTree>(GeneratedSources.Select(s => s.SyntaxTree));
            GeneratedTrees = output.SyntaxTrees.Where(generatedPaths.Contains).ToImmutableArray();
            OutputDiagnostics = output.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .ToImmutableArray();
        }

        public CSharpCompilation Input { get; }

        public Compilation Output { get; }

        public GeneratorDriver Driver { get; }

        public GeneratorDriverRunResult RunResult { get; }

        public ImmutableArray<GeneratedSourceResult> GeneratedSources { get; }

        public ImmutableArray<SyntaxTree> GeneratedTrees { get; }

        /// <summary>GradGen's diagnostics (GGxxxx): the analyzer's, on the output compilation, as a build reports them.</summary>
        public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

        /// <summary>Warnings and errors of the output compilation (user code plus generated code).</summary>
        public ImmutableArray<Diagnostic> OutputDiagnostics { get; }

        public IEnumerable<string> HintNames => GeneratedSources.Select(s => s.HintName);

        public bool HasSource(string hintName) => GeneratedSources.Any(s => s.HintName == hintName);

        public string Source(string hintName)
        {
            foreach (var s in GeneratedSources)
                if (s.HintName == hintName) return s.SourceText.ToString();
            throw new Xunit.Sdk.XunitException("No generated file '" + hintName + "'; generated: [" + string.Join(", ", HintNames) + "]"
                + Environment.NewLine + "Generator diagnostics:" + Environment.NewLine + Harness.Format(GeneratorDiagnostics));
        }

        /// <summary>Output-compilation errors located in generated files.</summary>
        public ImmutableArray<Diagnostic> ErrorsInGeneratedCode
            => OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && GeneratedTrees.Contains(t)).ToImmutableArray();
    }

    /// <summary>Builds in-memory compilations and drives <see cref="DifferentiableGenerator"/> over them.</summary>
    public static class Harness
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                deterministic: true)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                // Assembly-unification noise of compiling against implementation assemblies, as the SDK does.
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });

        /// <summary>The running runtime's framework assemblies plus GradGen.Attributes and GradGen.Runtime.</summary>
        public static ImmutableArray<MetadataReference> References => GradGen.TestKit.TestReferences.All;

        public static SyntaxTree Parse(SourceFile file)
            => CSharpSyntaxTree.ParseText(SourceText.From(file.Text, System.Text.Encoding.UTF8), ParseOptions, file.Path);

        public static CSharpCompilation Compilation(params SourceFile[] files)
            => CSharpCompilation.Create("GradGenTestInput", files.Select(Parse), References, CompilationOptions);

        public static CSharpCompilation Compilation(params string[] sources)
            => Compilation(sources.Select((s, i) => new SourceFile("/src/File" + i + ".cs", s)).ToArray());

        public static GeneratorDriver CreateDriver()
            => CSharpGeneratorDriver.Create(
                new[] { new DifferentiableGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs the generator over <paramref name="input"/>; pass the previous run's driver to run incrementally.</summary>
        public static GeneratorRun Run(CSharpCompilation input, GeneratorDriver? driver = null)
        {
            driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(input, out var output, out _);
            return new GeneratorRun(input, output, driver);
        }

        public static GeneratorRun Run(params string[] sources) => Run(Compilation(sources));

        public static GeneratorRun Run(params SourceFile[] files) => Run(Compilation(files));

        /// <summary>
        /// <see cref="Analyzer.DifferentiableAnalyzer"/>'s diagnostics on <paramref name="compilation"/>,
        /// sorted by file and position; an exception in the analyzer fails the test.
        /// </summary>
        public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
        {
            var options = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(
                new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (e, analyzer, diagnostic) => throw new InvalidOperationException("The analyzer threw: " + e),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new Analyzer.DifferentiableAnalyzer()), options);
            return withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
                .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        public static string Format(IEnumerable<Diagnostic> diagnostics)
        {
            var lines = diagnostics.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return "  " + d.Id + " " + d.Severity + " " + Path.GetFileName(span.Path) + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1)
                    + ") [" + d.Location.SourceSpan.Start + ".." + d.Location.SourceSpan.End + "]: " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            }).ToList();
            return lines.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, lines);
        }
    }

    /// <summary>Paths in the repository, found by walking up from the test binaries to GradGen.sln.</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> LazyRoot = new Lazy<string>(() =>
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GradGen.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("GradGen.sln not found above " + AppContext.BaseDirectory);
        });

        public static string Root => LazyRoot.Value;

        public static string TestProject => Path.Combine(Root, "tests", "GradGen.Generator.Tests");

        public static string Snapshots => Path.Combine(TestProject, "Snapshots");
    }
}
