using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Tidies an adjoint expression so that it reads like a hand-written gradient: folds constants,
    /// drops factors of one and double negations, and collects like terms
    /// (<c>dR * b * 100 + dR * (100 * b)</c> becomes <c>200 * dR * b</c>). A pure function on trees.
    /// <para>
    /// What it never does: drop a term multiplied by zero (<c>0 * x</c> is NaN for an infinite or NaN
    /// x, and the generator's convention is that only a structurally constant operand contributes
    /// nothing, never a numeric zero), or fold operations whose C# meaning depends on more than the
    /// literals (integer division and remainder, integer overflow). Collecting like terms and
    /// reordering a product's factors reassociate floating-point arithmetic: the result may differ
    /// in the last bits, as a hand-written gradient would.
    /// </para>
    /// </summary>
    internal static class Simplifier
    {
        public static Expr Simplify(Expr e)
        {
            switch (e)
            {
                case Unary { Op: "-" } u:
                    return AdjointAlgebra.Neg(Simplify(u.Operand));
                case Unary { Op: "+" } u when u.Operand.Type.IsFloating:
                    return Simplify(u.Operand);
                case Binary { Op: "+" or "-" } sum when sum.Type.IsFloating:
                    return SimplifySum(e);
                case Binary { Op: "*" or "/" } b:
                    {
                        var left = Simplify(b.Left);
                        var right = Simplify(b.Right);
                        if (Fold(b.Op, left, right) is { } folded) return folded;
                        if (AdjointAlgebra.IsOne(right) && !IsWidening(right, left)) return left;
                        // 1 * x is x; 1 / x is not.
                        if (b.Op == "*" && AdjointAlgebra.IsOne(left) && !IsWidening(left, right)) return right;
                        return b with { Left = left, Right = right };
                    }
                case Cast c when c.Operand is Lit l && IsFloatingLiteral(l) && c.Type.Scalar == ScalarKind.Float && Number(l) is { } value:
                    return Literal((float)value, Ty.Float);
                default:
                    return IrRewriter.MapChildren(e, Simplify);
            }
        }

        // ----- sums: like terms -----

        /// <summary>One term of a sum: sign · coefficient · factors, the factors in their first order.</summary>
        private sealed class Term
        {
            public Term(double coefficient, bool explicitCoefficient, List<Expr> factors, Expr original, bool negative)
            {
                Coefficient = coefficient;
                ExplicitCoefficient = explicitCoefficient;
                Factors = factors;
                Original = original;
                Negative = negative;
            }

            public double Coefficient { get; set; }

            public bool ExplicitCoefficient { get; set; }

            public List<Expr> Factors { get; }

            public Expr Original { get; }

            public bool Negative { get; }

            public bool Merged { get; set; }
        }

        private static Expr SimplifySum(Expr sum)
        {
            // The operands of a chain of + and −, with their signs; the left spine iteratively, so
            // that a long sum does not recurse once per term.
            var operands = new List<(Expr Operand, bool Negative)>();
            Flatten(sum, false, operands);
            var simplified = operands.Select(o => (Operand: Simplify(o.Operand), o.Negative)).ToList();

            var terms = new List<Term>();
            var byKey = new Dictionary<string, Term>();
            bool merged = false;
            foreach (var (operand, negative) in simplified)
            {
                var term = AsTerm(operand, negative);
                if (term is not null && term.Factors.Count > 0 && IsFloatingTerm(term))
                {
                    string key = string.Join("\u0001", term.Factors.Select(f => CSharpPrinter.Print(f)).OrderBy(t => t, System.StringComparer.Ordinal));
                    if (byKey.TryGetValue(key, out var first))
                    {
                        double total = Signed(first) + Signed(term);
                        if (total != 0 && !double.IsInfinity(total))
                        {
                            first.Coefficient = first.Negative ? -total : total;
                            first.ExplicitCoefficient = true;
                            first.Merged = true;
                            merged = true;
                            continue;
                        }
                    }
                    else
                    {
                        byKey[key] = term;
                    }
                }
                terms.Add(term ?? new Term(1, false, new List<Expr>(), operand, negative));
            }

            var parts = merged
                ? terms.Select(t => (Expr: t.Merged ? Rebuild(t) : t.Original, t.Negative)).ToList()
                : simplified.Select(s => (Expr: s.Operand, s.Negative)).ToList();
            return Join(parts, sum.Type);
        }

        private static double Signed(Term t) => t.Negative ? -t.Coefficient : t.Coefficient;

        private static void Flatten(Expr e, bool negative, List<(Expr, bool)> into)
        {
            var rights = new Stack<(Expr, bool)>();
            while (e is Binary { Op: "+" or "-" } b && b.Type.IsFloating)
            {
                rights.Push((b.Right, negative ^ (b.Op == "-")));
                e = b.Left;
            }
            into.Add((e, negative));
            while (rights.Count > 0)
            {
                var (right, sign) = rights.Pop();
                if (right is Binary { Op: "+" or "-" } && right.Type.IsFloating) Flatten(right, sign, into);
                else into.Add((right, sign));
            }
        }

        /// <summary>Rebuilds <c>a ± b ± c …</c>, turning <c>a + (−b)</c> into <c>a − b</c>.</summary>
        private static Expr Join(List<(Expr Expr, bool Negative)> parts, Ty type)
        {
            var (first, firstNegative) = parts[0];
            Expr result = firstNegative ? NegateLeftmost(first) : first;
            for (int i = 1; i < parts.Count; i++)
            {
                var (magnitude, negative) = AdjointAlgebra.SplitSign(parts[i].Expr);
                negative ^= parts[i].Negative;
                result = new Binary(negative ? "-" : "+", result, magnitude, type);
            }
            return result;
        }

        /// <summary>−(a · b) as (−a) · b, which is the same number: reads "-2 * x" rather than "-(2 * x)".</summary>
        private static Expr NegateLeftmost(Expr e)
            => e is Binary { Op: "*" or "/" } b ? b with { Left = NegateLeftmost(b.Left) } : AdjointAlgebra.Neg(e);

        /// <summary>A product as coefficient and factors; null when it is not a plain product.</summary>
        private static Term? AsTerm(Expr e, bool negative)
        {
            var (magnitude, sign) = AdjointAlgebra.SplitSign(e);
            var factors = new List<Expr>();
            double coefficient = 1;
            bool explicitCoefficient = false;
            var pending = new Stack<Expr>();
            pending.Push(magnitude);
            while (pending.Count > 0)
            {
                var x = pending.Pop();
                if (x is Binary { Op: "*" } b && b.Type.IsFloating)
                {
                    pending.Push(b.Right);
                    pending.Push(b.Left);
                }
                else if (x is Lit l && Number(l) is { } value)
                {
                    coefficient *= value;
                    explicitCoefficient = true;
                }
                else
                {
                    factors.Add(x);
                }
            }
            return new Term(coefficient, explicitCoefficient, factors, magnitude, negative ^ sign);
        }

        /// <summary>True when every product in the term is floating, so that reordering it keeps C#'s arithmetic.</summary>
        private static bool IsFloatingTerm(Term t) => t.Factors[0].Type.IsFloating || t.Factors.Any(f => f.Type.Scalar == ScalarKind.Double);

        private static Expr Rebuild(Term t)
        {
            var type = t.Factors.Any(f => f.Type.Scalar == ScalarKind.Double) ? Ty.Double : Ty.Float;
            // Integral coefficients print as integers when the first factor is floating: 200 * b, not 200.0 * b.
            double magnitude = System.Math.Abs(t.Coefficient);
            bool asInteger = magnitude == System.Math.Floor(magnitude) && magnitude < 1e15 && t.Factors[0].Type.IsFloating;
            Expr coefficient = asInteger
                ? new Lit(magnitude.ToString("0", CultureInfo.InvariantCulture), Ty.Int)
                : Literal(magnitude, type);
            Expr result = magnitude == 1 ? t.Factors[0] : new Binary("*", coefficient, t.Factors[0], type);
            for (int i = 1; i < t.Factors.Count; i++) result = new Binary("*", result, t.Factors[i], type);
            return t.Coefficient < 0 ? NegateLeftmost(result) : result;
        }

        // ----- constants -----

        private static Expr? Fold(string op, Expr left, Expr right)
        {
            if (left is not Lit l || right is not Lit r || Number(l) is not { } a || Number(r) is not { } b) return null;
            bool floating = IsFloatingLiteral(l) || IsFloatingLiteral(r);
            if (!floating) return null; // integer arithmetic: division, overflow; leave it to the compiler
            bool isDouble = l.Type.Scalar == ScalarKind.Double || r.Type.Scalar == ScalarKind.Double || (IsDoubleText(l) || IsDoubleText(r));
            if (isDouble)
            {
                double value = op == "*" ? a * b : a / b;
                return double.IsNaN(value) || double.IsInfinity(value) ? null : Literal(value, Ty.Double);
            }
            float f = op == "*" ? (float)a * (float)b : (float)a / (float)b;
            return float.IsNaN(f) || float.IsInfinity(f) ? null : Literal(f, Ty.Float);
        }

        /// <summary>x * 1 with an integer x and a floating 1 converts x: only drop the 1 when it adds no conversion.</summary>
        private static bool IsWidening(Expr one, Expr other) => IsFloatingLiteral((Lit)one) && !other.Type.IsFloating;

        private static bool IsFloatingLiteral(Lit l) => IsDoubleText(l) || l.Text.EndsWith("f", System.StringComparison.OrdinalIgnoreCase);

        private static bool IsDoubleText(Lit l)
            => l.Text.EndsWith("d", System.StringComparison.OrdinalIgnoreCase)
            || (!l.Text.EndsWith("f", System.StringComparison.OrdinalIgnoreCase) && !l.Text.EndsWith("m", System.StringComparison.OrdinalIgnoreCase)
                && (l.Text.Contains(".") || l.Text.Contains("e") || l.Text.Contains("E")) && !l.Text.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase));

        /// <summary>The value of a numeric literal, or null for anything else (hex, suffixes GradGen does not fold).</summary>
        private static double? Number(Lit l)
        {
            string text = l.Text;
            if (text.Length == 0 || text.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase) || text.StartsWith("0b", System.StringComparison.OrdinalIgnoreCase)) return null;
            string digits = text.TrimEnd('f', 'F', 'd', 'D').Replace("_", "");
            if (digits.EndsWith("m", System.StringComparison.OrdinalIgnoreCase) || digits.EndsWith("u", System.StringComparison.OrdinalIgnoreCase) || digits.EndsWith("l", System.StringComparison.OrdinalIgnoreCase)) return null;
            return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;
        }

        /// <summary>A literal that round-trips: "200.0", "0.5", "2f".</summary>
        private static Lit Literal(double value, Ty type)
        {
            if (type.Scalar == ScalarKind.Float)
            {
                string f = ((float)value).ToString("R", CultureInfo.InvariantCulture);
                return new Lit(f + "f", Ty.Float);
            }
            string d = value.ToString("R", CultureInfo.InvariantCulture);
            if (d.IndexOf('.') < 0 && d.IndexOf('E') < 0) d += ".0";
            return new Lit(d, Ty.Double);
        }
    }
}
