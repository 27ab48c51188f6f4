using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace GradGen.Tests.Shared
{
    /// <summary>
    /// Runs the generator under test over a source snippet in memory, compiles the result and loads
    /// it. For code that would break a test project's own build if it were an ordinary source file
    /// (repros of generator bugs, random programs, regression sources): each case fails on its own.
    /// The one repro mechanism of the test projects (tests/README.md); its namespace is the one the
    /// fuzz tests already import.
    /// </summary>
    public static class InMemoryGenerator
    {
        private const string DefaultPath = "/repro/Repro.cs";

        private static readonly Lazy<ISourceGenerator> Generator = new Lazy<ISourceGenerator>(LoadGenerator);

        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(LoadReferences);

        /// <summary>What <see cref="Run"/> produced: the loaded assembly when everything built, else the errors.</summary>
        public sealed record Outcome(Assembly? Assembly, IReadOnlyList<Diagnostic> GeneratorErrors, IReadOnlyList<Diagnostic> CompileErrors, string Generated);

        /// <summary>Generates and compiles <paramref name="source"/>, returning the errors instead of throwing.</summary>
        public static Outcome Run(string source, string path = DefaultPath, bool warningsAreErrors = false)
        {
            try
            {
                return new Outcome(Build(source, path, warningsAreErrors), Array.Empty<Diagnostic>(), Array.Empty<Diagnostic>(), "");
            }
            catch (BuildFailure failure)
            {
                return new Outcome(null, failure.GeneratorErrors, failure.CompileErrors, failure.Generated);
            }
        }

        /// <summary>
        /// Generates and compiles <paramref name="source"/>; throws (failing the test) with the
        /// generator's errors, the compiler's errors and the generated code if it does not build.
        /// </summary>
        /// <param name="warningsAreErrors">Count the generator's warnings as failures, for projects built with warnings as errors.</param>
        public static Assembly Build(string source, string path = DefaultPath, bool warningsAreErrors = false)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var compilation = CSharpCompilation.Create(
                "Repro" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, parseOptions, path) },
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                    {
                        ["CS1701"] = ReportDiagnostic.Suppress,
                        ["CS1702"] = ReportDiagnostic.Suppress,
                    }));
            // Before generation, calls to the generated methods cannot bind yet (CS0103); anything else is the snippet's own fault.
            var inputErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0103").ToList();
            if (inputErrors.Count > 0)
            {
                throw new InvalidOperationException("The repro itself does not compile:\n" + string.Join("\n", inputErrors));
            }

            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { Generator.Value }, parseOptions: parseOptions);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var result = driver.GetRunResult().Results.Single();
            string generated = string.Join("\n", result.GeneratedSources.Select(s => "// ---- " + s.HintName + "\n" + s.SourceText));
            if (result.Exception is not null)
            {
                throw new XunitException("The generator threw: " + result.Exception);
            }

            // GradGen's diagnostics come from its analyzer (the generator reports none), run as the build does: on the output.
            var gradGenDiagnostics = generatorDiagnostics.AddRange(Analyze(output));
            var generatorErrors = gradGenDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || (warningsAreErrors && d.Severity == DiagnosticSeverity.Warning)).ToList();
            using var stream = new MemoryStream();
            var emit = output.Emit(stream);
            var compileErrors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (generatorErrors.Count > 0 || compileErrors.Count > 0)
            {
                throw new BuildFailure(generatorErrors, compileErrors, generated,
                    "Valid code did not build with the generator.\n"
                    + (generatorErrors.Count > 0 ? "Generator diagnostics:\n  " + string.Join("\n  ", generatorErrors) + "\n" : "")
                    + (compileErrors.Count > 0 ? "Compiler errors:\n  " + string.Join("\n  ", compileErrors.Take(10)) + "\n" : "")
                    + "Generated code:\n" + generated);
            }

            stream.Position = 0;
            var context = new AssemblyLoadContext("repro", isCollectible: true);
            return context.LoadFromStream(stream);
        }

        /// <summary>Calls a public static method of <paramref name="typeName"/>; out/ref arguments are written back into <paramref name="args"/>.</summary>
        public static object? Call(Assembly assembly, string typeName, string method, object?[] args)
        {
            var type = assembly.GetType(typeName, throwOnError: true)!;
            var m = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                ?? throw new XunitException($"{typeName}.{method} was not generated.");
            return m.Invoke(null, args);
        }

        private sealed class BuildFailure : XunitException
        {
            public BuildFailure(IReadOnlyList<Diagnostic> generatorErrors, IReadOnlyList<Diagnostic> compileErrors, string generated, string message)
                : base(message)
            {
                GeneratorErrors = generatorErrors;
                CompileErrors = compileErrors;
                Generated = generated;
            }

            public IReadOnlyList<Diagnostic> GeneratorErrors { get; }

            public IReadOnlyList<Diagnostic> CompileErrors { get; }

            public string Generated { get; }
        }

        private static readonly Lazy<DiagnosticAnalyzer> Analyzer = new Lazy<DiagnosticAnalyzer>(() =>
            (DiagnosticAnalyzer)Activator.CreateInstance(GeneratorAssembly().GetTypes().Single(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)))!);

        private static Assembly GeneratorAssembly()
        {
            string path = typeof(InMemoryGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "GradGenGeneratorPath").Value!;
            return Assembly.LoadFrom(path);
        }

        private static ISourceGenerator LoadGenerator()
        {
            var type = GeneratorAssembly().GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
            return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
        }

        /// <summary>The GradGen analyzer's diagnostics on <paramref name="compilation"/>; an analyzer exception is one of them (AD0001).</summary>
        private static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
            => compilation.WithAnalyzers(ImmutableArray.Create(Analyzer.Value))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        private static ImmutableArray<MetadataReference> LoadReferences() => GradGen.TestKit.TestReferences.All;
    }
}
