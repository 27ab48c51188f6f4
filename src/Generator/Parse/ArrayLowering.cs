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
    /// Array idioms desugared to what the differentiator already knows: views (<c>w.AsSpan(1)</c>,
    /// <c>x.Slice(k, m)</c>, <c>w[1..]</c>) become <see cref="SliceRef"/>; initializers become
    /// <c>new</c> plus element assignments; copies (<c>Clone</c>, <c>ToArray</c>, <c>CopyTo</c>,
    /// <c>Array.Copy</c>) become an allocation and an element loop.
    /// </summary>
    internal sealed partial class BodyLowering
    {
        /// <summary>Part of a one-dimensional array or span: <see cref="Length"/> null means "to the end".</summary>
        private sealed record View(Expr Target, Expr Start, Expr? Length, ExpressionSyntax TargetSyntax)
        {
            public Expr Count => Length ?? (Start is Lit { Text: "0" } ? LengthOf(Target) : new Binary("-", LengthOf(Target), Start, Ty.Int));
        }

        private static Expr LengthOf(Expr array) => new Opaque("{0}.Length", EquatableArray.Create(array), Ty.Int);

        private static Expr Plus(Expr a, Expr b)
            => a is Lit { Text: "0" } ? b : b is Lit { Text: "0" } ? a : new Binary("+", a, b, Ty.Int);

        private static bool IsOneDimensional(Ty ty) => ty.Shape == Shape.Array || ty.Shape == Shape.Span || ty.Shape == Shape.ReadOnlySpan;

        /// <summary>The view an expression denotes (a whole array or span, or part of one), or null.</summary>
        private View? TryView(ExpressionSyntax syntax)
        {
            while (true)
            {
                if (syntax is ParenthesizedExpressionSyntax p) { syntax = p.Expression; continue; }
                if (syntax is PostfixUnaryExpressionSyntax s && s.IsKind(SyntaxKind.SuppressNullableWarningExpression)) { syntax = s.Operand; continue; }
                break;
            }
            if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation && IsViewMethod(invocation))
            {
                var inner = TryView(access.Expression);
                if (inner is null) return null;
                var args = invocation.ArgumentList.Arguments;
                if (args.Count == 0) return inner;
                if (args.Count == 1 && args[0].Expression is RangeExpressionSyntax range) return Narrow(inner, range);
                if (args.Count == 1 && args[0].Expression is PrefixUnaryExpressionSyntax fromEnd && fromEnd.IsKind(SyntaxKind.IndexExpression) && IsInt(fromEnd.Operand))
                {
                    var k = LowerExpr(fromEnd.Operand);
                    return inner with { Start = Plus(inner.Start, new Binary("-", inner.Count, k, Ty.Int)), Length = inner.Length is null ? null : k };
                }
                if (args.Count > 2 || args.Any(a => a.NameColon is not null || !IsInt(a.Expression))) return null;
                var start = LowerExpr(args[0].Expression);
                return inner with
                {
                    Start = Plus(inner.Start, start),
                    Length = args.Count == 2 ? LowerExpr(args[1].Expression) : inner.Length is null ? null : new Binary("-", inner.Length, start, Ty.Int),
                };
            }
            if (syntax is ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } rangeArgs } element && rangeArgs[0].Expression is RangeExpressionSyntax r
                && IsOneDimensional(TypeOf(element.Expression)))
            {
                var inner = TryView(element.Expression);
                return inner is null ? null : Narrow(inner, r);
            }
            var type = TypeOf(syntax);
            if (!IsOneDimensional(type)) return null;
            var target = LowerExpr(syntax);
            if (target is SliceRef slice) return new View(slice.Target, slice.Start, slice.Length, syntax);
            if (target is VarRef || target is ElemRef) return new View(target, new Lit("0", Ty.Int), null, syntax);
            return null;
        }

        private bool IsInt(ExpressionSyntax e) => TypeOf(e) is { IsScalar: true, Scalar: ScalarKind.Int };

        /// <summary>MemoryExtensions.AsSpan and Span/ReadOnlySpan.Slice: views, not copies.</summary>
        private bool IsViewMethod(InvocationExpressionSyntax invocation)
        {
            if (_model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method) return false;
            string type = (method.ReducedFrom ?? method).ContainingType.OriginalDefinition.ToDisplayString();
            return (method.Name == "AsSpan" && type == "System.MemoryExtensions")
                || (method.Name == "Slice" && (type == "System.Span<T>" || type == "System.ReadOnlySpan<T>"));
        }

        /// <summary>A range applied to a view: <c>a..b</c>, either end optional, either end from the end (<c>^k</c>).</summary>
        private View? Narrow(View inner, RangeExpressionSyntax range)
        {
            Expr? Bound(ExpressionSyntax? e, Expr whenMissing)
            {
                if (e is null) return whenMissing;
                if (e is PrefixUnaryExpressionSyntax fromEnd && fromEnd.IsKind(SyntaxKind.IndexExpression))
                    return IsInt(fromEnd.Operand) ? new Binary("-", inner.Count, LowerExpr(fromEnd.Operand), Ty.Int) : null;
                return IsInt(e) ? LowerExpr(e) : null;
            }
            var from = Bound(range.LeftOperand, new Lit("0", Ty.Int));
            var to = Bound(range.RightOperand, inner.Count);
            if (from is null || to is null) return null;
            Expr? length = range.RightOperand is null && inner.Length is null ? null
                : from is Lit { Text: "0" } ? to : new Binary("-", to, from, Ty.Int);
            return inner with { Start = Plus(inner.Start, from), Length = length };
        }

        /// <summary><c>w.AsSpan(1)</c>, <c>x.Slice(k, m)</c>, <c>w[1..]</c> of a floating array: a <see cref="SliceRef"/>.</summary>
        private Expr? LowerView(ExpressionSyntax syntax)
        {
            var view = TryView(syntax);
            if (view is null) return null;
            var type = TypeOf(syntax);
            var shape = view.Target.Type.Shape == Shape.ReadOnlySpan || type.Shape == Shape.ReadOnlySpan ? Shape.ReadOnlySpan : Shape.Span;
            var sliceType = new Ty((shape == Shape.Span ? "global::System.Span<" : "global::System.ReadOnlySpan<") + view.Target.Type.ElementName + ">", view.Target.Type.Scalar, shape);
            return new SliceRef(view.Target, view.Start, view.Length, sliceType);
        }

        // ----- initializers -----

        /// <summary>The element expressions of <c>{ a, b }</c>, <c>new[] { a, b }</c>, <c>new double[] { a, b }</c> or <c>[a, b]</c>, or null.</summary>
        private static IReadOnlyList<ExpressionSyntax>? InitializerElements(ExpressionSyntax syntax)
        {
            switch (syntax)
            {
                case InitializerExpressionSyntax list when list.IsKind(SyntaxKind.ArrayInitializerExpression):
                    return list.Expressions;
                case ArrayCreationExpressionSyntax { Initializer: { } init } creation when creation.Type.RankSpecifiers.Count == 1 && creation.Type.RankSpecifiers[0].Rank == 1:
                    return init.Expressions;
                case ImplicitArrayCreationExpressionSyntax implicitArray when implicitArray.Commas.Count == 0:
                    return implicitArray.Initializer.Expressions;
                case CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax):
                    return collection.Elements.Select(e => ((ExpressionElementSyntax)e).Expression).ToList();
                default:
                    return null;
            }
        }

        /// <summary>
        /// <c>double[] w = { a, b };</c> ==> <c>double[] w = new double[2]; w[0] = a; w[1] = b;</c>: an
        /// ordinary local array, so active elements differentiate like any element write.
        /// </summary>
        private bool TryLowerInitializedArray(string name, Ty type, ExpressionSyntax value, string source, List<Stmt> output)
        {
            if (!(type.Shape == Shape.Array || type.Shape == Shape.Span) || !type.IsFloating) return false;
            var elements = InitializerElements(value);
            if (elements is null) return false;
            var count = new Lit(elements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Ty.Int);
            var lowered = elements.Select(LowerExpr).ToList();
            output.Add(new LocalDecl(name, type, new NewArray(EquatableArray.Create<Expr>(count), false, type), source));
            for (int i = 0; i < lowered.Count; i++)
            {
                if (lowered[i] is Lit { Text: "0" or "0.0" or "0d" or "0f" or "0.0f" }) continue; // a new array is zero already
                var index = new Lit(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Ty.Int);
                output.Add(new Assign(new ElemRef(new VarRef(name, type), EquatableArray.Create<Expr>(index), type.ElementScalar), "=", Convert(lowered[i], type.ElementScalar), source));
            }
            return true;
        }

        /// <summary>An initializer inside an expression (an argument): a fresh local before the statement.</summary>
        private Expr? HoistInitializedArray(ExpressionSyntax syntax)
        {
            var type = TypeOf(syntax);
            if (!type.IsFloating || !IsOneDimensional(type) || InitializerElements(syntax) is null || !CanHoist(syntax)) return null;
            // [a, b] passed as a span is an array too.
            type = new Ty(type.ElementName + "[]", type.Scalar, Shape.Array);
            string name = FreshLocalName("values");
            TryLowerInitializedArray(name, type, syntax, type.Name + " " + name + " = " + OneLine(syntax) + ";", _pre!);
            return new VarRef(name, type);
        }

        /// <summary>An implicit numeric conversion the C# compiler inserted (an int literal stored in a double).</summary>
        private static Expr Convert(Expr value, Ty to)
            => value.Type.Scalar == to.Scalar || !to.IsFloating ? value
                : value is Lit { Type.Scalar: ScalarKind.Int or ScalarKind.Long } l ? l with { Type = to }
                : new Cast(value, to);

        /// <summary>
        /// Whether a sub-expression can be computed by a statement before the current one: inside a
        /// simple statement, and not in a part that runs only conditionally (?:, &amp;&amp;, ||, ??).
        /// </summary>
        private bool CanHoist(SyntaxNode node)
        {
            if (_pre is null || _hoistScope is null) return false;
            // Inside an inlined local function, its call must be hoistable too.
            return _inlinedCalls.All(Unconditional) && Unconditional(node);
        }

        private bool Unconditional(SyntaxNode node)
        {
            for (SyntaxNode? n = node; n is not null && n != _hoistScope; n = n.Parent)
            {
                if (n.Parent is ConditionalExpressionSyntax c && n != c.Condition) return false;
                if (n.Parent is SwitchExpressionArmSyntax) return false;
                if (n.Parent is BinaryExpressionSyntax b && n == b.Right && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression) || b.IsKind(SyntaxKind.CoalesceExpression))) return false;
            }
            return true;
        }

        // ----- copies -----

        /// <summary>
        /// <c>double[] u = (double[])x.Clone();</c> or <c>= x.ToArray();</c> (x an array, a span or a view):
        /// a new array of the same length and an element copy loop.
        /// </summary>
        private bool TryLowerCopiedArray(string name, Ty type, ExpressionSyntax value, string source, List<Stmt> output)
        {
            if (type.Shape != Shape.Array || !type.IsFloating) return false;
            var e = value;
            while (true)
            {
                if (e is ParenthesizedExpressionSyntax p) { e = p.Expression; continue; }
                if (e is CastExpressionSyntax cast) { e = cast.Expression; continue; }
                if (e is BinaryExpressionSyntax asCast && asCast.IsKind(SyntaxKind.AsExpression)) { e = asCast.Left; continue; }
                if (e is PostfixUnaryExpressionSyntax s && s.IsKind(SyntaxKind.SuppressNullableWarningExpression)) { e = s.Operand; continue; }
                break;
            }
            if (e is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 } invocation) return false;
            if (access.Name.Identifier.ValueText is not ("Clone" or "ToArray")) return false;
            if (_model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method) return false;
            string owner = (method.ReducedFrom ?? method).ContainingType.OriginalDefinition.ToDisplayString();
            if (!(owner == "System.Array" || owner == "System.Span<T>" || owner == "System.ReadOnlySpan<T>")) return false;
            var copied = TryView(access.Expression);
            if (copied is null || copied.Target.Type.Scalar != type.Scalar) return false;
            output.Add(new LocalDecl(name, type, new NewArray(EquatableArray.Create(copied.Count), false, type), source));
            output.Add(CopyLoop(copied, new View(new VarRef(name, type), new Lit("0", Ty.Int), null, value), copied.Count, source));
            return true;
        }

        /// <summary><c>for (int k = 0; k &lt; count; k++) to[k] = from[k];</c> over two views.</summary>
        private Loop CopyLoop(View fromView, View toView, Expr count, string source)
        {
            string k = FreshLocalName("copyIndex");
            var index = new VarRef(k, Ty.Int);
            var read = new SliceRef(fromView.Target, fromView.Start, null, fromView.Target.Type).Element(index, fromView.Target.Type.ElementScalar);
            var write = new SliceRef(toView.Target, toView.Start, null, toView.Target.Type).Element(index, toView.Target.Type.ElementScalar);
            return new Loop(
                EquatableArray.Create<Stmt>(new LocalDecl(k, Ty.Int, new Lit("0", Ty.Int), source)),
                new Binary("<", index, count, Ty.Bool),
                EquatableArray.Create<Stmt>(new Assign(index, "+=", new Lit("1", Ty.Int), source)),
                EquatableArray.Create<Stmt>(new Assign(write, "=", read, source)),
                false,
                source);
        }

        /// <summary>
        /// <c>x.CopyTo(u)</c>, <c>x.CopyTo(u, k)</c>, <c>Array.Copy(x, u, n)</c>, <c>Array.Copy(x, i, u, j, n)</c>,
        /// with views on either side: an element copy loop. False when the call is not one of these.
        /// </summary>
        private bool TryLowerCopyStatement(InvocationExpressionSyntax invocation, string source, List<Stmt> output)
        {
            if (_model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method || method.Name is not ("CopyTo" or "Copy")) return false;
            string owner = (method.ReducedFrom ?? method).ContainingType.OriginalDefinition.ToDisplayString();
            var args = invocation.ArgumentList.Arguments;
            if (args.Any(a => a.NameColon is not null)) return false;
            ExpressionSyntax fromSyntax, toSyntax;
            ExpressionSyntax? fromStart = null, toStart = null, countSyntax = null;
            if (method.Name == "CopyTo" && invocation.Expression is MemberAccessExpressionSyntax access
                && (owner == "System.Array" || owner == "System.Span<T>" || owner == "System.ReadOnlySpan<T>" || owner == "System.MemoryExtensions")
                && (args.Count == 1 || (args.Count == 2 && owner == "System.Array")))
            {
                fromSyntax = access.Expression;
                toSyntax = args[0].Expression;
                if (args.Count == 2) toStart = args[1].Expression;
            }
            else if (method.Name == "Copy" && owner == "System.Array" && (args.Count == 3 || args.Count == 5))
            {
                fromSyntax = args[0].Expression;
                if (args.Count == 3)
                {
                    toSyntax = args[1].Expression;
                    countSyntax = args[2].Expression;
                }
                else
                {
                    fromStart = args[1].Expression;
                    toSyntax = args[2].Expression;
                    toStart = args[3].Expression;
                    countSyntax = args[4].Expression;
                }
            }
            else
            {
                return false;
            }
            var fromType = TypeOf(fromSyntax);
            var toType = TypeOf(toSyntax);
            if (!(IsOneDimensional(fromType) && IsOneDimensional(toType)) || !toType.IsFloating) return false;
            if ((fromStart is not null && !IsInt(fromStart)) || (toStart is not null && !IsInt(toStart)) || (countSyntax is not null && !IsInt(countSyntax))) return false;

            var fromView = TryView(fromSyntax);
            var toView = TryView(toSyntax);
            if (fromView is null || toView is null)
            {
                Report(Descriptors.UnsupportedExpression, invocation, "Copying '" + OneLine(fromSyntax) + "' into '" + OneLine(toSyntax) + "'", "copy between local or parameter arrays (or their AsSpan/Slice views), or write an element loop");
                return true;
            }
            if (fromView.Target.Type.Scalar != toView.Target.Type.Scalar)
            {
                Report(Descriptors.UnsupportedExpression, invocation, "Copying between arrays of different element types", "convert the elements in a loop: u[i] = (double)x[i]");
                return true;
            }
            if (IrWalker.Root(RootOf(fromView.Target)) == IrWalker.Root(RootOf(toView.Target)))
            {
                Report(Descriptors.UnsupportedExpression, invocation, "Copying within one array", "copy through a second local array, or write an element loop in the order that does not overwrite what it still reads");
                return true;
            }
            if (!NoteElementWrite(toSyntax, "The copy into '" + OneLine(toSyntax) + "'")) return true;
            if (fromStart is not null) fromView = fromView with { Start = Plus(fromView.Start, LowerExpr(fromStart)) };
            if (toStart is not null) toView = toView with { Start = Plus(toView.Start, LowerExpr(toStart)) };
            var count = countSyntax is not null ? LowerExpr(countSyntax) : fromView.Count;
            output.Add(CopyLoop(fromView, toView, count, source));
            return true;
        }

        private static Expr RootOf(Expr e) => e is SliceRef s ? RootOf(s.Target) : e;

        /// <summary>
        /// The bookkeeping of an element write through <paramref name="destination"/> (a local, a
        /// parameter, or a view of one), as <see cref="LowerTarget"/> does for <c>a[i] = …</c>.
        /// False (after a diagnostic) when it writes state.
        /// </summary>
        private bool NoteElementWrite(ExpressionSyntax destination, string what)
        {
            var root = destination;
            while (true)
            {
                if (root is ParenthesizedExpressionSyntax p) { root = p.Expression; continue; }
                if (root is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call && IsViewMethod(call)) { root = access.Expression; continue; }
                if (root is ElementAccessExpressionSyntax element) { root = element.Expression; continue; }
                break;
            }
            var symbol = _model.GetSymbolInfo(root).Symbol;
            if (symbol is ILocalSymbol local && _arrayAliases.TryGetValue(local, out var aliased))
            {
                if (aliased is IParameterSymbol aliasedParameter)
                {
                    _aliasWrites.Add((aliasedParameter.Name, LocationInfo.From(destination), what));
                    return true;
                }
                Report(Descriptors.WriteToState, destination, OneLine(destination), StateKind(aliased) + " (through the local '" + local.Name + "')");
                return false;
            }
            if (symbol is IParameterSymbol parameter)
            {
                if (!_writtenParameters.ContainsKey(parameter.Name)) _writtenParameters[parameter.Name] = (LocationInfo.From(destination), what);
                return true;
            }
            if (symbol is ILocalSymbol) return true;
            Report(Descriptors.WriteToState, destination, OneLine(destination), StateKind(symbol));
            return false;
        }
    }
}
