using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// Caching: an edit outside [Differentiable] methods reruns nothing downstream of the parse, and an
    /// edit inside one regenerates that method only. Read from the tracked steps
    /// <see cref="DifferentiableGenerator.ParseStep"/> and <see cref="DifferentiableGenerator.GenerateStep"/>.
    /// </summary>
    public sealed class IncrementalTests
    {
        private const string Prelude = "using System;\nusing GradGen;\n\n";

        // Each [Differentiable] method sits alone at the end of its file, so that editing one file
        // shifts no other method's location.
        private static readonly SourceFile Rosenbrock = new SourceFile("/src/Rosenbrock.cs", Prelude + @"public static partial class Functions
{
    [Differentiable]
    public static double Rosenbrock(double x, double y)
    {
        double a = 1 - x, b = y - x * x;
        return a * a + 100 * b * b;
    }
}
");

        private static readonly SourceFile Sigmoid = new SourceFile("/src/Sigmoid.cs", Prelude + @"public static partial class Activations
{
    [Differentiable]
    public static double Sigmoid(double x)
    {
        return 1.0 / (1.0 + Math.Exp(-x));
    }
}
");

        private static readonly SourceFile Helpers = new SourceFile("/src/Helpers.cs", Prelude + @"public static class Helpers
{
    public static int Count(int[] xs)
    {
        int n = 0;
        foreach (var x in xs) n += x;
        return n;
    }
}
");

        private static (GeneratorRun First, CSharpCompilation Compilation) RunFirst()
        {
            var compilation = Harness.Compilation(Rosenbrock, Sigmoid, Helpers);
            var first = Harness.Run(compilation);
            Assert.True(first.GeneratorDiagnostics.IsEmpty, Harness.Format(first.GeneratorDiagnostics));
            Assert.Equal(new[] { "Activations.Sigmoid.g.cs", "Functions.Rosenbrock.g.cs" }, first.HintNames.OrderBy(h => h, StringComparer.Ordinal).ToArray());
            return (first, compilation);
        }

        private static CSharpCompilation ReplaceText(CSharpCompilation compilation, SourceFile file, string oldText, string newText)
        {
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath == file.Path);
            string text = tree.GetText().ToString();
            Assert.Contains(oldText, text);
            var newTree = tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(
                new Microsoft.CodeAnalysis.Text.TextSpan(text.IndexOf(oldText, StringComparison.Ordinal), oldText.Length), newText)));
            return compilation.ReplaceSyntaxTree(tree, newTree);
        }

        /// <summary>The reasons of a tracked step's outputs, keyed by the method (or file) they belong to.</summary>
        private static List<(string Key, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step)
        {
            var result = run.RunResult.Results.Single();
            Assert.True(result.TrackedSteps.TryGetValue(step, out var steps), "step '" + step + "' is not tracked; tracked: " + string.Join(", ", result.TrackedSteps.Keys));
            var outputs = new List<(string, IncrementalStepRunReason)>();
            foreach (var s in steps)
            {
                foreach (var (value, reason) in s.Outputs)
                {
                    string key = value switch
                    {
                        ParseResult p => p.MethodName,
                        GeneratedFile f => f.HintName,
                        _ => value?.GetType().Name ?? "null",
                    };
                    outputs.Add((key, reason));
                }
            }
            return outputs;
        }

        private static string Describe(IEnumerable<(string Key, IncrementalStepRunReason Reason)> outputs)
            => string.Join(", ", outputs.Select(o => o.Key + "=" + o.Reason));

        private static void AssertAllReused(GeneratorRun run)
        {
            foreach (var step in new[] { DifferentiableGenerator.ParseStep, DifferentiableGenerator.GenerateStep })
            {
                var outputs = Outputs(run, step);
                Assert.Equal(2, outputs.Count);
                Assert.True(outputs.All(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged),
                    step + ": expected every output Cached or Unchanged, got " + Describe(outputs));
            }
            Assert.True(Outputs(run, DifferentiableGenerator.GenerateStep).All(o => o.Reason == IncrementalStepRunReason.Cached),
                "Generate: an unchanged parse must leave Generate's outputs Cached, got " + Describe(Outputs(run, DifferentiableGenerator.GenerateStep)));
        }

        [Fact]
        public void StepNames_AreTheDocumentedOnes()
        {
            Assert.Equal("Parse", DifferentiableGenerator.ParseStep);
            Assert.Equal("Generate", DifferentiableGenerator.GenerateStep);
        }

        [Fact]
        public void AddingAnUnrelatedFile_ReusesEveryOutput()
        {
            var (first, compilation) = RunFirst();
            var edited = compilation.AddSyntaxTrees(Harness.Parse(new SourceFile("/src/Unrelated.cs", @"public sealed class Unrelated
{
    public double Value { get; set; }

    public double Twice() => 2 * Value;
}
")));
            var second = Harness.Run(edited, first.Driver);
            AssertAllReused(second);
            Assert.True(second.OutputDiagnostics.IsEmpty, Harness.Format(second.OutputDiagnostics));
        }

        [Fact]
        public void EditingAnUnrelatedMethodBody_ReusesEveryOutput()
        {
            var (first, compilation) = RunFirst();
            var edited = ReplaceText(compilation, Helpers, "n += x;", "n += 2 * x;");
            var second = Harness.Run(edited, first.Driver);
            AssertAllReused(second);
        }

        [Fact]
        public void EditingADifferentiableMethodBody_RegeneratesThatMethodOnly()
        {
            var (first, compilation) = RunFirst();
            var edited = ReplaceText(compilation, Sigmoid, "return 1.0 / (1.0 + Math.Exp(-x));", "return 2.0 / (1.0 + Math.Exp(-x));");
            var second = Harness.Run(edited, first.Driver);

            var parse = Outputs(second, DifferentiableGenerator.ParseStep);
            var generate = Outputs(second, DifferentiableGenerator.GenerateStep);
            string all = "Parse: " + Describe(parse) + "\nGenerate: " + Describe(generate);

            Assert.True(parse.Single(o => o.Key == "Sigmoid").Reason == IncrementalStepRunReason.Modified, all);
            Assert.True(generate.Single(o => o.Key == "Activations.Sigmoid.g.cs").Reason == IncrementalStepRunReason.Modified, all);
            Assert.True(parse.Single(o => o.Key == "Rosenbrock").Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, all);
            Assert.True(generate.Single(o => o.Key == "Functions.Rosenbrock.g.cs").Reason == IncrementalStepRunReason.Cached, all);

            Assert.Contains("2.0 / (1.0 + exp1)", second.Source("Activations.Sigmoid.g.cs"));
            Assert.Equal(first.Source("Functions.Rosenbrock.g.cs"), second.Source("Functions.Rosenbrock.g.cs"));
            Assert.True(second.OutputDiagnostics.IsEmpty, Harness.Format(second.OutputDiagnostics));
        }
    }
}
