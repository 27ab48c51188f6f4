using Xunit;
using static GradGen.Analyzer.Tests.Expected;

namespace GradGen.Analyzer.Tests
{
    /// <summary>GG0021 (wrt list order) and GG0022 (unstable hand-written forms): id, severity, span, message.</summary>
    public class SignatureDiagnosticTests
    {
        private const string Usings = "using System;\nusing GradGen;\n";

        [Fact]
        public void GG0021_WrtListInAnotherOrder()
            => Harness.Verify(Usings + @"
public static partial class Options
{
    [[|Differentiable(nameof(spot), nameof(vol), nameof(rate))|]]
    public static double Price(double spot, double rate, double vol) => spot * Math.Exp(-rate) * vol;
}",
                Warning("GG0021", "The wrt list names (spot, vol, rate) in another order than 'Price' declares them; the generated gradient outputs follow the declaration order (spot, rate, vol), so list them in that order"));

        [Fact]
        public void GG0021_InACollectionExpression()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [[|Differentiable([nameof(b), nameof(a)])|]]
    public static double F(double a, double b) => a * b;
}",
                Warning("GG0021", "The wrt list names (b, a) in another order than 'F' declares them; the generated gradient outputs follow the declaration order (a, b), so list them in that order"));

        [Fact]
        public void GG0021_NotForAListInOrderOrASubsetInOrder()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable(nameof(a), nameof(c))]
    public static double F(double a, double b, double c) => a * b * c;

    [Differentiable(nameof(b))]
    public static double G(double a, double b) => a * b;
}");

        [Fact]
        public void GG0022_HandWrittenSigmoids()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double u, double v, float w)
    {
        double a = [|1.0 / (1.0 + Math.Exp(-u))|];
        double b = [|1 / (Math.Exp(-(u * v)) + 1)|];
        double c = [|Math.Exp(u) / (1 + Math.Exp(u))|];
        double d = [|1.0 / (1.0 + Math.Exp(v))|];
        float e = [|1f / (1f + MathF.Exp(-w))|];
        double notOne = 2.0 / (1.0 + Math.Exp(-u));
        double notSame = Math.Exp(u) / (1 + Math.Exp(v));
        return a + b + c + d + e + notOne + notSame;
    }
}",
                Info("GG0022", "'1.0 / (1.0 + Math.Exp(-u))' is a hand-written sigmoid, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.Sigmoid(u), which computes it stably"),
                Info("GG0022", "'1 / (Math.Exp(-(u * v)) + 1)' is a hand-written sigmoid, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.Sigmoid(u * v), which computes it stably"),
                Info("GG0022", "'Math.Exp(u) / (1 + Math.Exp(u))' is a hand-written sigmoid, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.Sigmoid(u), which computes it stably"),
                Info("GG0022", "'1.0 / (1.0 + Math.Exp(v))' is a hand-written sigmoid, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.Sigmoid(-v), which computes it stably"),
                Info("GG0022", "'1f / (1f + MathF.Exp(-w))' is a hand-written sigmoid, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.Sigmoid(w), which computes it stably"));

        [Fact]
        public void GG0022_SoftplusAndLogSumExp()
            => Harness.Verify(Usings + @"
public static partial class C
{
    [Differentiable]
    public static double F(double x, double a, double b)
    {
        double s = [|Math.Log(1 + Math.Exp(x))|] + [|Math.Log(Math.Exp(x) + 1.0)|];
        double t = [|Math.Log(Math.Exp(a) + Math.Exp(b))|];
        double u = [|Math.Log(Math.Exp(a) + Math.Exp(b) + Math.Exp(x))|];
        double notExp = Math.Log(1 + x * x);
        return s + t + u + notExp;
    }
}",
                Info("GG0022", "'Math.Log(1 + Math.Exp(x))' is a hand-written softplus, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.Softplus(x), which computes it stably"),
                Info("GG0022", "'Math.Log(Math.Exp(x) + 1.0)' is a hand-written softplus, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.Softplus(x), which computes it stably"),
                Info("GG0022", "'Math.Log(Math.Exp(a) + Math.Exp(b))' is the log of a sum of exponentials, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write Math.Max(a, b) + GradMath.Softplus(-Math.Abs(a - b)), which computes it stably"),
                Info("GG0022", "'Math.Log(Math.Exp(a) + Math.Exp(b) + Math.Exp(x))' is the log of a sum of exponentials, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write GradMath.LogSumExp(values) over an array holding a, b, x, which computes it stably"));

        [Fact]
        public void GG0022_OnlyInDifferentiableMethods()
            => Harness.Verify(Usings + @"
public static partial class C
{
    public static double Plain(double u) => 1.0 / (1.0 + Math.Exp(-u));
}");
    }
}
