using GradGen.Generator.Differentiate;
using GradGen.Generator.Model;
using GradGen.Generator.Parse;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// Derivative templates become trees once (<see cref="DerivativeRules"/>), the chain rule fills
    /// their holes with argument trees, and only the printer makes text again.
    /// </summary>
    public sealed class DerivativeRuleTests
    {
        private static readonly Ty D = Ty.Double;

        private static Expr Rule(string template, int arity = 1)
        {
            var types = new Ty[arity];
            for (int i = 0; i < arity; i++) types[i] = D;
            var tree = DerivativeRules.Parse(template, types, D, out var error);
            Assert.True(tree is not null, "'" + template + "': " + error);
            return tree!;
        }

        private static string Error(string template, int arity = 1)
        {
            var tree = DerivativeRules.Parse(template, new[] { D, D }[..arity], D, out var error);
            Assert.Null(tree);
            Assert.NotNull(error);
            return error!;
        }

        private static Expr V(string name) => new VarRef(name, D);

        [Fact]
        public void Reciprocal_is_a_division_of_a_literal_by_the_argument_hole()
        {
            var rule = Rule("1.0 / {0}");
            Assert.Equal(new Binary("/", new Lit("1.0", D), new Hole(0, D), D), rule);
        }

        [Fact]
        public void Result_placeholder_becomes_the_result_hole()
        {
            var rule = Rule("{r} * (1.0 - {r})");
            var call = new ElemCall("F", new[] { V("x") }.ToEquatableArray(), new[] { rule }.ToEquatableArray(), D);
            Assert.True(call.UsesResult(0));
            Assert.Equal("{r} * (1.0 - {r})", CSharpPrinter.Print(rule));
        }

        [Fact]
        public void Parentheses_of_the_template_are_structure_not_text()
        {
            Assert.Equal("{0} > 0.0 ? 1.0 : {1}", CSharpPrinter.Print(Rule("({0}) > 0.0 ? 1.0 : ({1})", 2)));
            Assert.Equal("-{0} * {0}", CSharpPrinter.Print(Rule("-({0}) * ({0})")));
        }

        [Fact]
        public void Filling_holes_with_sums_adds_the_parentheses_precedence_needs()
        {
            var sum = new Binary("+", V("x"), V("y"), D);
            var partial = IrRewriter.Instantiate(Rule("1.0 / ({0} * {0})"), new[] { sum }, V("r"));
            Assert.Equal("1.0 / ((x + y) * (x + y))", CSharpPrinter.Print(partial));
            var negated = IrRewriter.Instantiate(Rule("-{0}"), new[] { (Expr)new Unary("-", V("x"), D) }, V("r"));
            Assert.Equal("-(-x)", CSharpPrinter.Print(negated));
        }

        [Fact]
        public void Calls_in_a_template_are_calls_with_arguments_as_trees()
        {
            var rule = Rule("global::System.Math.Cos({0} * 2.0)");
            var call = Assert.IsType<ElemCall>(rule);
            Assert.Equal("global::System.Math.Cos", call.Method);
            Assert.IsType<Binary>(call.Args[0]);
            Assert.False(call.HasPartial(0));
            Assert.Equal("global::System.Math.Cos(x * 2.0)", CSharpPrinter.Print(IrRewriter.Instantiate(rule, new[] { V("x") }, V("r"))));
        }

        [Fact]
        public void Named_constants_are_kept_as_text()
            => Assert.Equal("global::System.Math.PI * {0}", CSharpPrinter.Print(Rule("global::System.Math.PI * {0}")));

        [Fact]
        public void Literal_types_follow_their_suffixes()
        {
            Assert.Equal(Ty.Float, Rule("1f").Type);
            Assert.Equal(Ty.Double, Rule("1.0").Type);
            Assert.Equal(Ty.Int, Rule("2").Type);
        }

        [Theory]
        [InlineData("1.0 / ({0}", "not a C# expression")]
        [InlineData("{1} * 2.0", "argument 1")]
        [InlineData("{x}", "brace")]
        [InlineData("{0} = 1.0", "does not model")]
        [InlineData("(v => v)({0})", "does not model")]
        public void Bad_templates_say_why(string template, string reason)
            => Assert.Contains(reason, Error(template));

        [Fact]
        public void The_System_Math_table_parses()
        {
            // Type initialisation parses every entry; a bad entry throws here.
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(KnownDerivatives).TypeHandle);
        }

        [Fact]
        public void Sign_of_a_product_moves_out_front()
        {
            var product = new Binary("*", new Unary("-", V("a"), D), V("b"), D);
            var (magnitude, negative) = AdjointAlgebra.SplitSign(product);
            Assert.True(negative);
            Assert.Equal("a * b", CSharpPrinter.Print(magnitude));
            Assert.Equal(V("a"), AdjointAlgebra.Neg(AdjointAlgebra.Neg(V("a"))));
            Assert.False(AdjointAlgebra.SplitSign(new Binary("+", new Unary("-", V("a"), D), V("b"), D)).Negative);
        }

        [Fact]
        public void Reciprocal_partials_become_divisions()
        {
            var scaled = AdjointAlgebra.Scale(V("dY"), Rule("1.0 / {0}") is Binary b ? b with { Right = V("x") } : V("?"));
            Assert.Equal("dY / x", CSharpPrinter.Print(scaled));
            Assert.Equal("dY", CSharpPrinter.Print(AdjointAlgebra.Mul(V("dY"), new Lit("1.0", D))));
        }
    }
}
