using GradGen.Generator.Differentiate;
using GradGen.Generator.Model;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>The adjoint simplifier on small trees: what it folds, and what it must leave alone.</summary>
    public sealed class SimplifierTests
    {
        private static readonly Ty D = Ty.Double;

        private static Expr V(string name, Ty? type = null) => new VarRef(name, type ?? D);

        private static Expr L(string text, Ty? type = null) => new Lit(text, type ?? D);

        private static Expr Mul(Expr a, Expr b) => new Binary("*", a, b, a.Type.IsFloating ? a.Type : b.Type);

        private static Expr Add(Expr a, Expr b) => new Binary("+", a, b, D);

        private static Expr Sub(Expr a, Expr b) => new Binary("-", a, b, D);

        private static Expr Neg(Expr a) => new Unary("-", a, a.Type);

        private static string S(Expr e) => CSharpPrinter.Print(Simplifier.Simplify(e));

        [Fact]
        public void Rosenbrock_like_terms_collect_into_one_product()
        {
            // dB += dResult * b * 100 + dResult * (100 * b)
            var e = Add(Mul(Mul(V("dResult"), V("b")), L("100", Ty.Int)), Mul(V("dResult"), Mul(L("100", Ty.Int), V("b"))));
            Assert.Equal("200 * dResult * b", S(e));
        }

        [Fact]
        public void Like_terms_with_opposite_signs_subtract()
        {
            Assert.Equal("2 * a * x", S(Sub(Mul(L("3.0"), Mul(V("a"), V("x"))), Mul(V("x"), V("a")))));
            Assert.Equal("-2.5 * a", S(Sub(Neg(Mul(L("2.0"), V("a"))), Mul(L("0.5"), V("a")))));
        }

        [Fact]
        public void A_coefficient_that_turns_negative_keeps_one_sign()
        {
            // a * 0.5 − a is −0.5 · a (a fuzzer found this one negated twice).
            Assert.Equal("-0.5 * a", S(Sub(Mul(V("a"), L("0.5")), V("a"))));
            Assert.Equal("-a", S(Sub(V("a"), Mul(L("2"), V("a")))));
            var (magnitude, negative) = AdjointAlgebra.SplitSign(Simplifier.Simplify(Sub(Mul(V("a"), L("0.5")), V("a"))));
            Assert.True(negative);
            Assert.Equal("0.5 * a", CSharpPrinter.Print(magnitude));
        }

        [Fact]
        public void Unlike_terms_are_left_as_written()
            => Assert.Equal("dY * x + dY * y", S(Add(Mul(V("dY"), V("x")), Mul(V("dY"), V("y")))));

        [Fact]
        public void Cancelling_terms_are_not_turned_into_zero()
        {
            // a·x − a·x is NaN for an infinite x: the sum stays as it is.
            string s = S(Sub(Mul(V("a"), V("x")), Mul(V("a"), V("x"))));
            Assert.Equal("a * x - a * x", s);
        }

        [Fact]
        public void Multiplication_by_zero_is_kept()
            => Assert.Equal("dY * 0.0", S(Mul(V("dY"), L("0.0"))));

        [Fact]
        public void Factors_of_one_and_double_negations_go()
        {
            Assert.Equal("dY", S(Mul(V("dY"), L("1.0"))));
            Assert.Equal("dY", S(Mul(L("1f", Ty.Float), V("dY"))));
            Assert.Equal("x", S(Neg(Neg(V("x")))));
            Assert.Equal("dY / x", S(new Binary("/", V("dY"), V("x"), D)));
        }

        [Fact]
        public void A_floating_one_times_an_integer_keeps_the_conversion()
            => Assert.Equal("1.0 * i", S(Mul(L("1.0"), V("i", Ty.Int))));

        [Fact]
        public void Floating_constants_fold_and_integer_ones_are_left_to_the_compiler()
        {
            Assert.Equal("6.0", S(Mul(L("2.0"), L("3"))));
            Assert.Equal("0.5f", S(new Binary("/", L("1f", Ty.Float), L("2f", Ty.Float), Ty.Float)));
            Assert.Equal("7 / 2", S(new Binary("/", L("7", Ty.Int), L("2", Ty.Int), Ty.Int)));
            Assert.Equal("1f", S(new Cast(L("1.0"), Ty.Float)));
        }

        [Fact]
        public void Integer_sub_products_are_not_reordered()
        {
            // (i * j) is integer arithmetic: it stays one factor.
            var ij = new Binary("*", V("i", Ty.Int), V("j", Ty.Int), Ty.Int);
            Assert.Equal("2 * dY * (i * j)", S(Add(Mul(V("dY"), ij), Mul(ij, V("dY")))));
        }

        [Fact]
        public void Added_negations_become_subtractions()
            => Assert.Equal("a - b", S(Add(V("a"), Neg(V("b")))));

        [Fact]
        public void A_long_sum_is_simplified_without_deep_recursion()
        {
            Expr sum = V("x0");
            for (int i = 1; i < 20000; i++) sum = Add(sum, Mul(V("d"), V("x" + i)));
            var simplified = Simplifier.Simplify(sum);
            Assert.IsType<Binary>(simplified);
        }
    }
}
