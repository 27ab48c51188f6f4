using System;
using System.Collections.Generic;
using System.Linq;

namespace GradGen.Generator.Model
{
    /// <summary>Small structural helpers over the IR: what an expression reads, and rebuilding statement lists.</summary>
    public static class IrWalker
    {
        /// <summary>Sub-expressions of an expression, in evaluation order.</summary>
        public static IEnumerable<Expr> Children(Expr e)
        {
            switch (e)
            {
                case ElemRef x:
                    yield return x.Target;
                    foreach (var i in x.Indices) yield return i;
                    break;
                case Unary u: yield return u.Operand; break;
                case Binary b: yield return b.Left; yield return b.Right; break;
                case Cond c: yield return c.Test; yield return c.WhenTrue; yield return c.WhenFalse; break;
                case Cast c: yield return c.Operand; break;
                case Cutoff c: yield return c.Value; break;
                case Opaque o: foreach (var a in o.Args) yield return a; break;
                case ElemCall c: foreach (var a in c.Args) yield return a; break;
                case DiffCall d:
                    if (d.Receiver is not null) yield return d.Receiver;
                    foreach (var a in d.Args) yield return a;
                    break;
                case UnknownCall u: foreach (var a in u.Args) yield return a; break;
                case NewArray n: foreach (var d in n.Dims) yield return d; break;
                case SliceRef v:
                    yield return v.Target;
                    yield return v.Start;
                    if (v.Length is not null) yield return v.Length;
                    break;
            }
        }

        /// <summary>The expression and everything under it, in pre-order; with an explicit stack, so that deep trees cost their size.</summary>
        public static IEnumerable<Expr> DescendantsAndSelf(Expr e)
        {
            var pending = new Stack<Expr>();
            pending.Push(e);
            var children = new List<Expr>();
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                yield return next;
                children.Clear();
                children.AddRange(Children(next));
                for (int i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
            }
        }

        /// <summary>Whether the expression has more than <paramref name="nodes"/> IR nodes, counted with an early exit.</summary>
        public static bool HasMoreNodesThan(Expr e, int nodes)
        {
            int count = 0;
            foreach (var _ in DescendantsAndSelf(e))
                if (++count > nodes) return true;
            return false;
        }

        /// <summary>Every variable an expression reads.</summary>
        public static void CollectReads(Expr e, HashSet<string> into)
        {
            foreach (var d in DescendantsAndSelf(e))
                if (d is VarRef v) into.Add(v.Name);
        }

        /// <summary>The variable an assignment target writes: the local itself, or the array whose element it is.</summary>
        public static string Root(Expr target) => target switch
        {
            VarRef v => v.Name,
            ElemRef e => Root(e.Target),
            _ => throw new ArgumentException("not an assignable target: " + target.GetType().Name),
        };

        /// <summary>The variables a statement reads (its target's indices always; the target itself when asked).</summary>
        public static void CollectReads(Stmt s, HashSet<string> into, bool includeTargets)
        {
            switch (s)
            {
                case LocalDecl d:
                    if (d.Init is not null) CollectReads(d.Init, into);
                    break;
                case Assign a:
                    CollectReads(a.Value, into);
                    if (a.Target is ElemRef er)
                    {
                        foreach (var i in er.Indices) CollectReads(i, into);
                        if (er.Target is ElemRef inner) CollectReads(inner, into);
                    }
                    if (includeTargets || a.Op != "=") into.Add(Root(a.Target));
                    break;
                case If i:
                    CollectReads(i.Condition, into);
                    foreach (var t in i.Then) CollectReads(t, into, includeTargets);
                    foreach (var t in i.Else) CollectReads(t, into, includeTargets);
                    break;
                case Loop l:
                    if (l.Condition is not null) CollectReads(l.Condition, into);
                    foreach (var t in l.Init.Concat(l.Step).Concat(l.Body)) CollectReads(t, into, includeTargets);
                    break;
                case Return r:
                    if (r.Value is not null) CollectReads(r.Value, into);
                    break;
                case Throw t:
                    if (t.Exception is not null) CollectReads(t.Exception, into);
                    break;
                case ExprStmt e:
                    CollectReads(e.Expression, into);
                    break;
                case ZeroArray z when includeTargets:
                    into.Add(z.Name);
                    break;
            }
        }

        /// <summary>How many statements define each variable (a declaration with a value, or an assignment to it or its elements).</summary>
        public static Dictionary<string, int> DefinitionCounts(IEnumerable<Stmt> body)
        {
            var counts = new Dictionary<string, int>();
            foreach (var s in AllStatements(body))
            {
                string? target = s switch
                {
                    LocalDecl { Init: not null } d => d.Name,
                    Assign a => Root(a.Target),
                    _ => null,
                };
                if (target is not null) counts[target] = counts.TryGetValue(target, out int n) ? n + 1 : 1;
            }
            return counts;
        }

        /// <summary>Every statement, nested ones included, in source order.</summary>
        public static IEnumerable<Stmt> AllStatements(IEnumerable<Stmt> body)
        {
            foreach (var s in body)
            {
                yield return s;
                IEnumerable<Stmt> nested = s switch
                {
                    If i => i.Then.Concat(i.Else),
                    Loop l => l.Init.Concat(l.Body).Concat(l.Step),
                    _ => Enumerable.Empty<Stmt>(),
                };
                foreach (var n in AllStatements(nested)) yield return n;
            }
        }

        /// <summary>The expressions a statement evaluates directly (not those of nested statements).</summary>
        public static IEnumerable<Expr> OwnExpressions(Stmt s)
        {
            switch (s)
            {
                case LocalDecl d when d.Init is not null: yield return d.Init; break;
                case Assign a: yield return a.Target; yield return a.Value; break;
                case If i: yield return i.Condition; break;
                case Loop l when l.Condition is not null: yield return l.Condition; break;
                case Return r when r.Value is not null: yield return r.Value; break;
                case Throw t when t.Exception is not null: yield return t.Exception; break;
                case ExprStmt e: yield return e.Expression; break;
            }
        }

        public static List<Stmt> RemoveWhere(IEnumerable<Stmt> body, Func<Stmt, bool> remove)
        {
            var output = new List<Stmt>();
            foreach (var s in body)
            {
                if (remove(s)) continue;
                output.Add(s switch
                {
                    If i => i with { Then = RemoveWhere(i.Then, remove).ToEquatableArray(), Else = RemoveWhere(i.Else, remove).ToEquatableArray() },
                    Loop l => l with
                    {
                        Init = RemoveWhere(l.Init, remove).ToEquatableArray(),
                        Body = RemoveWhere(l.Body, remove).ToEquatableArray(),
                        Step = RemoveWhere(l.Step, remove).ToEquatableArray(),
                    },
                    _ => s,
                });
            }
            return output;
        }
    }
}

namespace GradGen.Generator.Model
{
    public static class IrRewriter
    {
        /// <summary>Rebuilds an expression with each direct child replaced by <paramref name="map"/>(child).</summary>
        public static Expr MapChildren(Expr e, System.Func<Expr, Expr> map)
        {
            EquatableArray<Expr> All(EquatableArray<Expr> xs) => xs.Select(map).ToEquatableArray();
            return e switch
            {
                ElemRef x => x with { Target = map(x.Target), Indices = All(x.Indices) },
                Unary u => u with { Operand = map(u.Operand) },
                Binary b => b with { Left = map(b.Left), Right = map(b.Right) },
                Cond c => c with { Test = map(c.Test), WhenTrue = map(c.WhenTrue), WhenFalse = map(c.WhenFalse) },
                Cast c => c with { Operand = map(c.Operand) },
                Cutoff c => c with { Value = map(c.Value) },
                Opaque o => o with { Args = All(o.Args) },
                ElemCall c => c with { Args = All(c.Args) },
                DiffCall d => d with { Receiver = d.Receiver is null ? null : map(d.Receiver), Args = All(d.Args) },
                UnknownCall u => u with { Args = All(u.Args) },
                NewArray n => n with { Dims = All(n.Dims) },
                SliceRef v => v with { Target = map(v.Target), Start = map(v.Start), Length = v.Length is null ? null : map(v.Length) },
                _ => e,
            };
        }

        /// <summary>A derivative rule with its holes filled: argument k by <paramref name="args"/>[k], the result by <paramref name="result"/>.</summary>
        public static Expr Instantiate(Expr rule, IReadOnlyList<Expr> args, Expr result)
        {
            Expr Fill(Expr e) => e is Hole h ? (h.IsResult ? result : args[h.Index]) : MapChildren(e, Fill);
            return Fill(rule);
        }
    }
}

namespace GradGen.Generator.Model
{
    public static class IrRenamer
    {
        /// <summary>Renames the variables an expression reads.</summary>
        public static Expr Rename(Expr e, IReadOnlyDictionary<string, string> map)
            => e is VarRef v ? (map.TryGetValue(v.Name, out var n) ? v with { Name = n } : v) : IrRewriter.MapChildren(e, x => Rename(x, map));

        /// <summary>Renames variables throughout a body: declarations and every read and write.</summary>
        public static List<Stmt> Rename(IEnumerable<Stmt> body, IReadOnlyDictionary<string, string> map)
        {
            Expr E(Expr e)
            {
                if (e is VarRef v) return map.TryGetValue(v.Name, out var n) ? v with { Name = n } : v;
                return IrRewriter.MapChildren(e, E);
            }
            EquatableArray<Stmt> L(EquatableArray<Stmt> list) => Rename(list, map).ToEquatableArray();
            var output = new List<Stmt>();
            foreach (var s in body)
            {
                output.Add(s switch
                {
                    LocalDecl d => d with { Name = map.TryGetValue(d.Name, out var n) ? n : d.Name, Init = d.Init is null ? null : E(d.Init) },
                    Assign a => a with { Target = E(a.Target), Value = E(a.Value) },
                    If i => i with { Condition = E(i.Condition), Then = L(i.Then), Else = L(i.Else) },
                    Loop l => l with { Init = L(l.Init), Condition = l.Condition is null ? null : E(l.Condition), Step = L(l.Step), Body = L(l.Body) },
                    Return r => r with { Value = r.Value is null ? null : E(r.Value) },
                    Throw t => t with { Exception = t.Exception is null ? null : E(t.Exception) },
                    ExprStmt x => x with { Expression = E(x.Expression) },
                    _ => s,
                });
            }
            return output;
        }
    }
}
