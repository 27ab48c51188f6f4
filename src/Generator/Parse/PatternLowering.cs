using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Parse
{
    /// <summary>
    /// Switch expressions and pattern case labels, lowered to tests: <c>r switch { &lt; -1.0 =&gt; a, _ =&gt; b }</c>
    /// becomes <c>r &lt; -1.0 ? a : b</c>, whose derivative flows through the arm taken.
    /// </summary>
    internal sealed partial class BodyLowering
    {
        private const string PatternFix = "use constant or relational patterns combined with and, or, not (< -1.0, 0 or 1, _), and a when clause without new variables";

        private Expr LowerSwitchExpression(SwitchExpressionSyntax switchExpression)
        {
            var type = TypeOf(switchExpression);
            var subject = SwitchSubject(switchExpression.GoverningExpression, switchExpression);
            if (subject is null)
                return Unsupported(Descriptors.UnsupportedExpression, switchExpression.GoverningExpression, "Switching on '" + OneLine(switchExpression.GoverningExpression) + "' here",
                    "compute it into a local first and switch on the local");

            var arms = switchExpression.Arms;
            // No arm matched: the original throws, and so does the lowered code.
            Expr chain = new Opaque("throw new global::System.InvalidOperationException(\"No arm of the switch expression matched.\")", EquatableArray<Expr>.Empty, type)
            {
                Location = LocationInfo.From(switchExpression),
            };
            for (int i = arms.Count - 1; i >= 0; i--)
            {
                var arm = arms[i];
                var value = Convert(LowerExpr(arm.Expression), type);
                var test = PatternTest(arm.Pattern, subject);
                if (test is null) return new Lit("default", type);
                if (arm.WhenClause is { } when)
                {
                    var guard = LowerExpr(when.Condition);
                    test = test is Lit { Text: "true" } ? guard : new Binary("&&", test, guard, Ty.Bool);
                }
                chain = test is Lit { Text: "true" } ? value : new Cond(test, value, chain, type);
            }
            return chain;
        }

        /// <summary>
        /// The switched-on value, read by every arm's test: a variable or constant as it is, anything
        /// else computed once into a local before the statement (null where that is not possible).
        /// </summary>
        private Expr? SwitchSubject(ExpressionSyntax governing, ExpressionSyntax whole)
        {
            var subject = LowerExpr(governing);
            if (IsSimple(subject)) return subject;
            // Arithmetic on variables is pure and cheap: where no statement can hold it, each test recomputes it.
            if (!CanHoist(whole))
                return IrWalker.DescendantsAndSelf(subject).All(e => e is Lit || e is VarRef || e is ElemRef || e is Unary || e is Binary || e is Cast) ? subject : null;
            string name = FreshLocalName("switchValue");
            _pre!.Add(new LocalDecl(name, subject.Type, subject, subject.Type.Name + " " + name + " = " + OneLine(governing) + ";"));
            return new VarRef(name, subject.Type);
        }

        /// <summary>A value cheap and safe to read more than once: a variable, a constant, an element at constant or variable indices.</summary>
        private static bool IsSimple(Expr e) => e switch
        {
            VarRef or Lit => true,
            Opaque o => o.Args.Count == 0,
            ElemRef x => IsSimple(x.Target) && x.Indices.All(IsSimple),
            _ => false,
        };

        /// <summary>The test of a pattern against <paramref name="subject"/>, or null after a diagnostic.</summary>
        private Expr? PatternTest(PatternSyntax pattern, Expr subject)
        {
            switch (pattern)
            {
                case DiscardPatternSyntax:
                    return new Lit("true", Ty.Bool);
                case VarPatternSyntax { Designation: DiscardDesignationSyntax }:
                    return new Lit("true", Ty.Bool);
                case ParenthesizedPatternSyntax p:
                    return PatternTest(p.Pattern, subject);
                case ConstantPatternSyntax constant:
                    {
                        var value = _model.GetConstantValue(constant.Expression);
                        if (value.HasValue && value.Value is null) break;
                        if (value.HasValue && (value.Value is double d && double.IsNaN(d) || value.Value is float f && float.IsNaN(f)))
                            return new Opaque(subject.Type.ElementName + ".IsNaN({0})", EquatableArray.Create(subject), Ty.Bool);
                        return new Binary("==", subject, LowerExpr(constant.Expression), Ty.Bool);
                    }
                case RelationalPatternSyntax relational:
                    return new Binary(relational.OperatorToken.Text, subject, LowerExpr(relational.Expression), Ty.Bool);
                case BinaryPatternSyntax binary:
                    {
                        var left = PatternTest(binary.Left, subject);
                        var right = PatternTest(binary.Right, subject);
                        if (left is null || right is null) return null;
                        return new Binary(binary.IsKind(SyntaxKind.AndPattern) ? "&&" : "||", left, right, Ty.Bool);
                    }
                case UnaryPatternSyntax { } negated when negated.IsKind(SyntaxKind.NotPattern):
                    {
                        var inner = PatternTest(negated.Pattern, subject);
                        return inner is null ? null : new Unary("!", inner, Ty.Bool);
                    }
            }
            Report(Descriptors.UnsupportedExpression, pattern, "The pattern '" + OneLine(pattern) + "'", PatternFix);
            return null;
        }
    }
}
