using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using GradGen.Generator;
using GradGen.Generator.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using GradGen.TestKit;
using Xunit;

namespace GradGen.Analyzer.Tests
{
    /// <summary>A diagnostic a test expects at the next <c>[|…|]</c> span of its source, in source order.</summary>
    public sealed record Expected(string Id, DiagnosticSeverity Severity, string Message)
    {
        public static Expected Error(string id, string message) => new Expected(id, DiagnosticSeverity.Error, message);

        public static Expected Warning(string id, string message) => new Expected(id, DiagnosticSeverity.Warning, message);

        public static Expected Info(string id, string message) => new Expected(id, DiagnosticSeverity.Info, message);
    }

    /// <summary>
    /// In-memory compilations against the running framework plus GradGen.Attributes and
    /// GradGen.Runtime, the analyzer run through <see cref="CompilationWithAnalyzers"/>, and the
    /// generator through <see cref="CSharpGeneratorDriver"/>.
    /// </summary>
    public static class Harness
    {
        public const string TestPath = "/src/Test.cs";

        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });

        public static ImmutableArray<MetadataReference> References => GradGen.TestKit.TestReferences.All;

        public static SyntaxTree Parse(string source, string path = TestPath)
            => CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), ParseOptions, path);

        public static CSharpCompilation Compile(params (string Path, string Source)[] files)
            => CSharpCompilation.Create("AnalyzerTestInput", files.Select(f => Parse(f.Source, f.Path)), References, CompilationOptions);

        public static CSharpCompilation Compile(string source) => Compile((TestPath, source));

        /// <summary>The analyzer's diagnostics, sorted by position; an analyzer exception fails the test.</summary>
        public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (e, analyzer, diagnostic) => throw new Xunit.Sdk.XunitException("The analyzer threw: " + e),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DifferentiableAnalyzer()), options);
            var all = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var failures = all.Where(d => d.Id == "AD0001").ToList();
            if (failures.Count > 0) throw new Xunit.Sdk.XunitException("The analyzer failed:" + Environment.NewLine + Format(failures));
            return Sort(all.Where(IsGradGen));
        }

        /// <summary>The generator's diagnostics and generated files.</summary>
        public static (ImmutableArray<Diagnostic> Diagnostics, GeneratorRunResult Result, Compilation Output) Generate(Compilation compilation)
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            var result = driver.GetRunResult().Results.Single();
            if (result.Exception is not null) throw new Xunit.Sdk.XunitException("The generator threw: " + result.Exception);
            return (Sort(result.Diagnostics.Where(IsGradGen)), result, output);
        }

        public static bool IsGradGen(Diagnostic d) => d.Id.StartsWith("GG", StringComparison.Ordinal);

        public static ImmutableArray<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics)
            => diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Location.SourceSpan.Length)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();

        public static string Message(Diagnostic d) => d.GetMessage(CultureInfo.InvariantCulture);

        public static string Format(IEnumerable<Diagnostic> diagnostics)
        {
            var lines = diagnostics.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                string text = d.Location.SourceTree is { } tree ? tree.GetText().ToString(d.Location.SourceSpan) : "";
                if (text.Length > 60) text = text.Substring(0, 57) + "...";
                return "  " + d.Id + " " + d.Severity + " (" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1)
                    + ") [" + d.Location.SourceSpan.Start + ".." + d.Location.SourceSpan.End + "] '" + text + "': " + Message(d);
            }).ToList();
            return lines.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, lines);
        }

        /// <summary>
        /// Runs the analyzer over <paramref name="markup"/> through the Roslyn analyzer test kit and
        /// asserts it reports exactly <paramref name="expected"/>, one per <c>[|…|]</c> span in source
        /// order: id, severity, span and message. The kit also fails on any compiler error, so that
        /// what is tested is GradGen's diagnostic and not the compiler's.
        /// </summary>
        public static void Verify(string markup, params Expected[] expected)
        {
            var (source, spans) = Markup.Parse(markup);
            Assert.True(spans.Length == expected.Length, "The markup has " + spans.Length + " spans for " + expected.Length + " expected diagnostics.");
            var lines = SourceText.From(source).Lines;
            var test = new AnalyzerTest();
            test.TestState.Sources.Add((TestPath, source));
            test.TestState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.None;
            for (int i = 0; i < expected.Length; i++)
            {
                var position = lines.GetLinePositionSpan(spans[i]);
                test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(expected[i].Id, expected[i].Severity)
                    .WithSpan(new FileLinePositionSpan(TestPath, position))
                    .WithMessage(expected[i].Message));
            }
            test.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
