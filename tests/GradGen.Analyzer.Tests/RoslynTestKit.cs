using System.Collections.Immutable;
using GradGen.Generator.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GradGen.Analyzer.Tests
{
    /// <summary>
    /// The standard Roslyn test kit set up to work offline: reference assemblies come from
    /// Basic.Reference.Assemblies.Net100 (the kit's default downloads them from NuGet), plus
    /// GradGen.Attributes and GradGen.Runtime as metadata references.
    /// </summary>
    public static class RoslynTestKit
    {
        /// <summary>A target framework with no reference package: nothing is resolved or downloaded.</summary>
        public static readonly ReferenceAssemblies NoDownload = new ReferenceAssemblies("net10.0");

        public static readonly ImmutableArray<MetadataReference> AdditionalReferences = ImmutableArray.CreateRange<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All)
            .Add(MetadataReference.CreateFromFile(typeof(GradGen.DifferentiableAttribute).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(GradGen.GradMath).Assembly.Location));

        /// <summary>Applies the kit's offline references, language version and options to <paramref name="state"/>'s test.</summary>
        internal static void Configure(SolutionState state)
        {
            state.AdditionalReferences.AddRange(AdditionalReferences);
        }
    }

    /// <summary>The analyzer over markup sources: <c>{|GG0001:span|}</c> marks an expected diagnostic.</summary>
    public sealed class AnalyzerTest : CSharpAnalyzerTest<DifferentiableAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = RoslynTestKit.NoDownload;
            RoslynTestKit.Configure(TestState);
            SolutionTransforms.Add((solution, projectId) => solution
                .WithProjectParseOptions(projectId, Harness.ParseOptions)
                .WithProjectCompilationOptions(projectId, Harness.CompilationOptions));
        }
    }

    /// <summary>A code fix tested as before and after sources, the analyzer's diagnostics marked in the before source.</summary>
    public sealed class CodeFixTest<TFix> : CSharpCodeFixTest<DifferentiableAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        public CodeFixTest()
        {
            ReferenceAssemblies = RoslynTestKit.NoDownload;
            RoslynTestKit.Configure(TestState);
            RoslynTestKit.Configure(FixedState);
            SolutionTransforms.Add((solution, projectId) => solution
                .WithProjectParseOptions(projectId, Harness.ParseOptions)
                .WithProjectCompilationOptions(projectId, Harness.CompilationOptions));
        }
    }
}
