using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Analyzer
{
    /// <summary>The hand-written forms GG0022 recognizes.</summary>
    public enum UnstableKind
    {
        /// <summary><c>1 / (1 + Math.Exp(-u))</c>, <c>Math.Exp(u) / (1 + Math.Exp(u))</c>: <c>GradMath.Sigmoid(u)</c>.</summary>
        Sigmoid,

        /// <summary><c>Math.Log(1 + Math.Exp(x))</c>: <c>GradMath.Softplus(x)</c>.</summary>
        Softplus,

        /// <summary><c>Math.Log(Math.Exp(a) + Math.Exp(b) + …)</c>: no scalar GradMath function; the message says what to write.</summary>
        LogSumExp,
    }

    /// <summary>
    /// One occurrence: the whole expression, and the argument of the stable function
    /// (<see cref="Argument"/> already negated where the form needs it; the exponents for log-sum-exp).
    /// </summary>
    public sealed class UnstableForm
    {
        public UnstableForm(UnstableKind kind, ExpressionSyntax expression, IReadOnlyList<ExpressionSyntax> arguments, ExpressionSyntax exponent)
        {
            Kind = kind;
            Expression = expression;
            Arguments = arguments;
            Exponent = exponent;
        }

        /// <summary>The source's argument of Exp (for its type: an int argument needs a cast to pick GradMath's double overload).</summary>
        public ExpressionSyntax Exponent { get; }

        public UnstableKind Kind { get; }

        public ExpressionSyntax Expression { get; }

        /// <summary>The stable function's argument (Sigmoid, Softplus), or the exponents (LogSumExp).</summary>
        public IReadOnlyList<ExpressionSyntax> Arguments { get; }

        public ExpressionSyntax Argument => Arguments[0];

        /// <summary>What to write instead, as text, for the message.</summary>
        public string Replacement => Kind switch
        {
            UnstableKind.Sigmoid => "GradMath.Sigmoid(" + Argument + ")",
            UnstableKind.Softplus => "GradMath.Softplus(" + Argument + ")",
            _ => Arguments.Count == 2
                ? "Math.Max(" + Arguments[0] + ", " + Arguments[1] + ") + GradMath.Softplus(-Math.Abs(" + Arguments[0] + " - " + Arguments[1] + "))"
                : "GradMath.LogSumExp(values) over an array holding " + string.Join(", ", Arguments),
        };

        public string Name => Kind switch
        {
            UnstableKind.Sigmoid => "a hand-written sigmoid",
            UnstableKind.Softplus => "a hand-written softplus",
            _ => "the log of a sum of exponentials",
        };
    }

    /// <summary>
    /// GG0022: numerically unstable hand-written forms of functions <c>GradMath</c> computes stably.
    /// A syntax pattern check, independent of differentiation: <c>Math.Exp</c> overflows to ∞ for
    /// arguments above ~709, and then the value (∞/∞) or its derivative (∞·0) is NaN.
    /// </summary>
    public static class UnstableForms
    {
        /// <summary>Every recognized form in the method, outermost only.</summary>
        public static IEnumerable<UnstableForm> Find(SyntaxNode method, SemanticModel model, CancellationToken cancellationToken)
        {
            var found = new List<UnstableForm>();
            foreach (var node in method.DescendantNodes().OfType<ExpressionSyntax>())
            {
                if (found.Any(f => f.Expression.Span.Contains(node.Span))) continue;
                var form = Match(node, model, cancellationToken);
                if (form is not null) found.Add(form);
            }
            return found;
        }

        /// <summary>The form <paramref name="node"/> is, or null.</summary>
        public static UnstableForm? Match(ExpressionSyntax node, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (node)
            {
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.DivideExpression } division:
                    return MatchSigmoid(division, model, cancellationToken);
                case InvocationExpressionSyntax invocation when MathCall(invocation, "Log", model, cancellationToken) is { } logArgument:
                    return MatchLog(invocation, logArgument, model, cancellationToken);
                default:
                    return null;
            }
        }

        private static UnstableForm? MatchSigmoid(BinaryExpressionSyntax division, SemanticModel model, CancellationToken cancellationToken)
        {
            // The denominator is 1 + exp(v) (either order).
            if (Strip(division.Right) is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum) return null;
            ExpressionSyntax? exponent = null;
            if (IsOne(sum.Left, model, cancellationToken)) exponent = ExpArgument(sum.Right, model, cancellationToken);
            else if (IsOne(sum.Right, model, cancellationToken)) exponent = ExpArgument(sum.Left, model, cancellationToken);
            if (exponent is null) return null;

            // 1 / (1 + exp(v)) = sigmoid(-v); exp(u) / (1 + exp(u)) = sigmoid(u).
            if (IsOne(division.Left, model, cancellationToken))
                return new UnstableForm(UnstableKind.Sigmoid, division, new[] { Negate(exponent) }, exponent);
            if (ExpArgument(division.Left, model, cancellationToken) is { } numerator && SyntaxFactory.AreEquivalent(Strip(numerator), Strip(exponent)))
                return new UnstableForm(UnstableKind.Sigmoid, division, new[] { Strip(exponent) }, exponent);
            return null;
        }

        private static UnstableForm? MatchLog(InvocationExpressionSyntax log, ExpressionSyntax argument, SemanticModel model, CancellationToken cancellationToken)
        {
            var terms = new List<ExpressionSyntax>();
            Flatten(Strip(argument), terms);
            if (terms.Count < 2) return null;
            var exponents = terms.Select(t => ExpArgument(t, model, cancellationToken)).ToList();
            // log(1 + exp(x)) = softplus(x).
            if (terms.Count == 2)
            {
                if (IsOne(terms[0], model, cancellationToken) && exponents[1] is { } right) return new UnstableForm(UnstableKind.Softplus, log, new[] { Strip(right) }, right);
                if (IsOne(terms[1], model, cancellationToken) && exponents[0] is { } left) return new UnstableForm(UnstableKind.Softplus, log, new[] { Strip(left) }, left);
            }
            if (exponents.All(e => e is not null)) return new UnstableForm(UnstableKind.LogSumExp, log, exponents.Select(e => Strip(e!)).ToList(), exponents[0]!);
            return null;
        }

        private static void Flatten(ExpressionSyntax e, List<ExpressionSyntax> terms)
        {
            if (e is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add)
            {
                Flatten(Strip(add.Left), terms);
                Flatten(Strip(add.Right), terms);
            }
            else
            {
                terms.Add(e);
            }
        }

        /// <summary>The argument of <c>Math.Exp(…)</c> or <c>MathF.Exp(…)</c>, or null.</summary>
        private static ExpressionSyntax? ExpArgument(ExpressionSyntax e, SemanticModel model, CancellationToken cancellationToken)
            => Strip(e) is InvocationExpressionSyntax call ? MathCall(call, "Exp", model, cancellationToken) : null;

        private static ExpressionSyntax? MathCall(InvocationExpressionSyntax call, string name, SemanticModel model, CancellationToken cancellationToken)
        {
            if (call.ArgumentList.Arguments.Count != 1) return null;
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method || method.Name != name) return null;
            string? type = method.ContainingType?.ToDisplayString();
            return type == "System.Math" || type == "System.MathF" ? call.ArgumentList.Arguments[0].Expression : null;
        }

        private static bool IsOne(ExpressionSyntax e, SemanticModel model, CancellationToken cancellationToken)
        {
            var value = model.GetConstantValue(Strip(e), cancellationToken);
            return value.HasValue && value.Value switch
            {
                double d => d == 1.0,
                float f => f == 1f,
                int i => i == 1,
                long l => l == 1,
                _ => false,
            };
        }

        private static ExpressionSyntax Strip(ExpressionSyntax e)
        {
            while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
            return e;
        }

        /// <summary>−v, without a double negation: <c>-u</c> gives <c>u</c>.</summary>
        private static ExpressionSyntax Negate(ExpressionSyntax v)
        {
            v = Strip(v);
            if (v is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus) return Strip(minus.Operand);
            var operand = v is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or LiteralExpressionSyntax
                ? v.WithoutTrivia()
                : SyntaxFactory.ParenthesizedExpression(v.WithoutTrivia());
            return SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, operand);
        }
    }
}
