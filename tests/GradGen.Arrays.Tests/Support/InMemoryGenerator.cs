using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// Runs the generator under test over a source file in memory, compiles the result and loads it:
    /// for the Pending/*.cs.txt repros of generator bugs that break compilation (a GGxxxx error on
    /// valid code, GG9999, or generated code that does not compile), which would stop every other
    /// test in this project from building.
    /// </summary>
    internal static class InMemoryGenerator
    {
        private static readonly Lazy<ISourceGenerator> Generator = new Lazy<ISourceGenerator>(LoadGenerator);

        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(LoadReferences);

        /// <summary>
        /// Generates and compiles <paramref name="source"/>; throws (failing the test) with the
        /// generator's errors, the compiler's errors and the generated code if it does not build.
        /// </summary>
        public static Assembly Build(string source, string path)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var compilation = CSharpCompilation.Create(
                "Pending" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, parseOptions, path) },
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                    {
                        ["CS1701"] = ReportDiagnostic.Suppress,
                        ["CS1702"] = ReportDiagnostic.Suppress,
                    }));
            // Before generation, the calls to the generated methods (Check() calls FGradient) cannot bind yet: CS0103.
            var inputErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0103").ToList();
            if (inputErrors.Count > 0)
            {
                throw new InvalidOperationException("The pending source itself does not compile:\n" + string.Join("\n", inputErrors));
            }

            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { Generator.Value }, parseOptions: parseOptions);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var result = driver.GetRunResult().Results.Single();
            string generated = string.Join("\n", result.GeneratedSources.Select(s => "// ---- " + s.HintName + "\n" + s.SourceText));
            if (result.Exception is not null)
            {
                throw new XunitException("The generator threw: " + result.Exception);
            }

            // Warnings count too: this project builds with warnings as errors.
            var generatorErrors = generatorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            using var stream = new MemoryStream();
            var emit = output.Emit(stream);
            var compileErrors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (generatorErrors.Count > 0 || compileErrors.Count > 0)
            {
                throw new XunitException(
                    "Valid code did not build with the generator.\n"
                    + (generatorErrors.Count > 0 ? "Generator diagnostics:\n  " + string.Join("\n  ", generatorErrors) + "\n" : "")
                    + (compileErrors.Count > 0 ? "Compiler errors:\n  " + string.Join("\n  ", compileErrors.Take(10)) + "\n" : "")
                    + "Generated code:\n" + generated);
            }

            stream.Position = 0;
            var context = new AssemblyLoadContext("pending", isCollectible: true);
            return context.LoadFromStream(stream);
        }

        private static ISourceGenerator LoadGenerator()
        {
            string path = typeof(InMemoryGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "GradGenGeneratorPath").Value!;
            var assembly = Assembly.LoadFrom(path);
            var type = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
            return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
        }

        private static ImmutableArray<MetadataReference> LoadReferences()
        {
            string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
            var paths = tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
                .ToList();
            paths.Add(typeof(DifferentiableAttribute).Assembly.Location);
            paths.Add(typeof(GradMath).Assembly.Location);
            return paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        }
    }
}
