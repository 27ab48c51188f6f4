using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// The arithmetic the chain rule does on adjoints, on trees: each step drops only what is exact
    /// in IEEE arithmetic (a factor 1, a double negation, the sign of a product moved out front).
    /// </summary>
    internal static class AdjointAlgebra
    {
        public static bool IsOne(Expr e) => e is Lit { Text: "1" or "1.0" or "1f" or "1.0f" or "1d" or "1.0d" };

        /// <summary>A value that needs no temporary to be read twice.</summary>
        public static bool IsAtom(Expr e) => e is VarRef || e is ElemRef || (e is Lit l && !l.Text.StartsWith("-", System.StringComparison.Ordinal));

        public static Expr Neg(Expr e) => e switch
        {
            // −(−x) is x exactly; never print "--".
            Unary { Op: "-" } u => u.Operand,
            Lit l when l.Text.StartsWith("-", System.StringComparison.Ordinal) => l with { Text = l.Text.Substring(1) },
            _ => new Unary("-", e, e.Type),
        };

        public static Expr Mul(Expr a, Expr b)
        {
            if (IsOne(b)) return a;
            if (IsOne(a)) return b;
            return new Binary("*", a, b, DerivativeType(a, b));
        }

        public static Expr Div(Expr a, Expr b) => IsOne(b) ? a : new Binary("/", a, b, DerivativeType(a, b));

        /// <summary>adjoint · partial, written as a division when the partial is a reciprocal.</summary>
        public static Expr Scale(Expr adjoint, Expr partial)
            => partial is Binary { Op: "/" } reciprocal && IsOne(reciprocal.Left) ? Div(adjoint, reciprocal.Right) : Mul(adjoint, partial);

        /// <summary>
        /// Takes the sign off a negated product (<c>-a * b</c> is <c>-(a * b)</c> exactly), so that
        /// <c>d += -a * b</c> can be written <c>d -= a * b</c>.
        /// </summary>
        public static (Expr Magnitude, bool Negative) SplitSign(Expr e)
        {
            switch (e)
            {
                case Unary { Op: "-" } u:
                    return (u.Operand, true);
                case Lit l when l.Text.StartsWith("-", System.StringComparison.Ordinal):
                    return (l with { Text = l.Text.Substring(1) }, true);
                case Binary { Op: "*" or "/" } b:
                    var (left, negative) = SplitSign(b.Left);
                    return negative ? (b with { Left = left }, true) : (e, false);
                default:
                    return (e, false);
            }
        }

        /// <summary>True when C# types the expression as float, so that a float adjoint takes it without a cast.</summary>
        public static bool IsFloat(Expr e) => e switch
        {
            VarRef or ElemRef or Lit => e.Type.Scalar == ScalarKind.Float && e.Type.IsScalar,
            Cast c => c.Type.Scalar == ScalarKind.Float,
            Unary { Op: "-" or "+" } u => IsFloat(u.Operand),
            Binary { Op: "+" or "-" or "*" or "/" } b => IsFloat(b.Left) && IsFloat(b.Right),
            _ => false,
        };

        /// <summary>Adjoints above this many IR nodes are bound to a local before they grow further.</summary>
        public const int LargeAdjoint = 16;

        /// <summary>More than <see cref="LargeAdjoint"/> nodes, and not an atom.</summary>
        public static bool IsLarge(Expr e) => !IsAtom(e) && IrWalker.HasMoreNodesThan(e, LargeAdjoint);

        private static Ty DerivativeType(Expr a, Expr b) => Parse.DerivativeRules.Wider(a.Type.ElementScalar, b.Type.ElementScalar);
    }
}
