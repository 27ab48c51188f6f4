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
    /// Local functions are inlined at each call: the arguments bind the parameters, the body's
    /// statements run before the calling statement, and the returned expression takes the call's
    /// place. The derivative then flows through the body like through any other code.
    /// </summary>
    internal sealed partial class BodyLowering
    {
        private readonly Dictionary<ISymbol, Expr> _inlinedParameters = new Dictionary<ISymbol, Expr>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _inlining = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>The calls being inlined, outermost first: what is hoisted out of a body is hoisted out of these calls too.</summary>
        private readonly List<InvocationExpressionSyntax> _inlinedCalls = new List<InvocationExpressionSyntax>();

        private Expr InlineLocalFunction(InvocationExpressionSyntax invocation, IMethodSymbol method)
        {
            string what = "The call to the local function '" + method.Name + "'";
            var declaration = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<LocalFunctionStatementSyntax>().FirstOrDefault();
            string? blocker = declaration is null ? "it has no body GradGen can read" : InlineBlocker(declaration, method);
            if (blocker is not null)
                return Unsupported(Descriptors.UnsupportedExpression, invocation, what, blocker + "; write it as a method of the type marked [Differentiable] and call that");
            if (_inlining.Contains(method))
                return Unsupported(Descriptors.UnsupportedExpression, invocation, "A recursive call to the local function '" + method.Name + "'", "write the recursion as a loop");
            var args = ArgumentsByParameter(invocation, method);
            if (args is null)
                return Unsupported(Descriptors.UnsupportedExpression, invocation, what + " with these arguments", "pass one argument per parameter (no params arrays)");

            var body = declaration!.Body;
            var statements = body is null ? new List<StatementSyntax>() : body.Statements.ToList();
            ExpressionSyntax? result = declaration.ExpressionBody?.Expression;
            if (statements.Count > 0 && statements[statements.Count - 1] is ReturnStatementSyntax { Expression: { } returned })
            {
                result = returned;
                statements.RemoveAt(statements.Count - 1);
            }
            if (result is null)
                return Unsupported(Descriptors.UnsupportedExpression, invocation, what, "end its body with a single return statement");
            if (statements.Count > 0 && !CanHoist(invocation))
                return Unsupported(Descriptors.UnsupportedExpression, invocation, what + " here", "call it in a statement of its own (var y = " + method.Name + "(…);), not in a loop header, a condition or a ?: branch");

            // Bind the parameters: a variable or constant argument directly, anything else computed
            // once into a local before the statement (or, where that cannot be, read where it is used).
            var bound = new List<ISymbol>();
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                var p = method.Parameters[i];
                var pty = TypeMapper.Map(p.Type);
                var arg = pty.IsScalar ? Convert(args[i], pty) : args[i];
                string argText = invocation.ArgumentList.Arguments.Count > i ? OneLine(invocation.ArgumentList.Arguments[i].Expression) : "default";
                if (!pty.IsScalar && !(arg is VarRef || arg is ElemRef || arg is SliceRef || arg is Opaque))
                    return Unsupported(Descriptors.UnsupportedExpression, invocation, "Passing '" + argText + "' to the local function '" + method.Name + "'", "pass a local or parameter array");
                if (pty.IsScalar && !IsSimple(arg) && (statements.Count > 0 || Uses(declaration, p) > 1) && CanHoist(invocation))
                {
                    string name = FreshLocalName(p.Name);
                    _pre!.Add(new LocalDecl(name, pty, arg, pty.Name + " " + name + " = " + argText + "; // the argument of " + method.Name));
                    arg = new VarRef(name, pty);
                }
                _inlinedParameters[p] = arg;
                bound.Add(p);
            }
            // Each inlined copy gets its own names for the function's locals.
            foreach (var local in DeclaredLocals(declaration)) _localNames.Remove(local);

            _inlining.Add(method);
            _inlinedCalls.Add(invocation);
            try
            {
                var into = _pre!;
                foreach (var s in statements) LowerStatement(s, into);
                return Convert(LowerExpr(result), TypeMapper.Map(method.ReturnType));
            }
            finally
            {
                _inlining.Remove(method);
                _inlinedCalls.RemoveAt(_inlinedCalls.Count - 1);
                foreach (var p in bound) _inlinedParameters.Remove(p);
            }
        }

        /// <summary>Why a local function cannot be inlined, or null.</summary>
        private string? InlineBlocker(LocalFunctionStatementSyntax declaration, IMethodSymbol method)
        {
            if (method.IsGenericMethod) return "it is generic";
            if (method.ReturnsVoid) return "it returns nothing (a local function is inlined where its value is used)";
            if (method.IsAsync) return "it is async";
            if (declaration.Body is null && declaration.ExpressionBody is null) return "it has no body";
            if (method.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams)) return "it has a ref, out, in or params parameter";
            var parameters = new HashSet<ISymbol>(method.Parameters, SymbolEqualityComparer.Default);
            foreach (var node in declaration.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax || (n is LocalFunctionStatementSyntax && n != declaration))))
            {
                switch (node)
                {
                    case YieldStatementSyntax:
                        return "it is an iterator";
                    case ReturnStatementSyntax r when declaration.Body is not null && (r.Parent != declaration.Body || r != declaration.Body.Statements.Last()):
                        return "it returns before its last statement";
                    case AssignmentExpressionSyntax a when WritesParameter(a.Left, parameters):
                        return "it assigns to its parameter '" + OneLine(a.Left) + "'";
                    case PrefixUnaryExpressionSyntax u when (u.IsKind(SyntaxKind.PreIncrementExpression) || u.IsKind(SyntaxKind.PreDecrementExpression)) && WritesParameter(u.Operand, parameters):
                        return "it changes its parameter '" + OneLine(u.Operand) + "'";
                    case PostfixUnaryExpressionSyntax u when (u.IsKind(SyntaxKind.PostIncrementExpression) || u.IsKind(SyntaxKind.PostDecrementExpression)) && WritesParameter(u.Operand, parameters):
                        return "it changes its parameter '" + OneLine(u.Operand) + "'";
                }
            }
            return null;
        }

        /// <summary>A write to a parameter or to an element of one.</summary>
        private bool WritesParameter(ExpressionSyntax target, HashSet<ISymbol> parameters)
        {
            while (true)
            {
                if (target is ParenthesizedExpressionSyntax p) { target = p.Expression; continue; }
                if (target is ElementAccessExpressionSyntax e) { target = e.Expression; continue; }
                break;
            }
            if (target is TupleExpressionSyntax tuple) return tuple.Arguments.Any(a => WritesParameter(a.Expression, parameters));
            var symbol = _model.GetSymbolInfo(target).Symbol;
            return symbol is not null && parameters.Contains(symbol);
        }

        private int Uses(LocalFunctionStatementSyntax declaration, IParameterSymbol parameter)
            => declaration.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Count(n => n.Identifier.ValueText == parameter.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n).Symbol, parameter));

        private IEnumerable<ILocalSymbol> DeclaredLocals(LocalFunctionStatementSyntax declaration)
        {
            foreach (var node in declaration.DescendantNodes())
            {
                var symbol = node switch
                {
                    VariableDeclaratorSyntax v => _model.GetDeclaredSymbol(v),
                    SingleVariableDesignationSyntax d => _model.GetDeclaredSymbol(d),
                    ForEachStatementSyntax f => _model.GetDeclaredSymbol(f),
                    _ => null,
                };
                if (symbol is ILocalSymbol local) yield return local;
            }
        }

        /// <summary>
        /// The declaration of a local function is not code that runs: its calls are inlined. A use
        /// that is not a call (a delegate) cannot be, and is reported.
        /// </summary>
        private void CheckLocalFunctionUses(LocalFunctionStatementSyntax function)
        {
            if (_model.GetDeclaredSymbol(function) is not IMethodSymbol symbol) return;
            var scope = function.Parent;
            if (scope is null) return;
            foreach (var name in scope.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Identifier.ValueText != symbol.Name) continue;
                if (!SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name).Symbol, symbol)) continue;
                if (name.Parent is InvocationExpressionSyntax call && call.Expression == name) continue;
                Report(Descriptors.UnsupportedExpression, name, "Using the local function '" + symbol.Name + "' as a delegate", "call it directly (GradGen inlines local function calls)");
            }
        }
    }
}
