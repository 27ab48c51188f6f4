using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Parse
{
    /// <summary>
    /// Turns a derivative template (<c>"1.0 / {0}"</c>, <c>"{r} * (1.0 - {r})"</c>) into an expression
    /// tree over <see cref="Hole"/>s, once: the chain rule then multiplies trees, and the printer is
    /// the only place that makes text. Calls inside a template become <see cref="ElemCall"/>s with no
    /// partials (only their value is needed); names and member accesses that read no hole are kept
    /// as <see cref="Opaque"/> text.
    /// </summary>
    internal static class DerivativeRules
    {
        private const string ArgumentStem = "__gradgen_arg";
        private const string ResultName = "__gradgen_result";

        private static readonly Regex Placeholder = new Regex(@"\{(\d+|r)\}", RegexOptions.CultureInvariant);

        /// <summary>
        /// The tree of one template, or the reason it is not one: <paramref name="parameters"/> are
        /// the types of the arguments, <paramref name="result"/> the type of the function's value.
        /// </summary>
        public static Expr? Parse(string template, IReadOnlyList<Ty> parameters, Ty result, out string? error)
        {
            error = null;
            string text = Placeholder.Replace(template, m => m.Groups[1].Value == "r" ? ResultName : ArgumentStem + m.Groups[1].Value);
            if (text.IndexOf('{') >= 0 || text.IndexOf('}') >= 0)
            {
                error = "has a brace that is not a placeholder";
                return null;
            }
            var syntax = SyntaxFactory.ParseExpression(text);
            var parseError = syntax.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (parseError is not null)
            {
                error = "is not a C# expression: " + parseError.GetMessage(CultureInfo.InvariantCulture);
                return null;
            }
            var converter = new Converter(parameters, result);
            var tree = converter.Convert(syntax);
            error = converter.Error;
            return error is null ? tree : null;
        }

        private sealed class Converter
        {
            private readonly IReadOnlyList<Ty> _parameters;
            private readonly Ty _result;

            public Converter(IReadOnlyList<Ty> parameters, Ty result)
            {
                _parameters = parameters;
                _result = result;
            }

            public string? Error { get; private set; }

            public Expr Convert(ExpressionSyntax syntax)
            {
                switch (syntax)
                {
                    case ParenthesizedExpressionSyntax p:
                        return Convert(p.Expression);
                    case IdentifierNameSyntax id when id.Identifier.ValueText == ResultName:
                        return new Hole(Hole.Result, _result);
                    case IdentifierNameSyntax id when id.Identifier.ValueText.StartsWith(ArgumentStem, System.StringComparison.Ordinal):
                        {
                            int index = int.Parse(id.Identifier.ValueText.Substring(ArgumentStem.Length), CultureInfo.InvariantCulture);
                            if (index < _parameters.Count) return new Hole(index, _parameters[index]);
                            return Fail("refers to argument " + index + ", but the method has " + _parameters.Count + " parameter" + (_parameters.Count == 1 ? "" : "s"));
                        }
                    case LiteralExpressionSyntax literal:
                        return new Lit(literal.Token.Text, LiteralType(literal));
                    case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) || u.IsKind(SyntaxKind.UnaryPlusExpression) || u.IsKind(SyntaxKind.LogicalNotExpression):
                        {
                            var operand = Convert(u.Operand);
                            return new Unary(u.OperatorToken.Text, operand, u.IsKind(SyntaxKind.LogicalNotExpression) ? Ty.Bool : operand.Type);
                        }
                    case BinaryExpressionSyntax b when IsModelled(b):
                        {
                            var left = Convert(b.Left);
                            var right = Convert(b.Right);
                            string op = b.OperatorToken.Text;
                            return new Binary(op, left, right, IsArithmetic(op) ? Wider(left.Type, right.Type) : Ty.Bool);
                        }
                    case ConditionalExpressionSyntax c:
                        {
                            var test = Convert(c.Condition);
                            var whenTrue = Convert(c.WhenTrue);
                            var whenFalse = Convert(c.WhenFalse);
                            return new Cond(test, whenTrue, whenFalse, Wider(whenTrue.Type, whenFalse.Type));
                        }
                    case CastExpressionSyntax cast when cast.Type is PredefinedTypeSyntax keyword && (keyword.Keyword.IsKind(SyntaxKind.DoubleKeyword) || keyword.Keyword.IsKind(SyntaxKind.FloatKeyword)):
                        return new Cast(Convert(cast.Expression), keyword.Keyword.IsKind(SyntaxKind.FloatKeyword) ? Ty.Float : Ty.Double);
                    case InvocationExpressionSyntax call when IsName(call.Expression) && call.ArgumentList.Arguments.All(a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None)):
                        {
                            var args = call.ArgumentList.Arguments.Select(a => Convert(a.Expression)).ToEquatableArray();
                            string method = call.Expression.ToString();
                            var partials = args.Select(_ => (Expr)NoPartial.Instance).ToEquatableArray();
                            return new ElemCall(method, args, partials, CallType(method, args));
                        }
                    case var other when IsName(other):
                        // A constant the rule names (Math.PI, a field): its text, unexamined.
                        return new Opaque(other.ToString().Replace("{", "{{").Replace("}", "}}"), EquatableArray<Expr>.Empty, Ty.Double);
                    default:
                        return Fail("uses " + syntax.Kind() + ", which GradGen does not model in a derivative (use arithmetic, ?:, comparisons, casts and calls)");
                }
            }

            private Expr Fail(string message)
            {
                Error ??= message;
                return new Lit("default", Ty.Double);
            }

            private static bool IsModelled(BinaryExpressionSyntax b)
            {
                string op = b.OperatorToken.Text;
                return IsArithmetic(op) || op is "<" or ">" or "<=" or ">=" or "==" or "!=" or "&&" or "||";
            }

            /// <summary>A name (<c>Math.PI</c>, <c>global::N.C.F</c>) that reads no placeholder.</summary>
            private static bool IsName(ExpressionSyntax node) => node switch
            {
                IdentifierNameSyntax id => !id.Identifier.ValueText.StartsWith("__gradgen_", System.StringComparison.Ordinal),
                GenericNameSyntax => true,
                AliasQualifiedNameSyntax => true,
                QualifiedNameSyntax => true,
                MemberAccessExpressionSyntax m => m.IsKind(SyntaxKind.SimpleMemberAccessExpression) && (IsName(m.Expression) || m.Expression is PredefinedTypeSyntax),
                _ => false,
            };

            private Ty CallType(string method, EquatableArray<Expr> args)
            {
                if (method.Contains("MathF.")) return Ty.Float;
                if (method.Contains("Math.")) return Ty.Double;
                return args.Count > 0 && args[0].Type.IsFloating ? args[0].Type : _result;
            }

            private static Ty LiteralType(LiteralExpressionSyntax literal)
            {
                if (literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression)) return Ty.Bool;
                return literal.Token.Value switch
                {
                    float => Ty.Float,
                    double => Ty.Double,
                    int => Ty.Int,
                    long => Ty.Long,
                    _ => new Ty("object", ScalarKind.Other, Shape.Scalar),
                };
            }
        }

        private static bool IsArithmetic(string op) => op is "+" or "-" or "*" or "/" or "%";

        /// <summary>The type of a binary arithmetic result under C#'s numeric promotions, as far as rules need it.</summary>
        public static Ty Wider(Ty a, Ty b)
        {
            if (a.Scalar == ScalarKind.Double || b.Scalar == ScalarKind.Double) return Ty.Double;
            if (a.Scalar == ScalarKind.Float || b.Scalar == ScalarKind.Float) return Ty.Float;
            if (a.Scalar == ScalarKind.Long || b.Scalar == ScalarKind.Long) return Ty.Long;
            if (a.Scalar == ScalarKind.Int && b.Scalar == ScalarKind.Int) return Ty.Int;
            return Ty.Double;
        }
    }
}
