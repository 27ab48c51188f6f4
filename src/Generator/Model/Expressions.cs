using System.Linq;

namespace GradGen.Generator.Model
{
    // The expression IR: a small typed tree close to C#, so that the emitter can print forward code
    // that reads like the user's and the differentiator can recompute operands in the reverse sweep.

    /// <summary>An expression of the intermediate representation.</summary>
    public abstract record Expr(Ty Type);

    /// <summary>A literal, printed as written ("1", "0.5", "true").</summary>
    public sealed record Lit(string Text, Ty Type) : Expr(Type);

    /// <summary>A read of a local or parameter.</summary>
    public sealed record VarRef(string Name, Ty Type) : Expr(Type);

    /// <summary>An element access <c>a[i]</c>, <c>a[i, j]</c>; jagged access nests: <c>(a[i])[j]</c>.</summary>
    public sealed record ElemRef(Expr Target, EquatableArray<Expr> Indices, Ty Type) : Expr(Type);

    public sealed record Unary(string Op, Expr Operand, Ty Type) : Expr(Type);

    public sealed record Binary(string Op, Expr Left, Expr Right, Ty Type) : Expr(Type);

    public sealed record Cond(Expr Test, Expr WhenTrue, Expr WhenFalse, Ty Type) : Expr(Type);

    /// <summary>An explicit conversion. Between floating types it carries the derivative; to an integer type it cuts it.</summary>
    public sealed record Cast(Expr Operand, Ty Type) : Expr(Type);

    /// <summary>
    /// A value the differentiator treats as a constant whose text it does not need to understand:
    /// <c>{0}.Length</c>, a field, <c>Math.PI</c>, a call with no derivative on constant arguments.
    /// <see cref="Format"/> holds <c>{k}</c> holes for <see cref="Args"/>, which may read variables.
    /// </summary>
    public sealed record Opaque(string Format, EquatableArray<Expr> Args, Ty Type) : Expr(Type)
    {
        /// <summary>The expression's span, for diagnostics about values it hides.</summary>
        public LocationInfo? Location { get; init; }
    }

    /// <summary>
    /// A call to a function whose partial derivatives are known (System.Math, or a method declaring
    /// [Derivative]): one partial per argument, an expression over <see cref="Hole"/>s for the
    /// arguments and the result; <see cref="NoPartial"/> where the function is constant in that argument.
    /// </summary>
    public sealed record ElemCall(string Method, EquatableArray<Expr> Args, EquatableArray<Expr> Partials, Ty Type) : Expr(Type)
    {
        public bool HasPartial(int argument) => argument < Partials.Count && Partials[argument] is not NoPartial;

        public bool UsesResult(int argument)
            => HasPartial(argument) && IrWalker.DescendantsAndSelf(Partials[argument]).Any(d => d is Hole { IsResult: true });
    }

    /// <summary>The partial of a function in an argument it is constant in: nothing flows there.</summary>
    public sealed record NoPartial() : Expr(Ty.Double)
    {
        public static readonly NoPartial Instance = new NoPartial();
    }

    /// <summary>
    /// A placeholder in a derivative rule: argument <see cref="Index"/> of the call, or its result
    /// when the index is <see cref="Result"/>. Filled in by <see cref="IrRewriter.Instantiate"/>.
    /// </summary>
    public sealed record Hole(int Index, Ty Type) : Expr(Type)
    {
        public const int Result = -1;

        public bool IsResult => Index == Result;
    }

    /// <summary>A call to another differentiable method, differentiated through its Pullback.</summary>
    public sealed record DiffCall(CalleeSpec Callee, Expr? Receiver, EquatableArray<Expr> Args, Ty Type) : Expr(Type)
    {
        /// <summary>The call's span, for diagnostics about its arguments.</summary>
        public LocationInfo? Location { get; init; }
    }

    /// <summary>A call with no known derivative. Fine on constants; on an active argument it is diagnosed.</summary>
    public sealed record UnknownCall(string Format, EquatableArray<Expr> Args, Ty Type, string MethodName, LocationInfo? Location) : Expr(Type)
    {
        /// <summary>What GG0008 suggests: marking the method when its source is the user's, otherwise what to write instead.</summary>
        public string Fix { get; init; } = "";
    }

    /// <summary><c>new double[n]</c> or <c>stackalloc double[n]</c>.</summary>
    public sealed record NewArray(EquatableArray<Expr> Dims, bool StackAlloc, Ty Type) : Expr(Type);

    /// <summary>
    /// A view of part of a one-dimensional array or span: <c>w.AsSpan(1)</c>, <c>x.Slice(k, m)</c>,
    /// <c>w[1..]</c>. <see cref="Length"/> is null for "to the end". Element reads through a view are
    /// rewritten to reads of <see cref="Target"/> at <c>Start + i</c>; a whole view is what a
    /// differentiable callee receives, and its adjoint is the same slice of the target's adjoint.
    /// </summary>
    public sealed record SliceRef(Expr Target, Expr Start, Expr? Length, Ty Type) : Expr(Type)
    {
        /// <summary>The element <c>Start + index</c> of the target.</summary>
        public ElemRef Element(Expr index, Ty elementType)
            => new ElemRef(Target, EquatableArray.Create(Start is Lit { Text: "0" } ? index : new Binary("+", Start, index, Ty.Int)), elementType);
    }

    /// <summary>A differentiable callee as the caller's reverse sweep needs it.</summary>
    public sealed record CalleeSpec(
        string Primal,
        string Pullback,
        bool IsStatic,
        EquatableArray<CalleeParam> Parameters,
        Ty ReturnType);

    public sealed record CalleeParam(string Name, Ty Type, bool IsWrt)
    {
        /// <summary>A writable span the callee does not differentiate with respect to: it may overwrite the argument's elements.</summary>
        public bool IsWritten => !IsWrt && Type.Shape == Shape.Span;

        /// <summary>A written floating span: an output the callee's Pullback takes a seed for.</summary>
        public bool IsOutput => IsWritten && Type.IsFloating;
    }
}

namespace GradGen.Generator.Model
{
    /// <summary>
    /// A value whose derivative is zero by construction: an integer cast of a floating value,
    /// Math.Floor/Round/Sign…. Passive; warned about when its operand is active.
    /// </summary>
    public sealed record Cutoff(Expr Value, string What, LocationInfo? Location, Ty Type) : Expr(Type);
}
