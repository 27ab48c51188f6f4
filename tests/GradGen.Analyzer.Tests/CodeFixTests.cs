using System.Threading.Tasks;
using GradGen.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace GradGen.Analyzer.Tests
{
    /// <summary>
    /// Code fixes through the Roslyn code-fix test kit: the before source marks the analyzer's
    /// diagnostics (<c>{|GG0001:span|}</c>); the kit applies the fix (one at a time, and through
    /// the fix-all provider when there is one), compares every file with the after sources and
    /// checks the after sources carry exactly the diagnostics they mark (usually none).
    /// </summary>
    public class CodeFixTests
    {
        private const string TestPath = Harness.TestPath;

        private static Task VerifyAsync<TFix>(string before, string after, int iterations = 1, CodeFixTestBehaviors behaviors = CodeFixTestBehaviors.None)
            where TFix : CodeFixProvider, new()
        {
            // An after source equal to the before source means no fix is offered.
            if (before == after) iterations = 0;
            var test = new CodeFixTest<TFix> { NumberOfIncrementalIterations = iterations, NumberOfFixAllIterations = iterations <= 1 ? iterations : (int?)null, CodeFixTestBehaviors = behaviors };
            test.TestState.Sources.Add((TestPath, before));
            test.FixedState.Sources.Add((TestPath, after));
            // Diagnostics marked in the after source are expected there (by default the kit ignores fixable ones).
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            return test.RunAsync();
        }

        // GG0001 is reported at the type from the method's analysis (a type can hold several
        // [Differentiable] methods), so the kit sees it as non-local; the fix only edits that type.
        private const CodeFixTestBehaviors NonLocal = CodeFixTestBehaviors.SkipLocalDiagnosticCheck;

        [Fact]
        public Task GG0001_MakesTheTypePartial() => VerifyAsync<MakePartialCodeFixProvider>(@"using GradGen;

public static class {|GG0001:C|}
{
    /// <summary>Square.</summary>
    [Differentiable]
    public static double F(double x) => x * x;
}
", @"using GradGen;

public static partial class C
{
    /// <summary>Square.</summary>
    [Differentiable]
    public static double F(double x) => x * x;
}
", behaviors: NonLocal);

        [Fact]
        public Task GG0001_TypeWithoutModifiersKeepsItsLayout() => VerifyAsync<MakePartialCodeFixProvider>(@"using GradGen;

partial class Outer
{
    // A nested type with no modifier.
    class {|GG0001:Inner|}
    {
        [Differentiable]
        static double F(double x) => x * x;
    }
}
", @"using GradGen;

partial class Outer
{
    // A nested type with no modifier.
    partial class Inner
    {
        [Differentiable]
        static double F(double x) => x * x;
    }
}
", behaviors: NonLocal);

        [Fact]
        public Task GG0008_MarksACalleeInTheSameFileDifferentiable() => VerifyAsync<AddDifferentiableCodeFixProvider>(@"using System;
using GradGen;

public static partial class C
{
    /// <summary>A helper.</summary>
    static double Helper(double v) => v * Math.Exp(v);

    [Differentiable]
    public static double F(double x) => {|GG0008:Helper(x)|} + 1;
}
", @"using System;
using GradGen;

public static partial class C
{
    /// <summary>A helper.</summary>
    [Differentiable]
    static double Helper(double v) => v * Math.Exp(v);

    [Differentiable]
    public static double F(double x) => Helper(x) + 1;
}
");

        [Fact]
        public Task GG0008_MarksACalleeInAnotherFileAddingUsingAndPartial()
        {
            const string caller = @"using GradGen;

namespace App
{
    public static partial class Model
    {
        [Differentiable]
        public static double Loss(double x) => {|GG0008:Lib.Helpers.Cube(x)|};
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
            var test = new CodeFixTest<AddDifferentiableCodeFixProvider>();
            test.TestState.Sources.Add((TestPath, caller));
            test.TestState.Sources.Add(("/src/Helpers.cs", calleeBefore));
            test.FixedState.Sources.Add((TestPath, caller.Replace("{|GG0008:", "").Replace("|}", "")));
            test.FixedState.Sources.Add(("/src/Helpers.cs", calleeAfter));
            return test.RunAsync();
        }

        [Fact]
        public Task GG0008_NoFixForAMethodOutsideTheSolution()
        {
            const string source = @"using System;
using GradGen;

public static partial class C
{
    [Differentiable]
    public static double F(double x) => {|GG0008:Math.IEEERemainder(x, 2.0)|};
}
";
            return VerifyAsync<AddDifferentiableCodeFixProvider>(source, source);
        }

        [Fact]
        public Task GG0018_ReplacesTheStringWithNameof() => VerifyAsync<UseNameofCodeFixProvider>(@"using GradGen;

public static partial class C
{
    [Differentiable({|GG0018:""x""|}, nameof(y))]
    public static double F(double x, double y, double z) => x * y * z;
}
", @"using GradGen;

public static partial class C
{
    [Differentiable(nameof(x), nameof(y))]
    public static double F(double x, double y, double z) => x * y * z;
}
");

        [Fact]
        public Task GG0018_KeywordParameterNameIsEscaped() => VerifyAsync<UseNameofCodeFixProvider>(
            "using GradGen;\npublic static partial class C\n{\n    [Differentiable({|GG0018:\"double\"|})]\n    public static double F(double @double) => @double * @double;\n}\n",
            "using GradGen;\npublic static partial class C\n{\n    [Differentiable(nameof(@double))]\n    public static double F(double @double) => @double * @double;\n}\n");

        [Fact]
        public Task GG0021_ReordersTheWrtListToDeclarationOrder() => VerifyAsync<ReorderWrtCodeFixProvider>(@"using System;
using GradGen;

public static partial class Options
{
    [{|GG0021:Differentiable(nameof(spot), /* volatility */ nameof(vol), nameof(rate))|}]
    public static double Price(double spot, double rate, double vol) => spot * Math.Exp(-rate) * vol;
}
", @"using System;
using GradGen;

public static partial class Options
{
    [Differentiable(nameof(spot), /* volatility */ nameof(rate), nameof(vol))]
    public static double Price(double spot, double rate, double vol) => spot * Math.Exp(-rate) * vol;
}
");

        private const string ReorderBefore = "using GradGen;\npublic static partial class C\n{\n    [{|GG0021:Differentiable(new[] { nameof(c), nameof(a) })|}]\n    public static double F(double a, double b, double c) => a * b * c;\n"
            + "    [{|GG0021:Differentiable([nameof(y), nameof(x)])|}]\n    public static double G(double x, double y) => x * y;\n}\n";

        [Fact]
        public Task GG0021_ReordersArraysAndCollectionExpressions_OneAtATime() => VerifyAsync<ReorderWrtCodeFixProvider>(ReorderBefore,
            "using GradGen;\npublic static partial class C\n{\n    [Differentiable(new[] { nameof(a), nameof(c) })]\n    public static double F(double a, double b, double c) => a * b * c;\n"
            + "    [{|GG0021:Differentiable([nameof(y), nameof(x)])|}]\n    public static double G(double x, double y) => x * y;\n}\n",
            behaviors: CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck);

        [Fact]
        public Task GG0021_ReordersArraysAndCollectionExpressions() => VerifyAsync<ReorderWrtCodeFixProvider>(ReorderBefore,
            "using GradGen;\npublic static partial class C\n{\n    [Differentiable(new[] { nameof(a), nameof(c) })]\n    public static double F(double a, double b, double c) => a * b * c;\n"
            + "    [Differentiable([nameof(x), nameof(y)])]\n    public static double G(double x, double y) => x * y;\n}\n",
            iterations: 2);

        [Fact]
        public Task GG0022_SigmoidBecomesGradMathSigmoid_AddingTheUsing() => VerifyAsync<UseGradMathCodeFixProvider>(@"using System;

namespace N
{
    public static partial class C
    {
        [GradGen.Differentiable]
        public static double F(double u, double v) => 2 * ({|GG0022:1.0 / (1.0 + Math.Exp(-(u * v)))|}) + v;
    }
}
", @"using System;
using GradGen;

namespace N
{
    public static partial class C
    {
        [GradGen.Differentiable]
        public static double F(double u, double v) => 2 * (GradMath.Sigmoid(u * v)) + v;
    }
}
");

        [Fact]
        public Task GG0022_SoftplusAndTheOtherSigmoidForms() => VerifyAsync<UseGradMathCodeFixProvider>(@"using System;
using GradGen;

public static partial class C
{
    [Differentiable]
    public static double F(double x) => {|GG0022:Math.Log(Math.Exp(x) + 1)|} /* keep */ + x;

    [Differentiable]
    public static double G(double x) => {|GG0022:Math.Exp(x) / (Math.Exp(x) + 1.0)|};

    [Differentiable]
    public static double H(double x, double y) => {|GG0022:1.0 / (1.0 + Math.Exp(x - y))|};
}
", @"using System;
using GradGen;

public static partial class C
{
    [Differentiable]
    public static double F(double x) => GradMath.Softplus(x) /* keep */ + x;

    [Differentiable]
    public static double G(double x) => GradMath.Sigmoid(x);

    [Differentiable]
    public static double H(double x, double y) => GradMath.Sigmoid(-(x - y));
}
", iterations: 3);

        [Fact]
        public Task GG0022_QualifiesWhenAnotherGradMathIsInScope() => VerifyAsync<UseGradMathCodeFixProvider>(@"using System;

public static class GradMath { public static double Square(double x) => x * x; }

public static partial class C
{
    [GradGen.Differentiable]
    public static double F(double x) => {|GG0022:Math.Log(1.0 + Math.Exp(x))|};
}
", @"using System;

public static class GradMath { public static double Square(double x) => x * x; }

public static partial class C
{
    [GradGen.Differentiable]
    public static double F(double x) => global::GradGen.GradMath.Softplus(x);
}
");

        [Fact]
        public Task GG0022_AnIntegerArgumentKeepsDoublePrecision() => VerifyAsync<UseGradMathCodeFixProvider>(
            "using System;\nusing GradGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F(double x, int n) => x * {|GG0022:Math.Log(1 + Math.Exp(n))|};\n}\n",
            "using System;\nusing GradGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F(double x, int n) => x * GradMath.Softplus((double)(n));\n}\n");

        [Fact]
        public Task GG0022_LogSumExpHasNoFix()
        {
            const string source = "using System;\nusing GradGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F(double a, double b) => {|GG0022:Math.Log(Math.Exp(a) + Math.Exp(b))|};\n}\n";
            return VerifyAsync<UseGradMathCodeFixProvider>(source, source);
        }
    }
}
