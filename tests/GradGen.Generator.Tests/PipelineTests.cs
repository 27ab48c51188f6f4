using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// Generated files never hold a compile error of their own: a method with C# errors, a method
    /// whose [Differentiable] callee failed, a method in a file-local type get a diagnostic (or the
    /// compiler's) and no file, never a cascade of errors inside .g.cs.
    /// </summary>
    public sealed class PipelineTests
    {
        private const string Prelude = "using System;\nusing GradGen;\n\n";

        private const string Good = Prelude + @"public static partial class Good
{
    [Differentiable]
    public static double Ok(double x) => x * Math.Sin(x);
}
";

        private static GeneratorRun Run(string bad) => Harness.Run(new SourceFile("/src/Good.cs", Good), new SourceFile("/src/Bad.cs", Prelude + bad));

        private static void AssertGoodGeneratedAndNoErrorsInGeneratedCode(GeneratorRun run)
        {
            Assert.True(run.HasSource("Good.Ok.g.cs"), "generated: " + string.Join(", ", run.HintNames));
            Assert.True(run.ErrorsInGeneratedCode.IsEmpty, "errors in generated code:\n" + Harness.Format(run.ErrorsInGeneratedCode));
        }

        [Theory]
        [InlineData("Math.Sin(;", "CS1026")]                    // typing an argument
        [InlineData("Math.Sin(x) + undefinedName;", "CS0103")]  // a name that does not exist (yet)
        [InlineData("Math.Sin(x, x);", "CS1501")]               // no such overload
        [InlineData("Math.Sin(\"x\");", "CS1503")]              // half-typed: wrong argument type
        public void MethodWithCompilerErrors_ReportsNothingOfOurs_AndGeneratesNothing(string statement, string compilerError)
        {
            var run = Run(@"public static partial class Typing
{
    [Differentiable]
    public static double F(double x)
    {
        double y = " + statement + @"
        return y * x;
    }
}
");
            Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == compilerError);
            Assert.True(run.GeneratorDiagnostics.IsEmpty, "the compiler's error is the real problem; GradGen said:\n" + Harness.Format(run.GeneratorDiagnostics));
            Assert.False(run.HasSource("Typing.F.g.cs"));
            AssertGoodGeneratedAndNoErrorsInGeneratedCode(run);
        }

        [Fact]
        public void WarningsAsErrors_DoNotCountAsCompilerErrors()
        {
            var compilation = Harness.Compilation(new SourceFile("/src/W.cs", Prelude + @"public static partial class W
{
    [Differentiable]
    public static double F(double x)
    {
        double unused;
        return x * x;
    }
}
")).WithOptions(Harness.CompilationOptions.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
            Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0168" && d.Severity == DiagnosticSeverity.Error);
            var run = Harness.Run(compilation);
            Assert.True(run.HasSource("W.F.g.cs"), "a warning promoted to an error must not stop generation");
        }

        [Fact]
        public void FailedCallee_ItsCallersGetNoFile_AndOnlyTheRealErrorIsReported()
        {
            var run = Run(@"public static partial class Chain
{
    static double Helper(double v) => v * v;

    [Differentiable]
    public static double Leaf(double x) => Helper(x);

    [Differentiable]
    public static double Middle(double x) => 2 * Leaf(x);

    [Differentiable]
    public static double Top(double x) => Math.Exp(Middle(x));

    [Differentiable]
    public static double Independent(double x) => x * x;
}
");
            var reported = run.GeneratorDiagnostics.Select(d => d.Id + " " + run.Input.SyntaxTrees.Single(t => t == d.Location.SourceTree).GetText().ToString(d.Location.SourceSpan)).ToList();
            Assert.Equal(new[] { "GG0008 Helper(x)" }, reported);
            Assert.False(run.HasSource("Chain.Leaf.g.cs"));
            Assert.False(run.HasSource("Chain.Middle.g.cs"));
            Assert.False(run.HasSource("Chain.Top.g.cs"));
            Assert.True(run.HasSource("Chain.Independent.g.cs"));
            AssertGoodGeneratedAndNoErrorsInGeneratedCode(run);
        }

        [Fact]
        public void FixingTheCallee_BringsBackItsCallers()
        {
            const string Before = "static double Helper(double v) => v * v;";
            var bad = new SourceFile("/src/Bad.cs", Prelude + @"public static partial class Chain
{
    " + Before + @"

    [Differentiable]
    public static double Leaf(double x) => Helper(x);

    [Differentiable]
    public static double Top(double x) => Math.Exp(Leaf(x));
}
");
            var compilation = Harness.Compilation(new SourceFile("/src/Good.cs", Good), bad);
            var first = Harness.Run(compilation);
            Assert.False(first.HasSource("Chain.Top.g.cs"));
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath == bad.Path);
            var fixedTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(bad.Text.Replace(Before, "[Differentiable] " + Before), System.Text.Encoding.UTF8));
            var second = Harness.Run(compilation.ReplaceSyntaxTree(tree, fixedTree), first.Driver);
            Assert.True(second.GeneratorDiagnostics.IsEmpty, Harness.Format(second.GeneratorDiagnostics));
            Assert.True(second.HasSource("Chain.Helper.g.cs") && second.HasSource("Chain.Leaf.g.cs") && second.HasSource("Chain.Top.g.cs"), string.Join(", ", second.HintNames));
            Assert.True(second.OutputDiagnostics.IsEmpty, Harness.Format(second.OutputDiagnostics));
        }

        [Fact]
        public void FileLocalType_IsDiagnosed_AndGetsNoCompanions()
        {
            var (source, spans) = Markup.Parse(Prelude + @"file static partial class [|Hidden|]
{
    [Differentiable]
    public static double F(double x) => x * x;
}
");
            var run = Harness.Run(new SourceFile("/src/Good.cs", Good), new SourceFile("/src/Bad.cs", source));
            var d = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG0017", d.Id);
            Assert.Equal(spans.Single(), d.Location.SourceSpan);
            Assert.Contains("file-local", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.DoesNotContain(run.HintNames, h => h.Contains("Hidden", StringComparison.Ordinal));
            AssertGoodGeneratedAndNoErrorsInGeneratedCode(run);
        }

        [Fact]
        public void KeywordAndUnicodeNames_CompileInTheGeneratedFile()
        {
            var run = Run(@"namespace @event.Modèle
{
    public static partial class @class
    {
        [Differentiable]
        public static double Énergie(double @in, double @class, double[] @params)
        {
            double @double = @in * @class;
            double σ = 0;
            foreach (var @var in @params) σ += @var * @double;
            return σ + @double * @double;
        }
    }
}
");
            Assert.True(run.GeneratorDiagnostics.IsEmpty, Harness.Format(run.GeneratorDiagnostics));
            Assert.True(run.HasSource("class.Énergie.g.cs"), string.Join(", ", run.HintNames));
            string source = run.Source("class.Énergie.g.cs");
            Assert.Contains("namespace @event.Modèle", source, StringComparison.Ordinal);
            Assert.Contains("double @in, double @class", source, StringComparison.Ordinal);
            Assert.True(run.OutputDiagnostics.IsEmpty, Harness.Format(run.OutputDiagnostics) + "\n" + source);
        }
    }
}
