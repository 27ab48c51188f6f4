using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Activity analysis: a variable is active when it depends on a wrt input (varied) and
    /// influences the result (useful). Only active variables get adjoints. Flow-insensitive, and
    /// arrays count as a whole: a sound over-approximation that costs nothing on typical code.
    /// </summary>
    internal sealed class Activity
    {
        public HashSet<string> Varied { get; } = new HashSet<string>();

        public HashSet<string> Useful { get; } = new HashSet<string>();

        public bool IsActive(string name) => Varied.Contains(name) && Useful.Contains(name);

        public bool IsActive(Expr e) => DiffReads(e).Any(IsActive);

        public static Activity Analyze(IEnumerable<string> wrt, IEnumerable<string> results, IReadOnlyList<Stmt> body)
        {
            var activity = new Activity();
            foreach (var w in wrt) activity.Varied.Add(w);
            foreach (var r in results) activity.Useful.Add(r);
            var flows = Flows(body).ToList();

            for (bool changed = true; changed;)
            {
                changed = false;
                foreach (var (target, value) in flows)
                {
                    if (!activity.Varied.Contains(target) && DependReads(value).Any(activity.Varied.Contains))
                        changed |= activity.Varied.Add(target);
                    if (activity.Useful.Contains(target))
                        foreach (var v in DiffReads(value)) changed |= activity.Useful.Add(v);
                }
            }
            return activity;
        }

        /// <summary>Each definition as (variable written, value written).</summary>
        private static IEnumerable<(string Target, Expr Value)> Flows(IEnumerable<Stmt> body)
        {
            foreach (var s in IrWalker.AllStatements(body))
            {
                switch (s)
                {
                    case LocalDecl d when d.Init is not null:
                        yield return (d.Name, d.Init);
                        break;
                    case Assign a:
                        yield return (IrWalker.Root(a.Target), a.Value);
                        break;
                    case ExprStmt e when e.Expression is DiffCall call:
                        // A vector-valued callee writes its Span outputs from its wrt inputs.
                        for (int i = 0; i < call.Args.Count && i < call.Callee.Parameters.Count; i++)
                        {
                            var p = call.Callee.Parameters[i];
                            if (p.IsWritten && call.Args[i] is VarRef output)
                            {
                                for (int j = 0; j < call.Args.Count && j < call.Callee.Parameters.Count; j++)
                                    if (call.Callee.Parameters[j].IsWrt) yield return (output.Name, call.Args[j]);
                            }
                        }
                        break;
                }
            }
        }

        /// <summary>
        /// The variables a value depends on, for "varied": the derivative positions, and everything
        /// inside a call without a derivative, so that such a call on a wrt input makes its result
        /// varied (and is then diagnosed) instead of silently cutting the dependence.
        /// </summary>
        public static IEnumerable<string> DependReads(Expr e)
        {
            foreach (var x in DiffPositions(e))
            {
                if (x is VarRef v && v.Type.IsFloating) yield return v.Name;
                // An int or bool computed from a value (xs.Length) carries no derivative.
                if ((x is UnknownCall || x is Opaque) && !IsNumericNonFloating(x.Type))
                {
                    foreach (var name in FloatingReads(x)) yield return name;
                }
                if (x is DiffCall call)
                {
                    // A constant parameter of the callee still makes the result depend on its argument.
                    for (int i = 0; i < call.Args.Count && i < call.Callee.Parameters.Count; i++)
                    {
                        if (!call.Callee.Parameters[i].IsWrt)
                            foreach (var name in FloatingReads(call.Args[i])) yield return name;
                    }
                }
            }
        }

        /// <summary>
        /// The floating variables an expression reads through floating-valued sub-expressions only:
        /// <c>Foo(x)</c> reads x, <c>Foo(xs.Length)</c> reads nothing that carries a derivative.
        /// </summary>
        public static IEnumerable<string> FloatingReads(Expr e)
        {
            if (e is VarRef v)
            {
                // A variable of another type (a tuple, struct, nullable) may hold a floating value too.
                if (v.Type.IsFloating || v.Type.Scalar == ScalarKind.Other) yield return v.Name;
                yield break;
            }
            foreach (var child in IrWalker.Children(e))
            {
                if (!child.Type.IsFloating) continue;
                foreach (var name in FloatingReads(child)) yield return name;
            }
        }

        /// <summary>The variables whose derivatives flow into the value of <paramref name="e"/>.</summary>
        public static IEnumerable<string> DiffReads(Expr e)
        {
            foreach (var x in DiffPositions(e))
            {
                if (x is VarRef v && v.Type.IsFloating) yield return v.Name;
            }
        }

        /// <summary>The sub-expressions through which a derivative flows: not indices, conditions, casts to int or constants.</summary>
        public static IEnumerable<Expr> DiffPositions(Expr e)
        {
            // An explicit stack: a deep expression costs its size, not its size times its depth.
            var pending = new Stack<Expr>();
            pending.Push(e);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                yield return next;
                var children = DiffChildren(next).ToList();
                for (int i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
            }
        }

        private static IEnumerable<Expr> DiffChildren(Expr e)
        {
            return e switch
            {
                ElemRef x => new[] { x.Target },
                SliceRef v => new[] { v.Target },
                Unary u when u.Op == "-" || u.Op == "+" => new[] { u.Operand },
                Binary b when IsArithmetic(b.Op) => new[] { b.Left, b.Right },
                Cond c => new[] { c.WhenTrue, c.WhenFalse },
                Cast c when c.Type.IsFloating => new[] { c.Operand },
                ElemCall c => c.Args.Where((_, i) => c.HasPartial(i)),
                DiffCall d => d.Args.Where((_, i) => i < d.Callee.Parameters.Count && d.Callee.Parameters[i].IsWrt),
                _ => Enumerable.Empty<Expr>(),
            };
        }

        private static bool IsNumericNonFloating(Ty type)
            => type.IsScalar && (type.Scalar == ScalarKind.Int || type.Scalar == ScalarKind.Long || type.Scalar == ScalarKind.Bool);

        public static bool IsArithmetic(string op) => op == "+" || op == "-" || op == "*" || op == "/" || op == "%";
    }
}
