using System;
using GradGen.Tests.Shared;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Valid [Differentiable] code that the generator does not build (see tests/README.md). Each
    /// test generates and compiles its snippet in memory, then checks the gradient like every other
    /// test, so each fails on its own without breaking the build of this project.
    /// </summary>
    public class InMemoryReproTests
    {
        private const string Usings = "using System;\nusing GradGen;\n";

        private static double[] Gradient2(System.Reflection.Assembly assembly, string method, double x, double y, out double value)
        {
            var args = new object?[] { x, y, null, null };
            value = (double)InMemoryGenerator.Call(assembly, "R", method + "Gradient", args)!;
            return new[] { (double)args[2]!, (double)args[3]! };
        }

        [Fact]
        public void Sanity_a_plain_method_builds_and_is_right_in_memory()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static double F(double x, double y) => x * Math.Sin(y);
}");
            double[] g = Gradient2(assembly, "F", 0.7, 1.1, out double f);
            Assert.Equal(0.7 * Math.Sin(1.1), f);
            Close(new[] { Math.Sin(1.1), 0.7 * Math.Cos(1.1) }, g, 1e-12, "F");
        }

        /// <summary>
        /// tests/README.md E1: an active value passed to a callee's non-wrt parameter. The callee's
        /// Pullback has no output for that parameter, and the generator silently drops the term
        /// (∂/∂y = 0). Acceptable outcomes: the right gradient, or an error diagnostic at the call
        /// (docs/reference.md §3: a call with no known derivative on an active value gets one).
        /// </summary>
        [Theory]
        [InlineData("Loss(x, y, 1.0)")]           // the callee is [Differentiable(nameof(w))]
        [InlineData("Huber(x, y)")]       // delta is not wrt
        public void Active_argument_into_a_callees_constant_parameter(string body)
        {
            var outcome = InMemoryGenerator.Run(Usings + @"
public static partial class R
{
    [Differentiable(nameof(w))]
    public static double Loss(double w, double x, double y)
    {
        double p = 1.0 / (1.0 + Math.Exp(-w * x));
        return -y * Math.Log(p) - (1 - y) * Math.Log(1 - p);
    }

    [Differentiable(nameof(x))]
    public static double Huber(double x, double delta)
    {
        double a = Math.Abs(x);
        return a <= delta ? 0.5 * x * x : delta * (a - 0.5 * delta);
    }

    [Differentiable]
    public static double F(double x, double y) => " + body + @";
}");
            if (outcome.Assembly is null)
            {
                // A diagnostic instead of a gradient is acceptable, if it is the generator's and at the call.
                Assert.Empty(outcome.CompileErrors);
                string callee = body.Substring(0, body.IndexOf('(', StringComparison.Ordinal));
                Assert.Contains(outcome.GeneratorErrors, d => d.Id.StartsWith("GG", StringComparison.Ordinal) && d.Id != "GG9999"
                    && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Contains(callee, StringComparison.Ordinal));
                return;
            }

            double x = 1.7, y = 0.6;
            double[] g = Gradient2(outcome.Assembly, "F", x, y, out _);
            double[] expected = body.StartsWith("Loss", StringComparison.Ordinal)
                ? new[] { (Sigma(x * y) - 1) * y, (Sigma(x * y) - 1) * x } // −ln σ(xy)
                : new[] { y, x - y };                                         // |x| > δ: f = δ(|x| − δ/2)
            Close(expected, g, 1e-12, "F = " + body);
        }

        /// <summary>tests/README.md E2: named arguments crash the generator (GG9999, InvalidCastException).</summary>
        [Fact]
        public void Named_arguments_to_Math_Pow_in_swapped_order()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static double F(double x, double y) => Math.Pow(y: 2.0, x: x) * y;
}");
            double[] g = Gradient2(assembly, "F", 1.3, 0.4, out _);
            Close(new[] { 2 * 1.3 * 0.4, 1.3 * 1.3 }, g, 1e-12, "F");
        }

        /// <summary>tests/README.md E2, in declaration order.</summary>
        [Fact]
        public void Named_arguments_to_Math_Atan2_in_declaration_order()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static double F(double x, double y) => Math.Atan2(y: y, x: x);
}");
            double[] g = Gradient2(assembly, "F", 1.3, 0.4, out _);
            double r2 = 1.3 * 1.3 + 0.4 * 0.4;
            Close(new[] { -0.4 / r2, 1.3 / r2 }, g, 1e-12, "F");
        }

        /// <summary>tests/README.md E2, on a call to another [Differentiable] method.</summary>
        [Fact]
        public void Named_arguments_to_a_differentiable_method_in_swapped_order()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static double G(double a, double b) => a * a * b;

    [Differentiable]
    public static double F(double x, double y) => G(b: x, a: y);
}");
            double[] g = Gradient2(assembly, "F", 1.3, 0.4, out _);
            Close(new[] { 0.4 * 0.4, 2 * 0.4 * 1.3 }, g, 1e-12, "F");
        }

        /// <summary>tests/README.md E3: a double method with a float wrt parameter emits code that does not compile (CS0266).</summary>
        [Fact]
        public void Double_method_with_a_float_parameter()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static double F(double x, float y) => x * y;
}");
            var args = new object?[] { 1.5, 2.5f, null, null };
            InMemoryGenerator.Call(assembly, "R", "FGradient", args);
            Assert.Equal(2.5, (double)args[2]!);
            Assert.Equal(1.5f, (float)args[3]!);
        }

        /// <summary>tests/README.md E4: a float method that calls a double Math function and casts back emits code that does not compile (CS0266).</summary>
        [Fact]
        public void Float_method_using_double_Math_with_a_cast()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static float F(float x) => (float)Math.Exp(x) * x;
}");
            var args = new object?[] { 0.5f, null };
            InMemoryGenerator.Call(assembly, "R", "FGradient", args);
            Close(Math.Exp(0.5) * 1.5, (float)args[1]!, 1e-6, "F");
        }

        /// <summary>tests/README.md E4: an explicit (float) cast of a double subexpression in a float method (CS0266).</summary>
        [Fact]
        public void Float_method_with_a_double_literal_and_a_cast()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static float F(float x) => x * 2.5f + (float)(x * 0.5);
}");
            var args = new object?[] { 0.5f, null };
            InMemoryGenerator.Call(assembly, "R", "FGradient", args);
            Assert.Equal(3f, (float)args[1]!);
        }

        /// <summary>tests/README.md E4: System.Math's float overloads (Math.Clamp/Max/Min/Abs on floats) in a float method (CS0266).</summary>
        [Theory]
        [InlineData("Math.Clamp(x, -1f, 1f)", 1f)]
        [InlineData("Math.Max(x, 0f)", 1f)]
        [InlineData("Math.Min(x, 2f)", 1f)]
        [InlineData("Math.Abs(x)", 1f)]
        public void Float_method_using_System_Math_float_overloads(string expression, float expected)
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static float F(float x) => " + expression + @";
}");
            var args = new object?[] { 0.5f, null };
            InMemoryGenerator.Call(assembly, "R", "FGradient", args);
            Assert.Equal(expected, (float)args[1]!);
        }

        /// <summary>tests/README.md E6: two types with the same name in different namespaces collide on the hint name and the generator throws (nothing is generated for the whole compilation).</summary>
        [Fact]
        public void Same_type_and_method_name_in_two_namespaces()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
namespace A { public static partial class R { [Differentiable] public static double F(double x) => x * x; } }
namespace B { public static partial class R { [Differentiable] public static double F(double x) => x * x * x; } }");
            var a = new object?[] { 2.0, null };
            var b = new object?[] { 2.0, null };
            InMemoryGenerator.Call(assembly, "A.R", "FGradient", a);
            InMemoryGenerator.Call(assembly, "B.R", "FGradient", b);
            Assert.Equal(4.0, (double)a[1]!);
            Assert.Equal(12.0, (double)b[1]!);
        }

        /// <summary>tests/README.md E5: a local named like the generated output parameter (gradX) collides with it (CS0136).</summary>
        [Fact]
        public void Local_named_like_the_output_parameter()
        {
            var assembly = InMemoryGenerator.Build(Usings + @"
public static partial class R
{
    [Differentiable]
    public static double F(double x, double y)
    {
        double gradX = 2 * x; // e.g. a hand-written derivative kept for comparison
        return x * x * y + gradX;
    }
}");
            double[] g = Gradient2(assembly, "F", 1.5, 0.5, out _);
            Close(new[] { 2 * 1.5 * 0.5 + 2, 1.5 * 1.5 }, g, 1e-12, "F");
        }
    }
}
