namespace GradGen.Generator.Model
{
    /// <summary>
    /// A statement of the intermediate representation. <see cref="Source"/> is the original C#
    /// statement text, quoted in comments above the code that differentiates it.
    /// </summary>
    public abstract record Stmt(string Source)
    {
        /// <summary>The statement's span, for diagnostics that the later stages raise about it.</summary>
        public LocationInfo? Location { get; init; }
    }

    /// <summary>A local declaration; <c>Init</c> is null for a plain <c>double s;</c>.</summary>
    public sealed record LocalDecl(string Name, Ty Type, Expr? Init, string Source) : Stmt(Source);

    /// <summary><c>target op value</c> with op one of = += -= *= /=.</summary>
    public sealed record Assign(Expr Target, string Op, Expr Value, string Source) : Stmt(Source);

    public sealed record If(Expr Condition, EquatableArray<Stmt> Then, EquatableArray<Stmt> Else, string Source) : Stmt(Source);

    /// <summary>
    /// Every loop: <c>for (Init; Condition; Step) Body</c>; a while loop has no Init or Step; a do loop
    /// sets <see cref="TestAfter"/>. foreach over an array or span is lowered to an index loop.
    /// </summary>
    public sealed record Loop(
        EquatableArray<Stmt> Init,
        Expr? Condition,
        EquatableArray<Stmt> Step,
        EquatableArray<Stmt> Body,
        bool TestAfter,
        string Source) : Stmt(Source);

    public sealed record Return(Expr? Value, string Source) : Stmt(Source);

    public sealed record Break(string Source) : Stmt(Source);

    public sealed record Continue(string Source) : Stmt(Source);

    /// <summary><c>throw …;</c>: replayed as is in the forward sweep.</summary>
    public sealed record Throw(Expr? Exception, string Source) : Stmt(Source);

    /// <summary>
    /// Sets every element of a local array to zero: what <c>new double[n]</c> inside a loop does on
    /// every iteration once the allocation itself is hoisted before the loop.
    /// </summary>
    public sealed record ZeroArray(string Name, Ty Type, string Source) : Stmt(Source);

    /// <summary>An expression evaluated for its effect (a call).</summary>
    public sealed record ExprStmt(Expr Expression, string Source) : Stmt(Source);
}
