using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    public class SyntaxVarietyTests
    {
        [Fact]
        public void Using_static_System_Math()
            => Verify(nameof(SyntaxVariety.UsingStaticMath),
                v => SyntaxVariety.UsingStaticMath(v[0]),
                (v, g) => SyntaxVariety.UsingStaticMathGradient(v[0], out g[0]),
                (v, s, g) => SyntaxVariety.UsingStaticMathPullback(v[0], s, ref g[0]),
                v => new[] { (Math.Cos(v[0]) + Math.Sin(v[0])) * Math.Exp(v[0]) + 2 * v[0] },
                Uniform(1));

        [Fact]
        public void Relational_and_logical_patterns()
            => Verify(nameof(SyntaxVariety.IsPattern),
                v => SyntaxVariety.IsPattern(v[0]),
                (v, g) => SyntaxVariety.IsPatternGradient(v[0], out g[0]),
                (v, s, g) => SyntaxVariety.IsPatternPullback(v[0], s, ref g[0]),
                v =>
                {
                    double x = v[0];
                    if (x > 0 && x < 1) return new[] { 2 * x };
                    if (x <= -1 || x >= 2) return new[] { 3.0 };
                    return new[] { -Math.Sin(x) };
                },
                Uniform(1, -3, 3).Where(v => Math.Abs(v[0]) > 1e-3 && Math.Abs(v[0] - 1) > 1e-3 && Math.Abs(v[0] + 1) > 1e-3 && Math.Abs(v[0] - 2) > 1e-3),
                points: 16);

        [Fact]
        public void Throw_expression()
        {
            Verify(nameof(SyntaxVariety.ThrowExpression),
                v => SyntaxVariety.ThrowExpression(v[0]),
                (v, g) => SyntaxVariety.ThrowExpressionGradient(v[0], out g[0]),
                (v, s, g) => SyntaxVariety.ThrowExpressionPullback(v[0], s, ref g[0]),
                v => new[] { Math.Log(v[0]) + 1 },
                Uniform(1, 0.1, 4));
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntaxVariety.ThrowExpressionGradient(-1, out _));
            Assert.Equal("x", e.ParamName);
        }

        [Fact]
        public void Interpolated_message_in_throw_and_var_locals()
        {
            Verify(nameof(SyntaxVariety.InterpolatedThrow),
                v => SyntaxVariety.InterpolatedThrow(v[0], v[1]),
                (v, g) => SyntaxVariety.InterpolatedThrowGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => SyntaxVariety.InterpolatedThrowPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double a = v[0] * v[1], d = (1 - a) * Math.Exp(-a);
                    return new[] { d * v[1], d * v[0] };
                },
                Box((-2, 2), (0, 2)));
            var original = Assert.Throws<ArgumentException>(() => SyntaxVariety.InterpolatedThrow(1, -0.5));
            var generated = Assert.Throws<ArgumentException>(() => SyntaxVariety.InterpolatedThrowGradient(1, -0.5, out _, out _));
            Assert.Equal(original.Message, generated.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        [InlineData(-3)]
        public void Int_literal_arms_integer_division_unary_plus(int n)
            => Verify(nameof(SyntaxVariety.MixedLiterals) + n,
                v => SyntaxVariety.MixedLiterals(v[0], n),
                (v, g) => SyntaxVariety.MixedLiteralsGradient(v[0], n, out g[0]),
                (v, s, g) => SyntaxVariety.MixedLiteralsPullback(v[0], n, s, ref g[0]),
                v => new[] { (v[0] > 0 ? 0.0 : n / 2) + 2 },
                Uniform(1, -2, 2).Where(v => Math.Abs(v[0]) > 1e-3),
                points: 8);

        [Theory]
        [InlineData(Shape.Linear, false)]
        [InlineData(Shape.Square, true)]
        [InlineData(Shape.Wave, false)]
        public void Long_enum_and_bool_constants(Shape shape, bool flip)
            => Verify(nameof(SyntaxVariety.OtherConstantTypes) + shape + flip,
                v => SyntaxVariety.OtherConstantTypes(v[0], 7L, shape, flip),
                (v, g) => SyntaxVariety.OtherConstantTypesGradient(v[0], 7L, shape, flip, out g[0]),
                (v, s, g) => SyntaxVariety.OtherConstantTypesPullback(v[0], 7L, shape, flip, s, ref g[0]),
                v =>
                {
                    double d = shape == Shape.Linear ? 1 : shape == Shape.Square ? 2 * v[0] : Math.Cos(v[0]);
                    return new[] { (flip ? -7 : 7) * d };
                },
                Uniform(1, -2, 2),
                points: 5);

        [Fact]
        public void Bool_parameter_is_not_differentiated()
        {
            SyntaxVariety.BoolParameterGradient(1.5, true, out double g1);
            SyntaxVariety.BoolParameterGradient(1.5, false, out double g2);
            Assert.Equal(3.0, g1);
            Assert.Equal(1.0, g2);
        }

        [Fact]
        public void Unused_parameter_and_constant_function_get_zero_overwriting_garbage()
        {
            double gx = double.NaN, gu = double.NaN;
            Assert.Equal(4.0, SyntaxVariety.UnusedParameterGradient(2, 5, out gx, out gu));
            Assert.Equal(4.0, gx);
            Assert.Equal(0.0, gu);
            Assert.Equal(3.0, SyntaxVariety.ConstantFunctionGradient(2, out double g));
            Assert.Equal(0.0, g);
            double acc = 1.5;
            SyntaxVariety.ConstantFunctionPullback(2, 10, ref acc);
            Assert.Equal(1.5, acc);
        }

        [Theory]
        [InlineData(2.5)]
        [InlineData(-1.4)]
        public void Round_of_a_constant_local_const_and_Math_E(double c)
            => Verify(nameof(SyntaxVariety.RoundOfConstant) + c,
                v => SyntaxVariety.RoundOfConstant(v[0], c),
                (v, g) => SyntaxVariety.RoundOfConstantGradient(v[0], c, out g[0]),
                (v, s, g) => SyntaxVariety.RoundOfConstantPullback(v[0], c, s, ref g[0]),
                v => new[] { Math.Round(c) + 3 * v[0] * v[0] * Math.E },
                Uniform(1));

        [Fact]
        public void Compound_assignments_on_a_parameter()
            => Verify(nameof(SyntaxVariety.CompoundOnParameter),
                v => SyntaxVariety.CompoundOnParameter(v[0]),
                (v, g) => SyntaxVariety.CompoundOnParameterGradient(v[0], out g[0]),
                (v, s, g) => SyntaxVariety.CompoundOnParameterPullback(v[0], s, ref g[0]),
                v => new[] { 4 * v[0] }, // ((2x)² − 1)/2
                Uniform(1));
    

        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        public void Local_array_written_by_element_and_read_with_foreach(int n)
            => Verify(nameof(SyntaxVariety.LocalArrayAndForeach) + n,
                v => SyntaxVariety.LocalArrayAndForeach(v[0], v[1], n),
                (v, g) => SyntaxVariety.LocalArrayAndForeachGradient(v[0], v[1], n, out g[0], out g[1]),
                (v, s, g) => SyntaxVariety.LocalArrayAndForeachPullback(v[0], v[1], n, s, ref g[0], ref g[1]),
                v =>
                {
                    Dual x = Dual.X(v[0]), y = Dual.Y(v[1]);
                    var terms = new Dual[n];
                    for (int i = 0; i < n; i++)
                    {
                        terms[i] = Dual.Sin(x * (i + 1)) * y;
                        if (i > 0) terms[i] = terms[i] + terms[i - 1] * 0.5;
                    }
                    Dual sum = 0;
                    foreach (Dual t in terms) sum = sum + t * t;
                    return sum.Gradient(2);
                },
                Uniform(2));
    }
}
