using System;
using System.Linq;
using GradGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Analyzer.Tests
{
    /// <summary>
    /// The analyzer is GradGen's one reporter (live in the IDE and in the build) and agrees with what
    /// the generator generates, because they run the same stages; a file full of mistakes still
    /// generates its valid methods.
    /// </summary>
    public class ParityTests
    {
        /// <summary>One of each bad construct, plus valid methods, all of which compile as C#.</summary>
        public const string Catalogue = @"using System;
using System.Linq;
using GradGen;

public static partial class Valid
{
    [Differentiable]
    public static double Square(double x) => x * x;

    [Differentiable(nameof(w))]
    public static double Dot(double[] w, double[] x)
    {
        double s = 0;
        for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
        return Math.Log(1 + Math.Exp(-s)) + Square(w[0]);
    }
}

public static class NotPartial
{
    [Differentiable] public static double G0001(double x) => x;
}

public static partial class Bad
{
    static double field;
    static double Helper(double v) => v;
    public static int G0014Gradient;

    [Differentiable(nameof(x), ""nope"")] public static double G0002(double x) => x;
    [Differentiable(nameof(x), nameof(n))] public static double G0003(double x, int n) => x * n;
    [Differentiable] public static decimal G0004(double x) => (decimal)x;
    [Differentiable] public static double G0005(double x, ref double r) => x + r;
    [Differentiable] public static async System.Threading.Tasks.Task<double> G0006(double x) { await System.Threading.Tasks.Task.Yield(); return x; }
    [Differentiable] public static System.Collections.Generic.IEnumerable<double> G0006b(double x) { yield return x; }
    [Differentiable] public static double G0007<T>(double x) => x;
    [Differentiable] public static double G0008(double x) => Helper(x);
    [Differentiable] public static double G0009(double x) { double s = x; try { s = 2 * s; } finally { } lock (typeof(Bad)) { } goto end; end: return s; }
    [Differentiable] public static double G0010(double[] xs, dynamic d) { Func<double, double> f = v => v; double a = xs.Sum(); var q = from v in xs select v; unsafe { } double t = d; return a + t; }
    [Differentiable] public static double G0011(double x) { field = x; return x; }
    [Differentiable] public static double G0012(double[] w) { w[0] = 1; return w[0]; }
    [Differentiable] public static double G0013(double x) { int k = (int)x; return x * k + Math.Floor(x); }
    [Differentiable] public static double G0014(double x) => x;
    [Differentiable] public static double G0015(int n) => n;
    [Differentiable] public static double G0016(double x) { double y = 0; double z = (y = x); return z; }
    [Differentiable(""x"")] public static double G0018(double x) => x * x;
    [Differentiable] public static double G0019(double w, double W) => w * W;
    [Differentiable(nameof(y), nameof(x))] public static double G0021(double x, double y) => x * y;
    [Differentiable] public static double G9999__GradGenInjectFault(double x) => x;
}
";

        [Fact]
        public void EachDiagnosticIsReportedOnce_ByTheAnalyzer_AndAnErrorMeansNoFile()
        {
            var compilation = Harness.Compile((Harness.TestPath, Catalogue), ("/src/Second.cs", SecondFile));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            // A command-line build runs both: the generator first, then the analyzers on its output.
            var (fromGenerator, result, output) = Harness.Generate(compilation);
            var fromAnalyzer = Harness.Analyze(output);
            Assert.True(fromGenerator.IsEmpty, "The generator reports nothing itself:\n" + Harness.Format(fromGenerator));
            // GG0022 is an IDE suggestion only the analyzer checks (Descriptors.AnalyzerOnly); Valid.Dot has one.
            Assert.Contains(fromAnalyzer, d => d.Id == "GG0022");

            static string Key(Diagnostic d) => d.Id + " " + d.Location.GetLineSpan().Path + " " + d.Location.SourceSpan + " " + Harness.Message(d);
            var repeated = fromGenerator.Concat(fromAnalyzer).GroupBy(Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, "Reported more than once:\n  " + string.Join("\n  ", repeated));
            // The analyzer sees the same thing with or without the generated files.
            Assert.Equal(Harness.Analyze(compilation).Select(Key), fromAnalyzer.Select(Key));

            // Every id of the catalogue but GG0017 (construct-specific, see DiagnosticTests) is exercised; GG0022 (an
            // IDE suggestion, Valid.Dot has one) too.
            var ids = fromAnalyzer.Select(d => d.Id).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
            var expected = new[]
            {
                "GG0001", "GG0002", "GG0003", "GG0004", "GG0005", "GG0006", "GG0007", "GG0008", "GG0009", "GG0010",
                "GG0011", "GG0012", "GG0013", "GG0014", "GG0015", "GG0016", "GG0018", "GG0019", "GG0021", "GG0022", "GG9999",
            };
            Assert.Equal(expected, ids);
            // Each bad method's diagnostics are inside that method's own text (or its type's name for GG0001).
            Assert.All(fromAnalyzer, d => Assert.Equal(Harness.TestPath, d.Location.SourceTree?.FilePath));

            // A method has a generated file exactly when the analyzer reports no error for it.
            var hints = result.GeneratedSources.Select(s => s.HintName).ToList();
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Where(m => m.AttributeLists.Count > 0))
                {
                    var type = (Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax)method.Parent!;
                    bool hasError = fromAnalyzer.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree
                        && (method.Span.Contains(d.Location.SourceSpan) || type.Identifier.Span == d.Location.SourceSpan));
                    bool generated = hints.Contains(type.Identifier.ValueText + "." + method.Identifier.ValueText + ".g.cs");
                    Assert.True(hasError != generated, method.Identifier.ValueText + ": error " + hasError + ", generated " + generated);
                }
            }
        }

        private const string SecondFile = @"using GradGen;
public static partial class Other
{
    [Differentiable] public static double Cube(double x) => x * x * x;
}
";

        [Fact]
        public void ValidMethodsStillGenerate()
        {
            var compilation = Harness.Compile((Harness.TestPath, Catalogue), ("/src/Second.cs", SecondFile));
            var (_, result, output) = Harness.Generate(compilation);
            var hints = result.GeneratedSources.Select(s => s.HintName).ToList();
            Assert.Contains("Valid.Square.g.cs", hints);
            Assert.Contains("Valid.Dot.g.cs", hints);
            Assert.Contains("Other.Cube.g.cs", hints);
            // G0013 only warns: it is generated too. G0018 and G0021 (warnings) as well.
            Assert.Contains("Bad.G0013.g.cs", hints);
            Assert.Contains("Bad.G0018.g.cs", hints);
            Assert.Contains("Bad.G0021.g.cs", hints);
            var warningsOnly = new[] { "Bad.G0013", "Bad.G0018", "Bad.G0021" };
            Assert.DoesNotContain(hints, h => h.StartsWith("Bad.G00", StringComparison.Ordinal) && !warningsOnly.Any(w => h.StartsWith(w, StringComparison.Ordinal)));

            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The output compilation has errors:\n" + Harness.Format(errors));
            var valid = output.GetTypeByMetadataName("Valid")!;
            Assert.NotEmpty(valid.GetMembers("SquareGradient"));
            Assert.NotEmpty(valid.GetMembers("DotPullback"));
        }
    }
}
