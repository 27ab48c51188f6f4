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
                        OutputFile o => o.HintName,
                        OutputPlan => "plan",
                        _ => value?.GetType().Name ?? "null",
                    };
                    outputs.Add((key, reason));
                }
            }
            return outputs;
        }

        private static string Describe(IEnumerable<(string Key, IncrementalStepRunReason Reason)> outputs)
            => string.Join(", ", outputs.Select(o => o.Key + "=" + o.Reason));

        /// <summary>Every tracked step of the pipeline, in order, and the output step that adds the sources.</summary>
        private static readonly string[] AllSteps =
        {
            DifferentiableGenerator.ParseStep, DifferentiableGenerator.GenerateStep, DifferentiableGenerator.PlanStep,
            DifferentiableGenerator.OutputStep, "SourceOutput",
        };

        /// <summary>The outputs of a step, whether it is one of the generator's tracked steps or the source output.</summary>
        private static List<(string Key, IncrementalStepRunReason Reason)> StepOutputs(GeneratorRun run, string step)
        {
            if (step != "SourceOutput") return Outputs(run, step);
            var result = run.RunResult.Results.Single();
            Assert.True(result.TrackedOutputSteps.TryGetValue(step, out var steps), "no source output step");
            return steps.SelectMany(s => s.Outputs).Select(o => ("source", o.Reason)).ToList();
        }

        /// <summary>Every step of an edit that touches no [Differentiable] method: nothing recomputed downstream of the parse, no source re-added.</summary>
        private static void AssertAllReused(GeneratorRun run)
        {
            foreach (var step in AllSteps)
            {
                var outputs = StepOutputs(run, step);
                Assert.NotEmpty(outputs);
                Assert.True(outputs.All(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged),
                    step + ": expected every output Cached or Unchanged, got " + Describe(outputs));
            }
            foreach (var step in AllSteps.Skip(1))
            {
                Assert.True(StepOutputs(run, step).All(o => o.Reason == IncrementalStepRunReason.Cached),
                    step + ": an unchanged parse must leave every later step Cached, got " + Describe(StepOutputs(run, step)));
            }
        }

        [Fact]
        public void StepNames_AreTheDocumentedOnes()
        {
            Assert.Equal("Parse", DifferentiableGenerator.ParseStep);
            Assert.Equal("Generate", DifferentiableGenerator.GenerateStep);
            Assert.Equal("Plan", DifferentiableGenerator.PlanStep);
            Assert.Equal("Output", DifferentiableGenerator.OutputStep);
        }

        /// <summary>Two methods in one file, one above the other: edits in the first move the second.</summary>
        private static readonly SourceFile TwoInOneFile = new SourceFile("/src/Two.cs", Prelude + @"public static partial class Pair
{
    // A comment above both methods.
    [Differentiable]
    public static double Above(double x)
    {
        return x * x;
    }

    [Differentiable]
    public static double Below(double x, double y)
    {
        double t = Math.Sin(x) * y;
        return t * t;
    }
}
");

        [Fact]
        public void EditingACommentInAFileWithDifferentiableMethods_ReusesEveryOutput()
        {
            var compilation = Harness.Compilation(TwoInOneFile, Sigmoid);
            var first = Harness.Run(compilation);
            Assert.Equal(3, first.GeneratedSources.Length);
            // Longer text above both methods: their absolute positions move, their models do not.
            var second = Harness.Run(ReplaceText(compilation, TwoInOneFile, "// A comment above both methods.", "// A longer comment above both methods, which shifts them."), first.Driver);
            foreach (var step in AllSteps)
            {
                var outputs = StepOutputs(second, step);
                Assert.True(outputs.All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), step + ": " + Describe(outputs));
            }
            foreach (var step in AllSteps.Skip(1))
                Assert.True(StepOutputs(second, step).All(o => o.Reason == IncrementalStepRunReason.Cached), step + ": " + Describe(StepOutputs(second, step)));
        }

        [Fact]
        public void TypingInOneMethod_RedifferentiatesThatMethodOnly_NotTheOneBelowIt()
        {
            var compilation = Harness.Compilation(TwoInOneFile, Sigmoid);
            var first = Harness.Run(compilation);
            // Two characters typed into the first method: everything below it moves.
            var second = Harness.Run(ReplaceText(compilation, TwoInOneFile, "return x * x;", "return x * x * x;"), first.Driver);
            string all = string.Join("\n", AllSteps.Select(step => step + ": " + Describe(StepOutputs(second, step))));

            var parse = Outputs(second, DifferentiableGenerator.ParseStep);
            Assert.True(parse.Single(o => o.Key == "Above").Reason == IncrementalStepRunReason.Modified, all);
            Assert.True(parse.Where(o => o.Key != "Above").All(o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached), all);

            var generate = Outputs(second, DifferentiableGenerator.GenerateStep);
            Assert.True(generate.Single(o => o.Key == "Pair.Above.g.cs").Reason == IncrementalStepRunReason.Modified, all);
            Assert.True(generate.Where(o => o.Key != "Pair.Above.g.cs").All(o => o.Reason == IncrementalStepRunReason.Cached), all);

            // The plan's facts (names, callees) did not change; one file is added again.
            Assert.True(Outputs(second, DifferentiableGenerator.PlanStep).All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), all);
            var output = Outputs(second, DifferentiableGenerator.OutputStep);
            Assert.True(output.Single(o => o.Key == "Pair.Above.g.cs").Reason == IncrementalStepRunReason.Modified, all);
            Assert.True(output.Where(o => o.Key != "Pair.Above.g.cs").All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), all);
            Assert.Equal(1, StepOutputs(second, "SourceOutput").Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New));

            Assert.Contains("x * x * x", second.Source("Pair.Above.g.cs"));
            Assert.Equal(first.Source("Pair.Below.g.cs"), second.Source("Pair.Below.g.cs"));
            Assert.True(second.OutputDiagnostics.IsEmpty, Harness.Format(second.OutputDiagnostics));
        }

        [Fact]
        public void SameFileNameInTwoNamespaces_BothGenerated_AndAnUnrelatedEditKeepsThemCached()
        {
            var a = new SourceFile("/src/A.cs", Prelude + "namespace First\n{\n    public static partial class Model\n    {\n        [Differentiable]\n        public static double Loss(double x) => x * x;\n    }\n}\n");
            var b = new SourceFile("/src/B.cs", Prelude + "namespace Second\n{\n    public static partial class Model\n    {\n        [Differentiable]\n        public static double Loss(double x) => Math.Exp(x);\n    }\n}\n");
            var compilation = Harness.Compilation(a, b, Helpers);
            var first = Harness.Run(compilation);
            Assert.Equal(2, first.GeneratedSources.Length);
            Assert.Equal(2, first.HintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.True(first.OutputDiagnostics.IsEmpty, Harness.Format(first.OutputDiagnostics));

            var second = Harness.Run(ReplaceText(compilation, Helpers, "n += x;", "n += 3 * x;"), first.Driver);
            AssertAllReused(second);
            Assert.Equal(first.HintNames.OrderBy(h => h), second.HintNames.OrderBy(h => h));
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
