using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Parse
{
    /// <summary>
    /// Ping-pong buffers: <c>double[] tmp = u; u = next; next = tmp;</c> (or <c>(u, next) = (next, u);</c>)
    /// between time steps swaps two local arrays. Swapping their contents instead gives every later
    /// read the same values, and keeps each name bound to one array, which is what the reverse sweep
    /// needs to save and restore elements: the swap becomes an element loop.
    /// </summary>
    internal sealed partial class BodyLowering
    {
        private bool TryLowerBufferSwap(SyntaxList<StatementSyntax> statements, int i, List<Stmt> output)
        {
            if (i + 2 >= statements.Count) return false;
            if (statements[i] is not LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } tmpDecl
                || variables[0].Initializer?.Value is not IdentifierNameSyntax first
                || _model.GetDeclaredSymbol(variables[0]) is not ILocalSymbol tmp) return false;
            if (!(SimpleAssignment(statements[i + 1]) is { } second && SimpleAssignment(statements[i + 2]) is { } third)) return false;
            var a = _model.GetSymbolInfo(first).Symbol as ILocalSymbol;
            var b = _model.GetSymbolInfo(second.Right).Symbol as ILocalSymbol;
            if (a is null || b is null || SymbolEqualityComparer.Default.Equals(a, b)) return false;
            if (!SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(second.Left).Symbol, a)
                || !SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(third.Left).Symbol, b)
                || !SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(third.Right).Symbol, tmp)) return false;
            // tmp is only the swap's scratch: read nowhere else.
            var method = tmpDecl.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault();
            if (method is null) return false;
            int uses = method.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Count(n => n.Identifier.ValueText == tmp.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n).Symbol, tmp));
            if (uses != 1) return false;
            var loop = SwapLoop(a, b, OneLine(statements[i]) + " " + OneLine(statements[i + 1]) + " " + OneLine(statements[i + 2]));
            if (loop is null) return false;
            int first_ = output.Count;
            output.AddRange(loop);
            var location = LocationInfo.From(Location.Create(statements[i].SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(statements[i].SpanStart, statements[i + 2].Span.End)));
            for (int k = first_; k < output.Count; k++) output[k] = output[k] with { Location = location };
            return true;
        }

        private static AssignmentExpressionSyntax? SimpleAssignment(StatementSyntax statement)
            => statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && assignment.Left is IdentifierNameSyntax && assignment.Right is IdentifierNameSyntax ? assignment : null;

        /// <summary>
        /// <c>(u, next) = (next, u);</c>: true (and lowered) when it swaps two local arrays.
        /// </summary>
        private bool TryLowerTupleSwap(AssignmentExpressionSyntax assignment, string source, List<Stmt> output)
        {
            if (assignment.Left is not TupleExpressionSyntax { Arguments.Count: 2 } left || assignment.Right is not TupleExpressionSyntax { Arguments.Count: 2 } right) return false;
            var l0 = _model.GetSymbolInfo(left.Arguments[0].Expression).Symbol as ILocalSymbol;
            var l1 = _model.GetSymbolInfo(left.Arguments[1].Expression).Symbol as ILocalSymbol;
            if (l0 is null || l1 is null || SymbolEqualityComparer.Default.Equals(l0, l1)) return false;
            if (!(left.Arguments[0].Expression is IdentifierNameSyntax && left.Arguments[1].Expression is IdentifierNameSyntax
                && right.Arguments[0].Expression is IdentifierNameSyntax && right.Arguments[1].Expression is IdentifierNameSyntax)) return false;
            if (!SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(right.Arguments[0].Expression).Symbol, l1)
                || !SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(right.Arguments[1].Expression).Symbol, l0)) return false;
            var loop = SwapLoop(l0, l1, source);
            if (loop is null) return false;
            output.AddRange(loop);
            return true;
        }

        /// <summary>
        /// if (a.Length != b.Length) throw …; for (int k = 0; k &lt; a.Length; k++) { var t = a[k]; a[k] = b[k]; b[k] = t; }
        /// for two local floating arrays (not views of anything else); null otherwise.
        /// </summary>
        private List<Stmt>? SwapLoop(ILocalSymbol a, ILocalSymbol b, string source)
        {
            var ta = TypeMapper.Map(a.Type);
            var tb = TypeMapper.Map(b.Type);
            if (!(ta.Shape == Shape.Array || ta.Shape == Shape.Span) || ta != tb || !ta.IsFloating) return null;
            if (_arrayAliases.ContainsKey(a) || _arrayAliases.ContainsKey(b)) return null;
            var va = new VarRef(LocalName(a), ta);
            var vb = new VarRef(LocalName(b), tb);
            string k = FreshLocalName("swapIndex");
            string t = FreshLocalName("swapped");
            var index = new VarRef(k, Ty.Int);
            var element = ta.ElementScalar;
            Expr At(VarRef array) => new ElemRef(array, EquatableArray.Create<Expr>(index), element);
            var body = EquatableArray.Create<Stmt>(
                new LocalDecl(t, element, At(va), source),
                new Assign(At(va), "=", At(vb), source),
                new Assign(At(vb), "=", new VarRef(t, element), source));
            return new List<Stmt>
            {
                new If(new Binary("!=", LengthOf(va), LengthOf(vb), Ty.Bool),
                    EquatableArray.Create<Stmt>(new Throw(new Opaque("new global::System.InvalidOperationException(\"GradGen swaps the contents of '" + a.Name + "' and '" + b.Name + "', which needs equal lengths.\")", EquatableArray<Expr>.Empty, new Ty("global::System.Exception", ScalarKind.Other, Shape.Scalar)), source)),
                    EquatableArray<Stmt>.Empty, source),
                new Loop(
                    EquatableArray.Create<Stmt>(new LocalDecl(k, Ty.Int, new Lit("0", Ty.Int), source)),
                    new Binary("<", index, LengthOf(va), Ty.Bool),
                    EquatableArray.Create<Stmt>(new Assign(index, "+=", new Lit("1", Ty.Int), source)),
                    body, false, source),
            };
        }
    }
}
