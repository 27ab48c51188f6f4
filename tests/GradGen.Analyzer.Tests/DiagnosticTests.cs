using Microsoft.CodeAnalysis;
using Xunit;
using static GradGen.Analyzer.Tests.Expected;

namespace GradGen.Analyzer.Tests
{
    /// <summary>One or more tests per diagnostic id: the analyzer's id, severity, span and message.</summary>
    public class DiagnosticTests
    {
        private const string Usings = "using System;\nusing GradGen;\n";

        [Fact]
        public void ValidMethodHasNoDiagnostics()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable(nameof(w))]
    public static double Dot(double[] w, double[] x)
    {
        double s = 0;
        for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
        return Math.Exp(s) + (int)x[0];
    }
}");

        [Fact]
        public void GG0001_EachNonPartialContainingType()
            => Harness.Verify(Usings + @"
public static class [|Outer|]
{
    public partial class Middle
    {
        public class [|Inner|]
        {
            [Differentiable]
            public static double F(double x) => x * x;
        }
    }
}",
                Error("GG0001", "Type 'Outer' must be declared 'partial' so that GradGen can add the derivatives of 'F' to it; add the 'partial' modifier to 'Outer'"),
                Error("GG0001", "Type 'Inner' must be declared 'partial' so that GradGen can add the derivatives of 'F' to it; add the 'partial' modifier to 'Inner'"));

        [Fact]
        public void GG0002_WrtNameIsNotAParameter()
            => Harness.Verify(Usings + @"
public static partial class C
{
    const string Other = ""z"";
    [Differentiable(nameof(x), [|Other|])]
    public static double F(double x, double y) => x * y;
}",
                Error("GG0002", "'z' is not a parameter of 'F'; name one of its parameters (x, y) with nameof(...)"));

        [Fact]
        public void GG0002_InAnExplicitArray()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable(new[] { nameof(x), [|nameof(C)|] })]
    public static double F(double x) => x * x;
}",
                Error("GG0002", "'C' is not a parameter of 'F'; name one of its parameters (x) with nameof(...)"));

        [Fact]
        public void GG0003_WrtParameterOfANonDifferentiableType()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable(nameof(x), [|nameof(n)|])]
    public static double F(double x, int n) => x * n;
}",
                Error("GG0003", "Parameter 'n' has type 'int', which GradGen cannot differentiate; use double, float, double[], float[], Span<double>, ReadOnlySpan<double>, double[,] or double[][], or leave it out of the wrt list"));

        [Fact]
        public void GG0004_ReturnType()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static [|decimal|] F(double x) => (decimal)x;
}",
                Error("GG0004", "'F' returns 'decimal'; a differentiable method returns double or float by value, or returns void and writes Span<double> outputs"));

        [Fact]
        public void GG0004_ReturnsByReference()
            => Harness.Verify(Usings + @"
public static partial class C
{
    static double s;
    [Differentiable]
    public static [|ref double|] F(double x) => ref s;
}",
                Error("GG0004", "'F' returns by reference; a differentiable method returns double or float by value, or returns void and writes Span<double> outputs"));

        [Fact]
        public void GG0005_RefOutInParameters()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double x, [|ref double a|], [|out double b|], [|in double c|])
    {
        b = 0;
        return x;
    }
}",
                Error("GG0005", "Parameter 'a' is declared 'ref', which GradGen does not support yet; pass it by value (use a Span<double> parameter for outputs)"),
                Error("GG0005", "Parameter 'b' is declared 'out', which GradGen does not support yet; pass it by value (use a Span<double> parameter for outputs)"),
                Error("GG0005", "Parameter 'c' is declared 'in', which GradGen does not support yet; pass it by value (use a Span<double> parameter for outputs)"));

        [Fact]
        public void GG0006_Async()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static [|async|] [|System.Threading.Tasks.Task<double>|] F(double x)
    {
        await System.Threading.Tasks.Task.Yield();
        return x;
    }
}",
                Error("GG0006", "'F' is async, which GradGen cannot differentiate; write it as an ordinary synchronous method"),
                Error("GG0004", "'F' returns 'System.Threading.Tasks.Task<double>'; a differentiable method returns double or float by value, or returns void and writes Span<double> outputs"));

        [Fact]
        public void GG0006_Iterator()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static [|System.Collections.Generic.IEnumerable<double>|] F(double x)
    {
        [|yield return|] x;
        yield return 2 * x;
    }
}",
                Error("GG0004", "'F' returns 'System.Collections.Generic.IEnumerable<double>'; a differentiable method returns double or float by value, or returns void and writes Span<double> outputs"),
                Error("GG0006", "'F' is an iterator, which GradGen cannot differentiate; write it as an ordinary synchronous method"));

        [Fact]
        public void GG0006_NoBody()
            => Harness.Verify(Usings + @"
public abstract partial class C
{
    [Differentiable]
    public abstract double [|F|](double x);
}",
                Error("GG0006", "'F' is abstract, partial or extern (it has no body; put [Differentiable] on the declaration that has the body), which GradGen cannot differentiate; write it as an ordinary synchronous method"));

        [Fact]
        public void GG0006_LocalFunctionAndOperator()
            => Harness.Verify(Usings + @"
public partial struct V
{
    public double X;
    [[|Differentiable|]]
    public static V operator +(V a, V b) => new V { X = a.X + b.X };

    public static double G(double x)
    {
        [[|Differentiable|]]
        static double Square(double y) => y * y;
        return Square(x);
    }
}",
                Error("GG0006", "'V.operator +(V, V)' is an operator, which GradGen cannot differentiate; write it as an ordinary synchronous method"),
                Error("GG0006", "'Square' is a local function, which GradGen cannot differentiate; write it as an ordinary synchronous method"));

        [Fact]
        public void GG0007_GenericMethod()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F[|<T>|](double x) => x;
}",
                Error("GG0007", "'F' is generic (or in a generic type), which GradGen does not support yet; write it for double (or float)"));

        [Fact]
        public void GG0007_GenericType()
            => Harness.Verify(Usings + @"
public partial class C<T>
{
    [Differentiable]
    public static double [|F|](double x) => x;
}",
                Error("GG0007", "'F' is generic (or in a generic type), which GradGen does not support yet; write it for double (or float)"));

        [Fact]
        public void GG0008_CallWithoutDerivativeOnAnActiveValue()
            => Harness.Verify(Usings + @"
public static partial class C
{
    static double Helper(double v) => v * v;
    static double LogGamma(double v) => v;

    [Differentiable(nameof(x))]
    public static double F(double x, double data)
    {
        double constant = LogGamma(data);
        return [|Helper(x)|] + constant;
    }
}",
                Error("GG0008", "'C.Helper' has no known derivative and its argument depends on a differentiated input; mark 'C.Helper' [Differentiable], declare its partials with [Derivative], or compute this value from constants only"));

        [Fact]
        public void GG0009_Statements()
            => Harness.Verify(Usings + @"
public static partial class C
{
    static readonly object Gate = new object();

    [Differentiable]
    public static double F(double x)
    {
        double s = x;
        [|goto done;|]
        [|done:|]
        [|try|]
        {
            s = s * 2;
        }
        finally { }
        [|lock (Gate)|] { s = s + 1; }
        [|using (var r = new System.IO.MemoryStream())|] { }
        double Twice(double v) => 2 * v; // inlined at its calls: not a diagnostic
        return Twice(s);
    }
}",
                Error("GG0009", "'goto' is not supported in a [Differentiable] method; write the control flow with if, loops, break and continue"),
                Error("GG0009", "The label 'done' is not supported in a [Differentiable] method; write the control flow with if, loops, break and continue"),
                Error("GG0009", "'try' is not supported in a [Differentiable] method; move the code that can fail out of the differentiable method, or validate inputs with an if and throw"),
                Error("GG0009", "'lock' is not supported in a [Differentiable] method; a differentiable method is pure; take the lock in the caller"),
                Error("GG0009", "'using' is not supported in a [Differentiable] method; create and dispose resources in the caller"));

        [Fact]
        public void GG0008_LibraryMethodSuggestsWhatCanBeWritten()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double x) => [|Math.ScaleB(x, 2)|] + x;
}",
                Error("GG0008", "'Math.ScaleB' has no known derivative and its argument depends on a differentiated input; 'Math.ScaleB' is not declared in this project's source, so it cannot be marked [Differentiable] here: write the computation with arithmetic and Math (or GradGen.GradMath) functions, or wrap the call in a method of this project that declares its partials with [Derivative] (or its pullback with [CustomPullback]), or compute this value from constants only"));

        [Fact]
        public void GG0010_ConstructsThatStayDiagnosedNameAPossibleRewrite()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double x, int n)
    {
        static double Bump(double v)
        {
            v = v + 1;
            return v * v;
        }
        double[] u = new double[n];
        double[] next = new double[n];
        [|u|] = next;
        double[][] acts = [|new double[][] { u }|];
        double y = x switch { [|var v|] when v > 0 => v, _ => 0 };
        return [|Bump(x)|] + u[0] + y;
    }
}",
                Error("GG0010", "Reassigning the array 'u' is not supported in a [Differentiable] method; declare each array once and write its elements; to swap buffers between time steps, copy instead (next.CopyTo(u) or an element loop)"),
                Error("GG0010", "A local jagged array created this way is not supported in a [Differentiable] method; create it with new double[n][] and allocate each row with new double[k] (acts[l] = new double[width[l]];) before using its elements"),
                Error("GG0010", "The pattern 'var v' is not supported in a [Differentiable] method; use constant or relational patterns combined with and, or, not (< -1.0, 0 or 1, _), and a when clause without new variables"),
                Error("GG0010", "The call to the local function 'Bump' is not supported in a [Differentiable] method; it assigns to its parameter 'v'; write it as a method of the type marked [Differentiable] and call that"));

        [Fact]
        public void GG0010_LambdasAndLinq()
            => Harness.Verify(Usings + "using System.Linq;\n" + @"
public static partial class C
{
    [Differentiable]
    public static double F(double[] xs)
    {
        Func<double, double> square = [|v => v * v|];
        double a = [|xs.Sum()|];
        double b = [|xs.Select(v => 2 * v).Max()|];
        var positive = [|from v in xs where v > 0 select v|];
        return a + b;
    }
}",
                Error("GG0010", "A lambda is not supported in a [Differentiable] method; write the computation inline, or as a [Differentiable] method"),
                Error("GG0010", "The LINQ call 'xs.Sum()' is not supported in a [Differentiable] method; write it as a for loop over the elements"),
                Error("GG0010", "The LINQ call 'xs.Select(v => 2 * v).Max()' is not supported in a [Differentiable] method; write it as a for loop over the elements"),
                Error("GG0010", "A LINQ query is not supported in a [Differentiable] method; write it as a for loop over the elements"));

        [Fact]
        public void GG0010_UnsafePointersAndDynamic()
            => Harness.Verify(Usings + @"
public static unsafe partial class C
{
    [Differentiable]
    public static double F(double x, dynamic d)
    {
        double s = x;
        [|unsafe|] { double* p = &s; *p = 2; }
        [|fixed (double* q = new double[1])|] { }
        double* r = [|&s|];
        double t = [|d|];
        return s + t;
    }
}",
                Error("GG0010", "An 'unsafe' block is not supported in a [Differentiable] method; use arrays or spans instead of pointers"),
                Error("GG0010", "'fixed' (pointer code) is not supported in a [Differentiable] method; use arrays or spans instead of pointers"),
                Error("GG0010", "Pointer code is not supported in a [Differentiable] method; use arrays or spans"),
                Error("GG0010", "'dynamic' is not supported in a [Differentiable] method; use a statically typed double or array"));

        [Fact]
        public void GG0011_WritesToFieldsPropertiesAndStaticState()
            => Harness.Verify(Usings + @"
public partial class C
{
    double last;
    static int calls;
    double[] cache = new double[4];
    public double Scale { get; set; }

    [Differentiable]
    public double F(double x)
    {
        [|last|] = x;
        [|calls|]++;
        [|this.Scale|] = 2;
        [|cache[0]|] = x;
        double[] alias = cache;
        [|alias[1]|] = x;
        return x * x;
    }
}",
                Error("GG0011", "'last' is a field, not a local: a [Differentiable] method may only write its own locals and its Span outputs; compute into a local and return it"),
                Error("GG0011", "'calls' is a static field, not a local: a [Differentiable] method may only write its own locals and its Span outputs; compute into a local and return it"),
                Error("GG0011", "'this.Scale' is a property, not a local: a [Differentiable] method may only write its own locals and its Span outputs; compute into a local and return it"),
                Error("GG0011", "'cache[0]' is an element of the field 'cache', not a local: a [Differentiable] method may only write its own locals and its Span outputs; compute into a local and return it"),
                Error("GG0011", "'alias[1]' is an element of the field 'cache' (through the local 'alias'), not a local: a [Differentiable] method may only write its own locals and its Span outputs; compute into a local and return it"));

        [Fact]
        public void GG0012_WriteToAnInputArray()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double[] w, double[][] rows)
    {
        [|w[0]|] = 1;
        w[1] = 2;
        double[] row = rows[0];
        [|row[0]|] = w[0];
        return w[0] * rows[0][0];
    }
}",
                Error("GG0012", "The write to 'w[0]' writes to the input parameter 'w', and an input is never written; copy it into a local array first (new double[n] or stackalloc) and write that"),
                Error("GG0012", "The write to 'row[0]' writes to the input parameter 'rows', and an input is never written; copy it into a local array first (new double[n] or stackalloc) and write that"));

        [Fact]
        public void GG0012_InputPassedAsTheOutputOfAVectorValuedCallee()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static void Scale(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = 2 * x[i];
    }

    [Differentiable]
    public static double F(double[] w)
    {
        Scale(w, [|w|]);
        return w[0];
    }
}",
                Error("GG0012", "Passing 'w' as the output 'y' of 'Scale' writes to the input parameter 'w', and an input is never written; copy it into a local array first (new double[n] or stackalloc) and write that"));

        [Fact]
        public void GG0012_WriteThroughASpanOfAnInput()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double[] w)
    {
        Span<double> tail = w.AsSpan(1);
        [|tail[0]|] = 3;
        return w[0];
    }
}",
                Error("GG0012", "The write to 'tail[0]' writes to the input parameter 'w', and an input is never written; copy it into a local array first (new double[n] or stackalloc) and write that"));

        [Fact]
        public void GG0013_ZeroDerivativeThroughCastsAndStepFunctions()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double x, double[] table)
    {
        int k = [|(int)x|];
        long m = [|(long)(x * 2)|];
        double f = [|Math.Floor(x)|] + [|Math.Round(x)|] + [|Math.Sign(x)|];
        return table[k] * x + m + f + (int)table.Length;
    }
}",
                Warning("GG0013", "The cast to 'int' of a value that depends on a differentiated input has derivative zero almost everywhere, so the gradient does not flow through it; if that is intended, suppress GG0013 here, otherwise keep the value floating-point"),
                Warning("GG0013", "The cast to 'long' of a value that depends on a differentiated input has derivative zero almost everywhere, so the gradient does not flow through it; if that is intended, suppress GG0013 here, otherwise keep the value floating-point"),
                Warning("GG0013", "'Math.Floor' of a value that depends on a differentiated input has derivative zero almost everywhere, so the gradient does not flow through it; if that is intended, suppress GG0013 here, otherwise keep the value floating-point"),
                Warning("GG0013", "'Math.Round' of a value that depends on a differentiated input has derivative zero almost everywhere, so the gradient does not flow through it; if that is intended, suppress GG0013 here, otherwise keep the value floating-point"),
                Warning("GG0013", "'Math.Sign' of a value that depends on a differentiated input has derivative zero almost everywhere, so the gradient does not flow through it; if that is intended, suppress GG0013 here, otherwise keep the value floating-point"));

        [Fact]
        public void GG0014_NameCollision()
            => Harness.Verify(Usings + @"
public static partial class C
{
    public static int FGradient;

    [Differentiable]
    public static double [|F|](double x) => x * x;
}",
                Error("GG0014", "Type 'C' already has a member named 'FGradient', which GradGen would generate for 'F'; rename one of them"));

        [Fact]
        public void GG0015_NothingToDifferentiate()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double [|F|](int n) => n;
}",
                Error("GG0015", "'F' has no parameter of a differentiable type; add a double, float or array parameter, or remove [Differentiable]"));

        [Fact]
        public void GG0016_AssignmentInsideAnExpression()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double x)
    {
        double y = 0;
        double z = [|y = x|];
        return z;
    }
}",
                Error("GG0016", "'y = x' assigns inside an expression; write the assignment (or ++/--) as its own statement"));

        [Fact]
        public void GG0017_ConstructNotSupportedYet()
        {
            // The differentiate stage's "not yet" cases are reported on the statement they concern.
            var (source, spans) = Markup.Parse(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double x)
    {
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            [|double[] a = new double[i + 2];|]
            a[0] = x * i;
            s += a[0] * a[0];
        }
        return s;
    }
}");
            var diagnostics = Harness.Analyze(Harness.Compile(source));
            var d = Assert.Single(diagnostics);
            Assert.Equal("GG0017", d.Id);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.True(d.Location.SourceSpan == spans[0], Harness.Format(diagnostics));
            Assert.StartsWith("GradGen cannot differentiate 'F' yet: ", Harness.Message(d));
        }

        [Fact]
        public void GG0018_WrtStringLiteral()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable([|""x""|], nameof(y))]
    public static double F(double x, double y) => x * y;
}",
                Warning("GG0018", "The wrt name \"x\" is a string literal; write nameof(x) so that renaming the parameter keeps the attribute correct"));

        [Fact]
        public void GG0019_GeneratedParameterNameCollision()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double [|F|](double w, double W) => w * W;
}",
                Error("GG0019", "The generated parameter 'gradW' of 'F' would collide with the generated parameter for 'w'; rename the parameter 'W'"));

        [Fact]
        public void GG9999_InternalErrorNamesTheMethodAndTheException()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double [|F__GradGenInjectFault|](double x) => x * x;
}",
                Error("GG9999", "GradGen could not differentiate 'F__GradGenInjectFault' because of an internal error (InvalidOperationException: fault injected for testing); please report it. Other methods are unaffected."));
    }
}
