using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// Every GGxxxx the generator raises today: id, severity, span (from <c>[|…|]</c> markup) and a
    /// message that names the construct. The offending method generates nothing (for an error) while
    /// a valid method of the same compilation still generates and compiles.
    /// </summary>
    public sealed class DiagnosticTests
    {
        private const string BadPath = "/src/Bad.cs";
        private const string GoodHint = "Good.Ok.g.cs";

        private const string Prelude = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing GradGen;\n\n";

        private const string GoodSource = Prelude + @"public static partial class Good
{
    [Differentiable]
    public static double Ok(double x, double y) => x * y + Math.Sin(x);
}
";

        /// <summary>Wraps members into <c>public static partial class C</c>.</summary>
        private static string InC(string members) => Prelude + "public static partial class C\n{\n" + members + "\n}\n";

        /// <param name="badMarkup">The source of Bad.cs with one or more [|spans|], each expecting <paramref name="id"/>.</param>
        /// <param name="messageContains">Fragments the message must contain (the construct's name).</param>
        /// <param name="badMethodGenerated">True for a warning: the method still generates.</param>
        /// <param name="alsoAllowed">Other ids the generator may report as well (anywhere).</param>
        private static GeneratorRun Expect(string badMarkup, string id, DiagnosticSeverity severity, string[] messageContains,
            bool badMethodGenerated = false, string[]? alsoAllowed = null, string badMethod = "Bad", string[][]? spanFragments = null)
        {
            var (badSource, spans) = Markup.Parse(badMarkup);
            Assert.NotEmpty(spans);
            var run = Harness.Run(new SourceFile("/src/Good.cs", GoodSource), new SourceFile(BadPath, badSource));

            // The test's input is valid C#: whatever is reported comes from GradGen.
            var inputErrors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(inputErrors.Count == 0, "The test source does not compile:\n" + Harness.Format(inputErrors));

            string all = "Generator diagnostics:\n" + Harness.Format(run.GeneratorDiagnostics);
            foreach (var generated in run.GeneratedSources.Where(g => g.HintName.Contains("." + badMethod, StringComparison.Ordinal)))
                all += "\nGenerated " + generated.HintName + ":\n" + generated.SourceText;
            for (int k = 0; k < spans.Length; k++)
            {
                var span = spans[k];
                var atSpan = run.GeneratorDiagnostics
                    .Where(d => d.Id == id && d.Location.GetLineSpan().Path == BadPath && d.Location.SourceSpan == span)
                    .ToList();
                Assert.True(atSpan.Count == 1,
                    "Expected exactly one " + id + " at [" + span.Start + ".." + span.End + "] '" + badSource.Substring(span.Start, span.Length) + "', found " + atSpan.Count + ".\n" + all);
                var d = atSpan[0];
                Assert.Equal(severity, d.Severity);
                string message = d.GetMessage(CultureInfo.InvariantCulture);
                foreach (var fragment in messageContains.Concat(spanFragments is null ? Array.Empty<string>() : spanFragments[k]))
                    Assert.True(message.Contains(fragment, StringComparison.Ordinal), id + " message does not mention '" + fragment + "': " + message);
            }

            foreach (var d in run.GeneratorDiagnostics)
            {
                // An argument count that does not match the format leaves the placeholders unformatted.
                string message = d.GetMessage(CultureInfo.InvariantCulture);
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(message, @"\{\d+\}"), d.Id + " message is not formatted: " + message);
            }

            var unexpected = run.GeneratorDiagnostics
                .Where(d => !(d.Id == id && spans.Contains(d.Location.SourceSpan) && d.Location.GetLineSpan().Path == BadPath))
                .Where(d => alsoAllowed is null || !alsoAllowed.Contains(d.Id))
                .ToList();
            Assert.True(unexpected.Count == 0, "Unexpected generator diagnostics:\n" + Harness.Format(unexpected));

            Assert.True(run.HasSource(GoodHint), "The valid method in the same compilation was not generated. Generated: [" + string.Join(", ", run.HintNames) + "]\n" + all);
            var badFiles = run.HintNames.Where(h => h.EndsWith("." + badMethod + ".g.cs", StringComparison.Ordinal) || h.Contains("." + badMethod + "_", StringComparison.Ordinal)).ToList();
            if (badMethodGenerated)
                Assert.True(badFiles.Count == 1, "The method with a warning must still be generated. Generated: [" + string.Join(", ", run.HintNames) + "]");
            else
                Assert.True(badFiles.Count == 0, "The method with an error must not be generated, but got: " + string.Join(", ", badFiles));

            Assert.True(run.ErrorsInGeneratedCode.IsEmpty, "Errors in generated code:\n" + Harness.Format(run.ErrorsInGeneratedCode));
            return run;
        }

        private static void Error(string badMarkup, string id, params string[] messageContains)
            => Expect(badMarkup, id, DiagnosticSeverity.Error, messageContains);

        // ----- GG0001 type not partial -----

        [Fact]
        public void GG0001_TypeNotPartial()
            => Error(Prelude + @"public static class [|C|]
{
    [Differentiable]
    public static double Bad(double x) => x * x;
}
", "GG0001", "'C'", "'Bad'", "partial");

        [Fact]
        public void GG0001_ContainingTypeNotPartial()
            => Error(Prelude + @"public class [|Outer|]
{
    public static partial class Inner
    {
        [Differentiable]
        public static double Bad(double x) => x * x;
    }
}
", "GG0001", "'Outer'", "'Bad'");

        // ----- GG0002 wrt is not a parameter -----

        [Fact]
        public void GG0002_WrtNotAParameter()
            => Error(InC(@"    [Differentiable([|""z""|])]
    public static double Bad(double x) => x * x;"), "GG0002", "'z'", "'Bad'");

        // ----- GG0003 wrt of a non-differentiable type -----

        [Fact]
        public void GG0003_WrtOfIntParameter()
            => Error(InC(@"    [Differentiable(nameof(x), [|nameof(n)|])]
    public static double Bad(double x, int n) => x * n;"), "GG0003", "'n'", "'int'");

        // ----- GG0004 return type -----

        [Fact]
        public void GG0004_ReturnsInt()
            => Error(InC(@"    [Differentiable]
    public static [|int|] Bad(double x) => (int)x;"), "GG0004", "'Bad'", "int");

        [Fact]
        public void GG0004_VoidWithoutSpanOutput()
            => Error(InC(@"    [Differentiable]
    public static [|void|] Bad(double x)
    {
        double y = x * x;
    }"), "GG0004", "'Bad'", "void");

        // ----- GG0005 ref/out/in parameters -----

        [Theory]
        [InlineData("ref")]
        [InlineData("in")]
        public void GG0005_ByReferenceParameter(string modifier)
            => Error(InC(@"    [Differentiable]
    public static double Bad([|" + modifier + @" double x|]) => x * x;"), "GG0005", "'x'", "'" + modifier + "'");

        [Fact]
        public void GG0005_OutParameter()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x, [|out double y|])
    {
        y = x;
        return x * x;
    }"), "GG0005", "'y'", "'out'");

        // ----- GG0006 async / iterator -----

        [Fact]
        public void GG0006_Async()
            => Expect(InC(@"    [Differentiable]
    public static [|async|] Task<double> Bad(double x)
    {
        await Task.Yield();
        return x * x;
    }"), "GG0006", DiagnosticSeverity.Error, new[] { "'Bad'", "async" }, alsoAllowed: new[] { "GG0004" });

        [Fact]
        public void GG0006_Iterator()
            => Expect(InC(@"    [Differentiable]
    public static IEnumerable<double> Bad(double x)
    {
        [|yield return|] x * x;
    }"), "GG0006", DiagnosticSeverity.Error, new[] { "'Bad'", "iterator" }, alsoAllowed: new[] { "GG0004" });

        // ----- GG0007 generic -----

        [Fact]
        public void GG0007_GenericMethod()
            => Error(InC(@"    [Differentiable]
    public static double Bad[|<T>|](double x) => x * x;"), "GG0007", "'Bad'", "generic");

        [Fact]
        public void GG0007_MethodInGenericType()
            => Error(Prelude + @"public static partial class C<T>
{
    [Differentiable]
    public static double [|Bad|](double x) => x * x;
}
", "GG0007", "'Bad'", "generic");

        // ----- GG0008 call without a derivative on an active value -----

        private const string Helper = "    private static double Helper(double v) => v * 2;\n\n";

        [Fact]
        public void GG0008_UnknownCallInsideActiveArithmetic()
            => Error(InC(Helper + @"    [Differentiable]
    public static double Bad(double x)
    {
        return x * [|Helper(x)|];
    }"), "GG0008", "Helper");

        /// <summary>The call's result reaches the result only through a local: the derivative must still not be dropped.</summary>
        [Fact]
        public void GG0008_UnknownCallThroughLocal()
            => Error(InC(Helper + @"    [Differentiable]
    public static double Bad(double x)
    {
        double y = [|Helper(x)|];
        return y * y;
    }"), "GG0008", "Helper");

        [Fact]
        public void GG0008_UnknownCallAsTheWholeResult()
            => Error(InC(Helper + @"    [Differentiable]
    public static double Bad(double x)
    {
        return [|Helper(x)|];
    }"), "GG0008", "Helper");

        [Fact]
        public void GG0008_NotRaised_ForUnknownCallOnConstants()
        {
            var run = Harness.Run(new SourceFile("/src/Good.cs", GoodSource), new SourceFile(BadPath, InC(@"    private static double Helper(double v) => v * 2;

    [Differentiable(nameof(x))]
    public static double Fine(double x, double c)
    {
        double k = Helper(c);
        return k * x * x;
    }")));
            Assert.True(run.GeneratorDiagnostics.IsEmpty, Harness.Format(run.GeneratorDiagnostics));
            Assert.True(run.HasSource("C.Fine.g.cs"));
            Assert.True(run.OutputDiagnostics.IsEmpty, Harness.Format(run.OutputDiagnostics));
        }

        // ----- GG0009 unsupported statements -----

        // Statements that own a block are underlined from their keyword through their header;
        // one-line statements as a whole.

        [Fact]
        public void GG0009_GotoAndItsLabel()
            => Expect(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double r = x;
        if (x > 0) [|goto done;|]
        r = r * x;
        [|done:|] return r;
    }"), "GG0009", DiagnosticSeverity.Error, Array.Empty<string>(),
                spanFragments: new[] { new[] { "'goto'" }, new[] { "'done'" } });

        [Fact]
        public void GG0009_Try()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double r = 0;
        [|try|]
        {
            r = x * x;
        }
        catch (InvalidOperationException)
        {
            r = 0;
        }
        return r;
    }"), "GG0009", "'try'");

        [Fact]
        public void GG0009_Lock()
            => Error(InC(@"    private static readonly object Gate = new object();

    [Differentiable]
    public static double Bad(double x)
    {
        double r = 0;
        [|lock (Gate)|]
        {
            r = x * x;
        }
        return r;
    }"), "GG0009", "'lock'");

        [Fact]
        public void GG0009_UsingStatement()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double r = 0;
        [|using (var s = new System.IO.MemoryStream())|]
        {
            r = x * s.Length;
        }
        return r;
    }"), "GG0009", "'using'");

        [Fact]
        public void GG0009_UsingDeclaration()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        [|using var s = new System.IO.MemoryStream();|]
        return x * s.Length;
    }"), "GG0009", "'using'");

        /// <summary>Local functions are inlined; one that returns early cannot be, and says what to write instead.</summary>
        [Fact]
        public void GG0010_LocalFunctionThatCannotBeInlined()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double Sq(double v)
        {
            if (v < 0) return 0;
            return v * v;
        }
        return [|Sq(x)|];
    }"), "GG0010", "local function", "'Sq'", "returns before its last statement", "[Differentiable]");

        [Fact]
        public void GG0010_LocalFunctionAsADelegate()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        static double Sq(double v) => v * v;
        Func<double, double> f = [|Sq|];
        return Sq(x);
    }"), "GG0010", "delegate", "call it directly");

        /// <summary>An unsafe block is reported with the pointer constructs (GG0010), not as a statement (GG0009).</summary>
        [Fact]
        public void GG0010_UnsafeBlock()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double r = 0;
        [|unsafe|]
        {
            r = x * x;
        }
        return r;
    }"), "GG0010", "unsafe");

        // ----- GG0010 unsupported expressions -----

        /// <summary>A [Derivative] template that is not a C# expression is reported at the call, not pasted into broken code.</summary>
        [Fact]
        public void GG0010_DerivativeTemplateNotAnExpression()
            => Error(InC(@"    [Derivative(""1.0 / ({0}"")]
    public static double Inv(double v) => 1.0 / v;

    [Differentiable]
    public static double Bad(double x) => [|Inv(x)|] * x;"), "GG0010", "[Derivative] template", "'Inv'", "'v'", "not a C# expression");

        [Fact]
        public void GG0010_DerivativeTemplateUnknownPlaceholder()
            => Error(InC(@"    [Derivative(""{1} * 2.0"")]
    public static double Twice(double v) => 2.0 * v;

    [Differentiable]
    public static double Bad(double x) => [|Twice(x)|] + x;"), "GG0010", "argument 1", "'Twice'");

        [Fact]
        public void GG0010_DerivativeTemplateStrayBrace()
            => Error(InC(@"    [Derivative(""{x} * 2.0"")]
    public static double Twice(double v) => 2.0 * v;

    [Differentiable]
    public static double Bad(double x) => [|Twice(x)|] + x;"), "GG0010", "brace");

        [Fact]
        public void GG0010_Lambda()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        Func<double, double> f = [|v => v * x|];
        return f(x);
    }"), "GG0010", "lambda");

        [Fact]
        public void GG0010_LinqQuery()
            => Error(InC(@"    [Differentiable(nameof(x))]
    public static double Bad(double x, double[] xs)
    {
        var q = [|from v in xs select v * x|];
        return x * x;
    }"), "GG0010", "LINQ");

        /// <summary>Tuple literals and Math.SinCos deconstruct; a method's tuple does not.</summary>
        [Fact]
        public void GG0010_Deconstruction()
            => Error(InC(@"    private static (double, double) Pair(double v) => (v, v * v);

    [Differentiable]
    public static double Bad(double x)
    {
        double a = 0, b = 0;
        (a, b) = (x, x * x);
        [|(a, b) = Pair(x)|];
        return a + b;
    }"), "GG0010", "deconstruction", "tuple literal", "Math.SinCos");

        /// <summary>One-dimensional initializers are supported; a two-dimensional one is not, and is GG0010 (not GG0017).</summary>
        [Fact]
        public void GG0010_ArrayInitializer()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double[] ok = { x, x * x };
        double[,] a = [|new double[,] { { x, x * x } }|];
        return a[0, 0] + a[0, 1] + ok[1];
    }"), "GG0010", "array initializer", "new double[m, n]");

        [Fact]
        public void GG0010_ViewAsTheOutputOfAVectorValuedCallee()
            => Error(InC(@"    [Differentiable]
    public static void Square(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * x[i];
    }

    [Differentiable]
    public static double Bad(double[] x)
    {
        double[] u = new double[x.Length + 1];
        [|Square(x, u.AsSpan(1))|];
        return u[1];
    }"), "GG0010", "view as the output 'y'", "whole local array");

        [Fact]
        public void GG0010_RemainderAssignmentOnDouble()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double r = x * x;
        [|r %= 2.0|];
        return r;
    }"), "GG0010", "'%='");

        [Fact]
        public void GG0010_RefArgument()
            => Error(InC(@"    private static double Twice(ref double v) => 2 * v;

    [Differentiable]
    public static double Bad(double x)
    {
        double t = x;
        double y = Twice([|ref t|]);
        return y;
    }"), "GG0010", "ref/out/in argument");

        [Fact]
        public void NamedArguments_AreMappedToParameters()
        {
            // Named arguments in any order are supported: derivative templates are positional, so
            // the generator maps each argument to its parameter.
            var run = Harness.Run(new SourceFile("/src/Good.cs", GoodSource), new SourceFile(BadPath, InC(@"    [Differentiable]
    public static double Named(double x, double y)
    {
        return Math.Pow(y: 2.0, x: x) * Math.Atan2(x: y, y: x);
    }")));
            Assert.True(run.GeneratorDiagnostics.IsEmpty, Harness.Format(run.GeneratorDiagnostics));
            Assert.True(run.HasSource("C.Named.g.cs"));
            Assert.True(run.OutputDiagnostics.IsEmpty, Harness.Format(run.OutputDiagnostics));
        }

        [Fact]
        public void GG0010_PatternThatBindsAVariable()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        return x switch { [|double v|] when v > 1 => v * v, _ => x };
    }"), "GG0010", "pattern 'double v'", "relational patterns");

        [Fact]
        public void GG0008_BulkOperationOnAnActiveArraySuggestsALoop()
        {
            var run = Expect(InC(@"    [Differentiable]
    public static double Bad(double[] w)
    {
        double[] a = new double[w.Length];
        w.CopyTo(a, 0);
        [|a.AsSpan().Fill(w[0])|];
        return a[0] * a[1];
    }"), "GG0008", DiagnosticSeverity.Error, new[] { "'Span.Fill'", "write an element loop" });
            NeverSuggestsMarkingALibraryMethod(run);
        }

        /// <summary>A library method cannot be edited: no message may ask to mark it [Differentiable].</summary>
        private static void NeverSuggestsMarkingALibraryMethod(GeneratorRun run)
        {
            foreach (var d in run.GeneratorDiagnostics)
            {
                string message = d.GetMessage(CultureInfo.InvariantCulture);
                Assert.False(message.Contains("mark '", StringComparison.Ordinal), "suggests marking a library method: " + message);
            }
        }

        [Fact]
        public void GG0008_LibraryMethodIsNotToBeMarked()
            => NeverSuggestsMarkingALibraryMethod(Expect(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        return [|Math.ScaleB(x, 2)|] + x;
    }"), "GG0008", DiagnosticSeverity.Error, new[] { "'Math.ScaleB' is not declared in this project's source", "[Derivative]", "[CustomPullback]" }));

        // ----- GG0011 writes to fields and other state -----

        [Fact]
        public void GG0011_WriteToStaticField()
            => Error(InC(@"    private static double _total;

    [Differentiable]
    public static double Bad(double x)
    {
        [|_total|] = x;
        return x * x;
    }"), "GG0011", "'_total'");

        [Fact]
        public void GG0011_WriteToInstanceFieldThroughThis()
            => Error(Prelude + @"public sealed partial class C
{
    private double _last;

    [Differentiable]
    public double Bad(double x)
    {
        [|this._last|] = x;
        return x * x;
    }
}
", "GG0011", "_last");

        [Fact]
        public void GG0011_WriteToElementOfFieldArray()
            => Error(InC(@"    private static readonly double[] Buffer = new double[4];

    [Differentiable]
    public static double Bad(double x)
    {
        [|Buffer[0]|] = x;
        return x * x;
    }"), "GG0011", "'Buffer'");

        // ----- GG0012 writes to input arrays -----

        [Fact]
        public void GG0012_WriteToInputArray()
            => Error(InC(@"    [Differentiable(nameof(x))]
    public static double Bad(double x, double[] xs)
    {
        [|xs[0]|] = x;
        return x * xs[1];
    }"), "GG0012", "'xs'");

        [Fact]
        public void GG0012_WriteToInputSpanOfScalarMethod()
            => Error(InC(@"    [Differentiable(nameof(x))]
    public static double Bad(double x, Span<double> buffer)
    {
        [|buffer[0]|] = x * x;
        return x;
    }"), "GG0012", "'buffer'");

        // ----- GG0013 derivative is zero through a cast or a step function (warning) -----

        [Fact]
        public void GG0013_IntCastOfActiveValue()
            => Expect(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        return x * [|(int)x|];
    }"), "GG0013", DiagnosticSeverity.Warning, new[] { "cast to 'int'" }, badMethodGenerated: true);

        [Fact]
        public void GG0013_FloorOfActiveValue()
            => Expect(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        return x * [|Math.Floor(x)|];
    }"), "GG0013", DiagnosticSeverity.Warning, new[] { "Math.Floor" }, badMethodGenerated: true);

        [Fact]
        public void GG0013_NotRaised_ForCastOfConstant()
        {
            var run = Harness.Run(new SourceFile("/src/Good.cs", GoodSource), new SourceFile(BadPath, InC(@"    [Differentiable(nameof(x))]
    public static double Fine(double x, double c)
    {
        return x * (int)c + Math.Floor(c);
    }")));
            Assert.True(run.GeneratorDiagnostics.IsEmpty, Harness.Format(run.GeneratorDiagnostics));
            Assert.True(run.OutputDiagnostics.IsEmpty, Harness.Format(run.OutputDiagnostics));
        }

        // ----- GG0014 name collision -----

        [Theory]
        [InlineData("BadGradient")]
        [InlineData("BadPullback")]
        public void GG0014_NameCollision(string existing)
            => Error(InC(@"    [Differentiable]
    public static double [|Bad|](double x) => x * x;

    public static double " + existing + @"(double x) => 0;"), "GG0014", "'" + existing + "'", "'C'", "'Bad'");

        // ----- GG0015 nothing to differentiate -----

        [Fact]
        public void GG0015_NoDifferentiableParameter()
            => Error(InC(@"    [Differentiable]
    public static double [|Bad|](int n, long m) => n + m;"), "GG0015", "'Bad'");

        // ----- GG0016 assignment inside an expression -----

        [Fact]
        public void GG0016_AssignmentInsideExpression()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double x)
    {
        double t = 0;
        double y = ([|t = x|]) * 2;
        return y + t;
    }"), "GG0016", "'t = x'");

        [Fact]
        public void GG0016_IncrementInsideIndex()
            => Error(InC(@"    [Differentiable(nameof(x))]
    public static double Bad(double x, double[] xs)
    {
        int i = 0;
        double y = xs[[|i++|]] * xs[i] * x;
        return y;
    }"), "GG0016", "'i++'");

        /// <summary>A counter advanced inside an expression that reads it nowhere else is hoisted before the statement.</summary>
        [Fact]
        public void IncrementInsideIndex_IsHoistedWhenUnambiguous()
        {
            var run = Harness.Run(new SourceFile("/src/Good.cs", GoodSource), new SourceFile(BadPath, InC(@"    [Differentiable(nameof(x))]
    public static double Packed(double x, double[] xs)
    {
        double[] a = new double[4];
        int k = 0;
        a[k++] = x * xs[0];
        a[k++] = x * x;
        return a[0] + a[1] + k;
    }")));
            Assert.True(run.GeneratorDiagnostics.IsEmpty, Harness.Format(run.GeneratorDiagnostics));
            Assert.True(run.HasSource("C.Packed.g.cs"));
            Assert.True(run.OutputDiagnostics.IsEmpty, Harness.Format(run.OutputDiagnostics));
        }

        // ----- GG0017 not supported yet -----

        /// <summary>docs/reference.md §3: at the construct's own location (here the array declared inside the loop).</summary>
        [Fact]
        public void GG0017_ArrayOfChangingSizeCreatedInsideLoop()
            => Error(InC(@"    [Differentiable(nameof(x))]
    public static double Bad(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            [|double[] a = new double[i + 1];|]
            a[0] = x * i;
            s += a[0] * a[0];
        }
        return s;
    }"), "GG0017", "'a'");

        /// <summary>An array local chosen at run time cannot be replaced by what it names: diagnosed, never a wrong gradient.</summary>
        [Fact]
        public void GG0017_ArrayAliasChosenByABranch()
            => Error(InC(@"    [Differentiable(nameof(w))]
    public static double Bad(double[] w, double[][] xs)
    {
        double total = 0;
        for (int n = 0; n < xs.Length; n++)
        {
            double s = 0;
            for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
            [|double[] r = s > 0 ? xs[n] : xs[0];|]
            total += s * r[0];
        }
        return total;
    }"), "GG0017", "'r'");

        /// <summary>Swapping array references (double buffering) is not differentiated: the reverse sweep would need every buffer's history.</summary>
        [Fact]
        public void GG0010_SwappingArrayLocals()
            => Error(InC(@"    [Differentiable(nameof(x))]
    public static double Bad(double[] x, int steps)
    {
        double[] h = new double[x.Length];
        double[] next = new double[x.Length];
        for (int i = 0; i < x.Length; i++) h[i] = x[i];
        for (int t = 0; t < steps; t++)
        {
            for (int j = 0; j < h.Length; j++) next[j] = Math.Tanh(h[j]);
            [|h|] = next;
        }
        return h[0];
    }"), "GG0010", "'h'");

        // Local jagged arrays are supported when every row is allocated before any statement uses the
        // elements (tests/GradGen.Arrays.Tests/Jagged); the rest stays GG0010 at the statement.

        [Fact]
        public void GG0010_LocalJaggedArray_RowAllocatedInTheLoopThatUsesIt()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double[] x)
    {
        double[][] m = new double[2][];
        for (int l = 0; l < 2; l++)
        {
            [|m[l] = new double[x.Length];|]
            m[l][0] = x[l] * x[l];
        }
        return m[1][0];
    }"), "GG0010", "'m'", "allocated after its elements are used", "in a loop of its own");

        [Fact]
        public void GG0010_LocalJaggedArray_RowAssignedAnExistingArray()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double[] x)
    {
        double[][] m = new double[2][];
        double[] row = new double[2];
        [|m[0] = row;|]
        m[0][0] = x[0];
        return m[0][0];
    }"), "GG0010", "'m'", "existing array");

        [Fact]
        public void GG0010_LocalJaggedArray_CreatedInALoop()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double[] x)
    {
        double s = 0;
        for (int t = 0; t < 2; t++)
        {
            [|double[][] m = new double[2][];|]
            s += x[t];
        }
        return s;
    }"), "GG0010", "jagged", "inside a loop or branch");

        [Fact]
        public void GG0010_LocalJaggedArray_RowUsedAsAWhole()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double[] x)
    {
        double[][] m = new double[1][];
        m[0] = new double[2];
        [|double[] r = m[0];|]
        return x[0] + r.Length;
    }"), "GG0010", "'m'", "as a whole");

        [Fact]
        public void GG0010_LocalJaggedArray_WithInitializer()
            => Error(InC(@"    [Differentiable]
    public static double Bad(double[] x)
    {
        double[][] m = [|new double[][] { new double[2], new double[3] }|];
        return x[0] + m[1].Length;
    }"), "GG0010", "jagged");

        // ----- GG0018 wrt as a string literal (warning) -----

        [Fact]
        public void GG0018_WrtStringLiteral()
            => Expect(InC(@"    [Differentiable([|""x""|])]
    public static double Bad(double x, double c) => c * x * x;"), "GG0018", DiagnosticSeverity.Warning, new[] { "\"x\"", "nameof(x)" }, badMethodGenerated: true);

        // ----- GG0019 generated parameter name collides -----

        [Theory]
        [InlineData("gradX")]
        [InlineData("seed")]
        public void GG0019_GeneratedParameterNameCollides(string parameter)
            => Error(InC(@"    [Differentiable]
    public static double [|Bad|](double x, double " + parameter + @") => x * " + parameter + @";"), "GG0019", "'" + parameter + "'", "'Bad'");

        // ----- GG9999 internal error, isolated to its method -----

        [Fact]
        public void GG9999_FaultInjection_IsolatedToItsMethod()
        {
            var (source, spans) = Markup.Parse(InC(@"    [Differentiable]
    public static double [|F__GradGenInjectFault|](double x) => x * x;

    [Differentiable]
    public static double G(double x) => x * x * x;"));
            var run = Harness.Run(new SourceFile(BadPath, source));

            var d = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("GG9999", d.Id);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(BadPath, d.Location.GetLineSpan().Path);
            Assert.Equal(spans.Single(), d.Location.SourceSpan);
            string message = d.GetMessage(CultureInfo.InvariantCulture);
            Assert.Contains("'F__GradGenInjectFault'", message);
            Assert.Contains("InvalidOperationException", message);

            Assert.Equal(new[] { "C.G.g.cs" }, run.HintNames.ToArray());
            Assert.True(run.OutputDiagnostics.IsEmpty, Harness.Format(run.OutputDiagnostics));
        }
    }
}
