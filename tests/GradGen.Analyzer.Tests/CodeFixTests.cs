using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GradGen.Analyzer.Tests
{
    /// <summary>
    /// Code fixes applied as the IDE does: a workspace project, the analyzer's diagnostic, the
    /// provider's first code action, its operations applied; then the text of every file compared.
    /// </summary>
    public class CodeFixTests
    {
        private static Solution CreateSolution(params (string Path, string Source)[] files)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Test", "Test", LanguageNames.CSharp,
                compilationOptions: Harness.CompilationOptions,
                parseOptions: Harness.ParseOptions,
                metadataReferences: Harness.References));
            foreach (var (path, source) in files)
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(source), filePath: path);
            return solution;
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Solution solution)
        {
            var compilation = await solution.Projects.Single().GetCompilationAsync(CancellationToken.None);
            return Harness.Analyze(compilation!);
        }

        /// <summary>The titles of the actions <paramref name="fix"/> offers for the first <paramref name="id"/> diagnostic.</summary>
        private static async Task<(Solution Solution, List<CodeAction> Actions, Diagnostic Diagnostic)> ActionsAsync(CodeFixProvider fix, string id, params (string Path, string Source)[] files)
        {
            var solution = CreateSolution(files);
            var diagnostics = await AnalyzeAsync(solution);
            var diagnostic = diagnostics.FirstOrDefault(d => d.Id == id);
            Assert.True(diagnostic is not null, "No " + id + " to fix; the analyzer reported:\n" + Harness.Format(diagnostics));
            Assert.Contains(id, fix.FixableDiagnosticIds);
            var document = solution.GetDocument(diagnostic!.Location.SourceTree)!;
            Assert.NotNull(document);
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await fix.RegisterCodeFixesAsync(context);
            return (solution, actions, diagnostic);
        }

        /// <summary>Applies the first fix for the first <paramref name="id"/> diagnostic and returns every file's new text.</summary>
        private static async Task<(Dictionary<string, string> Files, Solution Solution)> ApplyAsync(CodeFixProvider fix, string id, params (string Path, string Source)[] files)
        {
            var (_, actions, _) = await ActionsAsync(fix, id, files);
            Assert.NotEmpty(actions);
            var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            var result = new Dictionary<string, string>();
            foreach (var document in changed.Projects.Single().Documents)
                result[document.FilePath!] = (await document.GetTextAsync()).ToString();
            return (result, changed);
        }

        [Fact]
        public async Task GG0001_MakesTheTypePartial()
        {
            const string before = @"using GradGen;

public static class C
{
    /// <summary>Square.</summary>
    [Differentiable]
    public static double F(double x) => x * x;
}
";
            const string after = @"using GradGen;

public static partial class C
{
    /// <summary>Square.</summary>
    [Differentiable]
    public static double F(double x) => x * x;
}
";
            var (files, solution) = await ApplyAsync(new MakePartialCodeFixProvider(), "GG0001", (Harness.TestPath, before));
            Assert.Equal(after, files[Harness.TestPath]);
            Assert.DoesNotContain(await AnalyzeAsync(solution), d => d.Id == "GG0001");
        }

        [Fact]
        public async Task GG0001_TypeWithoutModifiersKeepsItsLayout()
        {
            const string before = @"using GradGen;

partial class Outer
{
    // A nested type with no modifier.
    class Inner
    {
        [Differentiable]
        static double F(double x) => x * x;
    }
}
";
            const string after = @"using GradGen;

partial class Outer
{
    // A nested type with no modifier.
    partial class Inner
    {
        [Differentiable]
        static double F(double x) => x * x;
    }
}
";
            var (files, _) = await ApplyAsync(new MakePartialCodeFixProvider(), "GG0001", (Harness.TestPath, before));
            Assert.Equal(after, files[Harness.TestPath]);
        }

        [Fact]
        public async Task GG0008_MarksACalleeInTheSameFileDifferentiable()
        {
            const string before = @"using System;
using GradGen;

public static partial class C
{
    /// <summary>A helper.</summary>
    static double Helper(double v) => v * Math.Exp(v);

    [Differentiable]
    public static double F(double x) => Helper(x) + 1;
}
";
            const string after = @"using System;
using GradGen;

public static partial class C
{
    /// <summary>A helper.</summary>
    [Differentiable]
    static double Helper(double v) => v * Math.Exp(v);

    [Differentiable]
    public static double F(double x) => Helper(x) + 1;
}
";
            var (files, solution) = await ApplyAsync(new AddDifferentiableCodeFixProvider(), "GG0008", (Harness.TestPath, before));
            Assert.Equal(after, files[Harness.TestPath]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0008_MarksACalleeInAnotherFileAddingUsingAndPartial()
        {
            const string caller = @"using GradGen;

namespace App
{
    public static partial class Model
    {
        [Differentiable]
        public static double Loss(double x) => Lib.Helpers.Cube(x);
    }
}
";
            const string calleeBefore = @"// Helpers for the model.
namespace Lib
{
    public static class Helpers
    {
        public static double Cube(double v)
        {
            return v * v * v;
        }
    }
}
";
            const string calleeAfter = @"// Helpers for the model.
using GradGen;

namespace Lib
{
    public static partial class Helpers
    {
        [Differentiable]
        public static double Cube(double v)
        {
            return v * v * v;
        }
    }
}
";
            var (files, solution) = await ApplyAsync(new AddDifferentiableCodeFixProvider(), "GG0008", (Harness.TestPath, caller), ("/src/Helpers.cs", calleeBefore));
            Assert.Equal(caller, files[Harness.TestPath]);
            Assert.Equal(calleeAfter, files["/src/Helpers.cs"]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0008_NoFixForAMethodOutsideTheSolution()
        {
            const string source = @"using System;
using GradGen;

public static partial class C
{
    [Differentiable]
    public static double F(double x) => Math.IEEERemainder(x, 2.0);
}
";
            var (_, actions, _) = await ActionsAsync(new AddDifferentiableCodeFixProvider(), "GG0008", (Harness.TestPath, source));
            Assert.Empty(actions);
        }

        [Fact]
        public async Task GG0018_ReplacesTheStringWithNameof()
        {
            const string before = @"using GradGen;

public static partial class C
{
    [Differentiable(""x"", nameof(y))]
    public static double F(double x, double y, double z) => x * y * z;
}
";
            const string after = @"using GradGen;

public static partial class C
{
    [Differentiable(nameof(x), nameof(y))]
    public static double F(double x, double y, double z) => x * y * z;
}
";
            var (files, solution) = await ApplyAsync(new UseNameofCodeFixProvider(), "GG0018", (Harness.TestPath, before));
            Assert.Equal(after, files[Harness.TestPath]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0018_KeywordParameterNameIsEscaped()
        {
            const string before = "using GradGen;\npublic static partial class C\n{\n    [Differentiable(\"double\")]\n    public static double F(double @double) => @double * @double;\n}\n";
            const string after = "using GradGen;\npublic static partial class C\n{\n    [Differentiable(nameof(@double))]\n    public static double F(double @double) => @double * @double;\n}\n";
            var (files, solution) = await ApplyAsync(new UseNameofCodeFixProvider(), "GG0018", (Harness.TestPath, before));
            Assert.Equal(after, files[Harness.TestPath]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0021_ReordersTheWrtListToDeclarationOrder()
        {
            const string before = @"using System;
using GradGen;

public static partial class Options
{
    [Differentiable(nameof(spot), /* volatility */ nameof(vol), nameof(rate))]
    public static double Price(double spot, double rate, double vol) => spot * Math.Exp(-rate) * vol;
}
";
            const string after = @"using System;
using GradGen;

public static partial class Options
{
    [Differentiable(nameof(spot), /* volatility */ nameof(rate), nameof(vol))]
    public static double Price(double spot, double rate, double vol) => spot * Math.Exp(-rate) * vol;
}
";
            var (files, solution) = await ApplyAsync(new ReorderWrtCodeFixProvider(), "GG0021", (Harness.TestPath, before));
            Assert.Equal(after, files[Harness.TestPath]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0021_ReordersArraysAndCollectionExpressions()
        {
            const string before = "using GradGen;\npublic static partial class C\n{\n    [Differentiable(new[] { nameof(c), nameof(a) })]\n    public static double F(double a, double b, double c) => a * b * c;\n"
                + "    [Differentiable([nameof(y), nameof(x)])]\n    public static double G(double x, double y) => x * y;\n}\n";
            const string middle = "using GradGen;\npublic static partial class C\n{\n    [Differentiable(new[] { nameof(a), nameof(c) })]\n    public static double F(double a, double b, double c) => a * b * c;\n"
                + "    [Differentiable([nameof(y), nameof(x)])]\n    public static double G(double x, double y) => x * y;\n}\n";
            const string after = "using GradGen;\npublic static partial class C\n{\n    [Differentiable(new[] { nameof(a), nameof(c) })]\n    public static double F(double a, double b, double c) => a * b * c;\n"
                + "    [Differentiable([nameof(x), nameof(y)])]\n    public static double G(double x, double y) => x * y;\n}\n";
            var (files, _) = await ApplyAsync(new ReorderWrtCodeFixProvider(), "GG0021", (Harness.TestPath, before));
            Assert.Equal(middle, files[Harness.TestPath]);
            var (files2, solution) = await ApplyAsync(new ReorderWrtCodeFixProvider(), "GG0021", (Harness.TestPath, middle));
            Assert.Equal(after, files2[Harness.TestPath]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0022_SigmoidBecomesGradMathSigmoid_AddingTheUsing()
        {
            const string before = @"using System;

namespace N
{
    public static partial class C
    {
        [GradGen.Differentiable]
        public static double F(double u, double v) => 2 * (1.0 / (1.0 + Math.Exp(-(u * v)))) + v;
    }
}
";
            const string after = @"using System;
using GradGen;

namespace N
{
    public static partial class C
    {
        [GradGen.Differentiable]
        public static double F(double u, double v) => 2 * (GradMath.Sigmoid(u * v)) + v;
    }
}
";
            var (files, solution) = await ApplyAsync(new UseGradMathCodeFixProvider(), "GG0022", (Harness.TestPath, before));
            Assert.Equal(after, files[Harness.TestPath]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0022_SoftplusAndTheOtherSigmoidForms()
        {
            const string before = @"using System;
using GradGen;

public static partial class C
{
    [Differentiable]
    public static double F(double x) => Math.Log(Math.Exp(x) + 1) /* keep */ + x;

    [Differentiable]
    public static double G(double x) => Math.Exp(x) / (Math.Exp(x) + 1.0);

    [Differentiable]
    public static double H(double x, double y) => 1.0 / (1.0 + Math.Exp(x - y));
}
";
            var (files, _) = await ApplyAsync(new UseGradMathCodeFixProvider(), "GG0022", (Harness.TestPath, before));
            Assert.Contains("public static double F(double x) => GradMath.Softplus(x) /* keep */ + x;", files[Harness.TestPath]);
            string second = files[Harness.TestPath];
            var (files2, _) = await ApplyAsync(new UseGradMathCodeFixProvider(), "GG0022", (Harness.TestPath, second));
            Assert.Contains("public static double G(double x) => GradMath.Sigmoid(x);", files2[Harness.TestPath]);
            var (files3, solution) = await ApplyAsync(new UseGradMathCodeFixProvider(), "GG0022", (Harness.TestPath, files2[Harness.TestPath]));
            Assert.Contains("public static double H(double x, double y) => GradMath.Sigmoid(-(x - y));", files3[Harness.TestPath]);
            Assert.DoesNotContain("using GradGen;\nusing GradGen;", files3[Harness.TestPath].Replace("\r\n", "\n"));
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0022_QualifiesWhenAnotherGradMathIsInScope()
        {
            const string before = @"using System;

public static class GradMath { public static double Square(double x) => x * x; }

public static partial class C
{
    [GradGen.Differentiable]
    public static double F(double x) => Math.Log(1.0 + Math.Exp(x));
}
";
            var (files, solution) = await ApplyAsync(new UseGradMathCodeFixProvider(), "GG0022", (Harness.TestPath, before));
            Assert.Contains("public static double F(double x) => global::GradGen.GradMath.Softplus(x);", files[Harness.TestPath]);
            Assert.DoesNotContain("using GradGen;", files[Harness.TestPath]);
            Assert.Empty(await AnalyzeAsync(solution));
        }

        [Fact]
        public async Task GG0022_AnIntegerArgumentKeepsDoublePrecision()
        {
            const string before = "using System;\nusing GradGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F(double x, int n) => x * Math.Log(1 + Math.Exp(n));\n}\n";
            var (files, _) = await ApplyAsync(new UseGradMathCodeFixProvider(), "GG0022", (Harness.TestPath, before));
            Assert.Contains("=> x * GradMath.Softplus((double)(n));", files[Harness.TestPath]);
        }

        [Fact]
        public async Task GG0022_LogSumExpHasNoFix()
        {
            const string source = "using System;\nusing GradGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F(double a, double b) => Math.Log(Math.Exp(a) + Math.Exp(b));\n}\n";
            var (_, actions, _) = await ActionsAsync(new UseGradMathCodeFixProvider(), "GG0022", (Harness.TestPath, source));
            Assert.Empty(actions);
        }
    }
}
