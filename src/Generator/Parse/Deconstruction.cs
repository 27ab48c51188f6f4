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
    /// Tuple deconstruction of scalars, <c>var (c, s) = (Math.Cos(t), Math.Sin(t));</c> and
    /// <c>var (s, c) = Math.SinCos(t);</c>, lowered to one local (or assignment) per element.
    /// </summary>
    internal sealed partial class BodyLowering
    {
        private const string DeconstructionFix = "deconstruct a tuple literal (var (a, b) = (x, y);) or Math.SinCos, or assign each variable in its own statement";

        private void LowerDeconstruction(AssignmentExpressionSyntax assignment, string source, List<Stmt> output)
        {
            if (TryLowerTupleSwap(assignment, source, output)) return;
            // The targets, in order: a new local, an existing variable or element, or a discard (null).
            var targets = new List<(ILocalSymbol? Declared, ExpressionSyntax? Existing)?>();
            bool ok = true;
            switch (assignment.Left)
            {
                case DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax designation }:
                    foreach (var variable in designation.Variables)
                    {
                        if (variable is DiscardDesignationSyntax) targets.Add(null);
                        else if (variable is SingleVariableDesignationSyntax single && _model.GetDeclaredSymbol(single) is ILocalSymbol local) targets.Add((local, null));
                        else ok = false;
                    }
                    break;
                case TupleExpressionSyntax tuple:
                    foreach (var argument in tuple.Arguments)
                    {
                        var e = argument.Expression;
                        if (e is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single } && _model.GetDeclaredSymbol(single) is ILocalSymbol local) targets.Add((local, null));
                        else if (e is DeclarationExpressionSyntax { Designation: DiscardDesignationSyntax }) targets.Add(null);
                        else if (e is IdentifierNameSyntax && _model.GetSymbolInfo(e).Symbol is IDiscardSymbol) targets.Add(null);
                        else if (e is TupleExpressionSyntax || e is DeclarationExpressionSyntax) ok = false;
                        else targets.Add((null, e));
                    }
                    break;
                default:
                    ok = false;
                    break;
            }
            var values = ok ? DeconstructedValues(assignment.Right, targets.Count) : null;
            if (values is null)
            {
                Report(Descriptors.UnsupportedExpression, assignment, "This deconstruction", DeconstructionFix);
                return;
            }

            var lowered = new List<(Expr? Target, ILocalSymbol? Declared, Expr Value)>();
            for (int i = 0; i < targets.Count; i++)
            {
                if (targets[i] is not { } t) continue;
                if (t.Declared is { } local)
                {
                    var ty = TypeMapper.Map(local.Type);
                    if (ty.IsArrayLike)
                    {
                        Report(Descriptors.UnsupportedExpression, assignment, "Deconstructing into the array '" + local.Name + "'", DeconstructionFix);
                        return;
                    }
                    lowered.Add((null, local, Convert(values[i], ty)));
                }
                else
                {
                    var target = LowerTarget(t.Existing!);
                    if (target is null) return;
                    lowered.Add((target, null, Convert(values[i], target.Type)));
                }
            }

            // (a, b) = (b, a): every value is read before any target is written. Write through
            // temporaries when a later value reads an earlier target.
            bool clash = false;
            for (int i = 0; i < lowered.Count && !clash; i++)
            {
                if (lowered[i].Target is not { } target) continue;
                string root = IrWalker.Root(target);
                for (int k = i + 1; k < lowered.Count && !clash; k++)
                {
                    var reads = new HashSet<string>();
                    IrWalker.CollectReads(lowered[k].Value, reads);
                    if (lowered[k].Target is ElemRef later) IrWalker.CollectReads(later, reads);
                    clash = reads.Contains(root);
                }
            }
            if (clash)
            {
                for (int i = 0; i < lowered.Count; i++)
                {
                    var (target, declared, value) = lowered[i];
                    string temp = FreshLocalName("item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    output.Add(new LocalDecl(temp, value.Type, value, source));
                    lowered[i] = (target, declared, new VarRef(temp, value.Type));
                }
            }
            foreach (var (target, declared, value) in lowered)
            {
                if (declared is not null) output.Add(new LocalDecl(LocalName(declared), TypeMapper.Map(declared.Type), value, source));
                else output.Add(new Assign(target!, "=", value, source));
            }
        }

        /// <summary>The element values of a tuple literal, or of Math.SinCos(t) (Sin, Cos); null for anything else.</summary>
        private List<Expr>? DeconstructedValues(ExpressionSyntax right, int count)
        {
            while (right is ParenthesizedExpressionSyntax p) right = p.Expression;
            if (right is TupleExpressionSyntax tuple)
            {
                if (tuple.Arguments.Count != count || tuple.Arguments.Any(a => a.Expression is TupleExpressionSyntax)) return null;
                return tuple.Arguments.Select(a => LowerExpr(a.Expression)).ToList();
            }
            if (count == 2 && right is InvocationExpressionSyntax invocation && invocation.ArgumentList.Arguments.Count == 1
                && _model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "SinCos", IsStatic: true } method && KnownDerivatives.IsMathType(method.ContainingType))
            {
                var angle = LowerExpr(invocation.ArgumentList.Arguments[0].Expression);
                if (!IsSimple(angle))
                {
                    if (!CanHoist(invocation)) return null;
                    string name = FreshLocalName("angle");
                    _pre!.Add(new LocalDecl(name, angle.Type, angle, angle.Type.Name + " " + name + " = " + OneLine(invocation.ArgumentList.Arguments[0].Expression) + ";"));
                    angle = new VarRef(name, angle.Type);
                }
                var type = TypeMapper.Map(method.Parameters[0].Type);
                string owner = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                return new List<Expr>
                {
                    KnownDerivatives.MathCall(owner, "Sin", angle, type),
                    KnownDerivatives.MathCall(owner, "Cos", angle, type),
                };
            }
            return null;
        }
    }
}
