using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// The chain rule on one expression: given the adjoint of its value, emit the lines that add
    /// each active operand's share to that operand's adjoint, recomputing cheap operands and
    /// reading kept call results.
    /// </summary>
    internal sealed partial class ReverseBuilder
    {
        private sealed class PropagationContext
        {
            public PropagationContext(List<Code> lines, HashSet<string> reads, ElemCall? reusedCall, Expr? reusedTarget, HashSet<string> readsNew)
            {
                Lines = lines;
                Reads = reads;
                ReusedCall = reusedCall;
                ReusedTarget = reusedTarget;
                ReadsNew = readsNew;
            }

            public List<Code> Lines { get; }

            public HashSet<string> Reads { get; }

            /// <summary>The top-level call whose result is the assigned variable itself (y = Math.Exp(u)).</summary>
            public ElemCall? ReusedCall { get; }

            /// <summary>Where that call's result is read: the assigned variable or element.</summary>
            public Expr? ReusedTarget { get; }

            public HashSet<string> ReadsNew { get; }

            public PropagationContext With(List<Code> lines) => new PropagationContext(lines, Reads, ReusedCall, ReusedTarget, ReadsNew);
        }

        /// <summary>A primal value the reverse sweep reads: noted, so that the analysis keeps it.</summary>
        private static Expr Primal(Expr e, PropagationContext ctx)
        {
            IrWalker.CollectReads(e, ctx.Reads);
            return e;
        }

        private void Propagate(Expr e, Expr adjoint, PropagationContext ctx)
        {
            if (!_activity.IsActive(e)) return;
            // An adjoint that would grow again under another operator is named first: each level's
            // code then stays the size of that level, not of every level above it.
            if (e is not (VarRef or ElemRef) && AdjointAlgebra.IsLarge(adjoint)) adjoint = Bind(adjoint, e.Type, ctx.Lines);
            switch (e)
            {
                case VarRef v:
                    Accumulate(ctx.Lines, AdjointVar(v.Name, v.Type), Narrow(adjoint, v.Type));
                    break;
                case ElemRef x:
                    Accumulate(ctx.Lines, AdjointTarget(x, ctx.Reads), Narrow(adjoint, x.Type));
                    break;
                case Unary u when u.Op == "-":
                    Propagate(u.Operand, AdjointAlgebra.Neg(adjoint), ctx);
                    break;
                case Unary u when u.Op == "+":
                    Propagate(u.Operand, adjoint, ctx);
                    break;
                case Binary b:
                    PropagateBinary(b, adjoint, ctx);
                    break;
                case Cond c:
                    {
                        var whenTrue = new List<Code>();
                        var whenFalse = new List<Code>();
                        var adj = Bind(adjoint, c.Type, ctx.Lines);
                        Propagate(c.WhenTrue, adj, ctx.With(whenTrue));
                        Propagate(c.WhenFalse, adj, ctx.With(whenFalse));
                        string test = CSharpPrinter.Print(Primal(c.Test, ctx));
                        if (whenTrue.Count > 0) ctx.Lines.Add(new Block("if (" + test + ")", whenTrue));
                        if (whenFalse.Count > 0) ctx.Lines.Add(new Block(whenTrue.Count > 0 ? "else" : "if (!(" + test + "))", whenFalse));
                        break;
                    }
                case Cast c when c.Type.IsFloating:
                    Propagate(c.Operand, c.Operand.Type.Scalar == c.Type.Scalar ? adjoint : new Cast(adjoint, c.Operand.Type.ElementScalar), ctx);
                    break;
                case ElemCall call:
                    PropagateElementaryCall(call, adjoint, ctx);
                    break;
                case DiffCall call:
                    PropagateDifferentiableCall(call, adjoint, ctx);
                    break;
            }
        }

        private void PropagateBinary(Binary b, Expr adjoint, PropagationContext ctx)
        {
            bool left = _activity.IsActive(b.Left);
            bool right = _activity.IsActive(b.Right);
            if (left && right) adjoint = Bind(adjoint, b.Type, ctx.Lines);
            switch (b.Op)
            {
                case "+":
                    if (left) Propagate(b.Left, adjoint, ctx);
                    if (right) Propagate(b.Right, adjoint, ctx);
                    break;
                case "-":
                    if (left) Propagate(b.Left, adjoint, ctx);
                    if (right) Propagate(b.Right, AdjointAlgebra.Neg(adjoint), ctx);
                    break;
                case "*" when left && b.Left == b.Right:
                    // ∂(u·u) = 2u·∂u
                    var two = new Lit(b.Type.Scalar == ScalarKind.Float ? "2f" : "2.0", b.Type.ElementScalar);
                    Propagate(b.Left, AdjointAlgebra.Mul(two, AdjointAlgebra.Mul(adjoint, Primal(b.Right, ctx))), ctx);
                    break;
                case "*":
                    // ∂(l·r) = r·∂l + l·∂r
                    if (left) Propagate(b.Left, AdjointAlgebra.Mul(adjoint, Primal(b.Right, ctx)), ctx);
                    if (right) Propagate(b.Right, AdjointAlgebra.Mul(adjoint, Primal(b.Left, ctx)), ctx);
                    break;
                case "/":
                    {
                        // ∂(l/r) = ∂l / r − l·∂r / r²
                        var r = Primal(b.Right, ctx);
                        if (left) Propagate(b.Left, AdjointAlgebra.Div(adjoint, r), ctx);
                        if (right)
                        {
                            var l = Primal(b.Left, ctx);
                            var square = new Binary("*", r, r, r.Type);
                            Propagate(b.Right, AdjointAlgebra.Neg(AdjointAlgebra.Div(AdjointAlgebra.Mul(adjoint, l), square)), ctx);
                        }
                        break;
                    }
                case "%":
                    {
                        // l % r = l − r·trunc(l/r): ∂l passes through, ∂r gets −trunc(l/r).
                        if (left) Propagate(b.Left, adjoint, ctx);
                        if (right)
                        {
                            var ratio = new Binary("/", Primal(b.Left, ctx), Primal(b.Right, ctx), b.Type);
                            var quotient = new ElemCall("global::System.Math.Truncate", new[] { (Expr)ratio }.ToEquatableArray(), new Expr[] { NoPartial.Instance }.ToEquatableArray(), Ty.Double);
                            Propagate(b.Right, AdjointAlgebra.Neg(AdjointAlgebra.Mul(adjoint, quotient)), ctx);
                        }
                        break;
                    }
            }
        }

        private void PropagateElementaryCall(ElemCall call, Expr adjoint, PropagationContext ctx)
        {
            var active = Enumerable.Range(0, call.Args.Count).Where(i => call.HasPartial(i) && _activity.IsActive(call.Args[i])).ToList();
            if (active.Count == 0) return;
            if (active.Count > 1) adjoint = Bind(adjoint, call.Type, ctx.Lines);

            // The result is read from the assigned variable when it holds it; a call inside a ?: arm
            // was not kept: recompute it where its value is needed.
            bool reused = ReferenceEquals(call, ctx.ReusedCall) && ctx.ReusedTarget is not null;
            var result = reused ? ctx.ReusedTarget! : call;

            foreach (int i in active)
            {
                var rule = call.Partials[i];
                foreach (var hole in IrWalker.DescendantsAndSelf(rule).OfType<Hole>())
                {
                    if (!hole.IsResult) IrWalker.CollectReads(call.Args[hole.Index], ctx.Reads);
                    else if (!reused) IrWalker.CollectReads(call, ctx.Reads);
                }
                var partial = IrRewriter.Instantiate(rule, call.Args, result);
                // MathF and float's statics: the partials are written in double.
                if (call.Type.Scalar == ScalarKind.Float) partial = new Cast(partial, Ty.Float);
                Propagate(call.Args[i], AdjointAlgebra.Scale(adjoint, partial), ctx);
            }
        }

        private void PropagateDifferentiableCall(DiffCall call, Expr adjoint, PropagationContext ctx)
        {
            // Through the callee's Pullback: it recomputes its own forward sweep and adds
            // seed · ∂callee/∂argument into one output per wrt parameter.
            var seed = call.Callee.ReturnType.Scalar == ScalarKind.Float && call.Type.Scalar != ScalarKind.Float ? new Cast(adjoint, Ty.Float) : adjoint;
            CallPullback(call, new[] { seed }, ctx);
        }

        /// <summary>
        /// Emits <c>callee.Pullback(arguments…, seeds…, outputs…)</c>: the adjoints of active arguments
        /// are passed as the outputs; a constant argument gets a throwaway output; an argument that is
        /// an expression gets a temporary whose adjoint then flows into the expression.
        /// </summary>
        private void CallPullback(DiffCall call, IReadOnlyList<Expr> seeds, PropagationContext ctx)
        {
            foreach (var a in call.Args) IrWalker.CollectReads(a, ctx.Reads);
            var outputs = new List<(Expr Target, bool ByRef)>();
            var deferred = new List<(Expr Argument, Expr Adjoint)>();
            var leases = new List<string>();
            for (int i = 0; i < call.Callee.Parameters.Count && i < call.Args.Count; i++)
            {
                var p = call.Callee.Parameters[i];
                if (!p.IsWrt) continue;
                var arg = call.Args[i];
                bool active = _activity.IsActive(arg);
                if (p.Type.IsScalar)
                {
                    if (active && arg is VarRef v && v.Type.Scalar == p.Type.Scalar)
                    {
                        outputs.Add((AdjointVar(v.Name, v.Type), true));
                        continue;
                    }
                    string temp = _names.Numbered("d" + NameAllocator.Capitalize(p.Name));
                    ctx.Lines.Add(new LocalInit(p.Type, temp, new Lit(p.Type.Zero, p.Type)));
                    outputs.Add((new VarRef(temp, p.Type), true));
                    if (active) deferred.Add((arg, new VarRef(temp, p.Type)));
                }
                else if (active && arg is VarRef array)
                {
                    outputs.Add((AdjointVar(array.Name, array.Type), false));
                }
                else if (active && arg is ElemRef row)
                {
                    outputs.Add((AdjointTarget(row, ctx.Reads), false));
                }
                else if (active && arg is SliceRef slice && (slice.Target is VarRef || slice.Target is ElemRef))
                {
                    // The same part of the target's adjoint (a Span for an array, an array for a jagged row).
                    var adjoint = slice.Target is ElemRef sliceRow ? AdjointTarget(sliceRow, ctx.Reads) : new VarRef(AdjointOf(((VarRef)slice.Target).Name), slice.Type);
                    IrWalker.CollectReads(slice.Start, ctx.Reads);
                    if (slice.Length is not null) IrWalker.CollectReads(slice.Length, ctx.Reads);
                    outputs.Add((slice with { Target = adjoint }, false));
                }
                else if (!active && (p.Type.Shape == Shape.Array || p.Type.Shape == Shape.Span || p.Type.Shape == Shape.ReadOnlySpan))
                {
                    // A constant argument: its gradient is computed and thrown away.
                    string lease = _names.Numbered("unused");
                    ctx.Lines.Add(new Line("var " + lease + " = global::GradGen.PooledSpan<" + p.Type.ElementName + ">.Rent(" + CSharpPrinter.PrintTerm(arg, ctx.Reads).Wrap(Term.Atom) + ".Length);"));
                    outputs.Add((LeaseSpan(lease, p.Type), false));
                    leases.Add(lease);
                }
                else
                {
                    Fail("passing '" + CSharpPrinter.Print(arg) + "' to the differentiated parameter '" + p.Name + "' of '" + call.Callee.Primal + "' is not supported; pass a local or parameter array", call.Location);
                    return;
                }
            }
            string prefix = CSharpPrinter.CallPrefix(call, call.Callee.Pullback, ctx.Reads);
            ctx.Lines.Add(new PullbackCall(prefix, call.Args.Items, seeds, outputs));
            foreach (var lease in leases) ctx.Lines.Add(new Line(lease + ".Dispose();"));
            foreach (var (argument, temp) in deferred) Propagate(argument, temp, ctx);
        }

        /// <summary>
        /// A call to a vector-valued [Differentiable] method: the adjoints of the arrays it writes are
        /// its seeds; afterwards they are cleared, since the call overwrote those arrays.
        /// </summary>
        private AdjointCore BuildVectorCallCore(DiffCall call)
        {
            var core = new AdjointCore();
            var seeds = new List<Expr>();
            var clears = new List<string>();
            bool anyOutputActive = false;
            for (int i = 0; i < call.Callee.Parameters.Count && i < call.Args.Count; i++)
            {
                var p = call.Callee.Parameters[i];
                if (!p.IsOutput) continue;
                if (call.Args[i] is VarRef output && _activity.IsActive(output.Name))
                {
                    string adjoint = AdjointOf(output.Name);
                    seeds.Add(new VarRef(adjoint, p.Type));
                    clears.Add(adjoint + ".Clear();");
                    anyOutputActive = true;
                }
                else
                {
                    string lease = _names.Numbered("noSeed");
                    core.BeforeRestore.Add(new Line("var " + lease + " = global::GradGen.PooledSpan<" + p.Type.ElementName + ">.Rent(" + CSharpPrinter.PrintTerm(call.Args[i], core.ReadsOld).Wrap(Term.Atom) + ".Length);"));
                    seeds.Add(LeaseSpan(lease, p.Type));
                    clears.Add(lease + ".Dispose();");
                }
            }
            if (!anyOutputActive || !call.Args.Where((a, i) => i < call.Callee.Parameters.Count && call.Callee.Parameters[i].IsWrt).Any(_activity.IsActive))
            {
                core.BeforeRestore.Clear();
                return core;
            }
            CallPullback(call, seeds, new PropagationContext(core.BeforeRestore, core.ReadsOld, null, null, core.ReadsNew));
            foreach (var clear in clears) core.BeforeRestore.Add(new Line(clear));
            return core;
        }

        /// <summary>The span of pooled scratch: bookkeeping, not a value the chain rule reads.</summary>
        private static Expr LeaseSpan(string lease, Ty type) => new Opaque(lease + ".Span", EquatableArray<Expr>.Empty, type);

        // ----- adjoint statements -----

        /// <summary><c>target += amount</c>, or <c>target -= …</c> when the amount is a negated product.</summary>
        private static void Accumulate(List<Code> lines, Expr target, Expr amount)
        {
            var (magnitude, negative) = AdjointAlgebra.SplitSign(Simplifier.Simplify(amount));
            lines.Add(new Accumulation(target, magnitude, negative));
        }

        /// <summary>
        /// Merges neighbouring contributions to the same adjoint (<c>dX += a; dX += b;</c> becomes
        /// <c>dX += a + b;</c>): one load and store instead of two.
        /// </summary>
        internal static void MergeAccumulations(List<Code> lines)
        {
            for (int i = lines.Count - 1; i > 0; i--)
            {
                if (lines[i] is not Accumulation last) continue;
                int start = i;
                while (start > 0 && lines[start - 1] is Accumulation previous && previous.Target == last.Target) start--;
                if (start == i) continue;
                var first = (Accumulation)lines[start];
                Expr sum = first.Amount;
                for (int k = start + 1; k <= i; k++)
                {
                    var next = (Accumulation)lines[k];
                    sum = new Binary(first.Subtract == next.Subtract ? "+" : "-", sum, next.Amount, first.Amount.Type);
                }
                var (magnitude, negative) = AdjointAlgebra.SplitSign(Simplifier.Simplify(sum));
                lines[start] = new Accumulation(first.Target, magnitude, first.Subtract ^ negative);
                lines.RemoveRange(start + 1, i - start);
                i = start;
            }
            foreach (var block in lines.OfType<Block>()) MergeAccumulations(block.Body);
        }

        /// <summary>Names an adjoint that is used more than once, so it is computed once.</summary>
        private Expr Bind(Expr adjoint, Ty type, List<Code> lines)
        {
            if (AdjointAlgebra.IsAtom(adjoint)) return adjoint;
            string name = _names.Numbered("adj");
            var scalar = type.ElementScalar;
            lines.Add(new LocalInit(scalar, name, Simplifier.Simplify(Narrow(adjoint, type))));
            return new VarRef(name, scalar);
        }

        /// <summary>
        /// A float adjoint may receive a double-valued partial (a double subexpression, a System.Math
        /// overload, a double template): convert it explicitly, as the primal code does.
        /// </summary>
        private static Expr Narrow(Expr adjoint, Ty target)
            => target.Scalar == ScalarKind.Float && !AdjointAlgebra.IsFloat(adjoint) ? new Cast(adjoint, Ty.Float) : adjoint;
    }
}
