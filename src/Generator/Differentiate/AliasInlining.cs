using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Replaces a local that names another array (<c>double[] x = xs[n];</c>, the variable of
    /// <c>foreach (double[] x in xs)</c>, <c>ReadOnlySpan&lt;double&gt; v = w;</c>, a view <c>w.AsSpan(1)</c>) by what it names,
    /// wherever that cannot change while the local is in scope. The reverse sweep then indexes
    /// the real array (and its adjoint) at the right row, instead of a reference that the forward
    /// sweep left pointing at the last row.
    /// </summary>
    internal static class AliasInlining
    {
        public static List<Stmt> Inline(IReadOnlyList<Stmt> body, IReadOnlyCollection<string> parameters)
        {
            var assigned = IrWalker.DefinitionCounts(body);
            var aliases = new Dictionary<string, Expr>();
            return Rewrite(body, aliases, assigned, new HashSet<string>(parameters), new HashSet<string>());
        }

        private static List<Stmt> Rewrite(IEnumerable<Stmt> list, Dictionary<string, Expr> aliases, Dictionary<string, int> assigned, HashSet<string> parameters, HashSet<string> loopIndices)
        {
            var output = new List<Stmt>();
            var statements = list.ToList();
            for (int position = 0; position < statements.Count; position++)
            {
                var s = statements[position];
                switch (s)
                {
                    case LocalDecl d when d.Type.IsArrayLike && (d.Init is VarRef || d.Init is ElemRef || d.Init is SliceRef)
                        && (Stable(d.Init, assigned, parameters, loopIndices) || UnchangedWhileUsed(d, statements, position)):
                        aliases[d.Name] = Substitute(d.Init, aliases);
                        break;
                    case LocalDecl d when IsConstantRecordRead(d, assigned)
                        && (Stable(d.Init!, assigned, parameters, loopIndices) || UnchangedWhileUsed(d, statements, position)):
                        // Rating r = ratings[k]; reads ratings[k] where r is read, so the reverse sweep needs no saved copy of r.
                        aliases[d.Name] = Substitute(d.Init!, aliases);
                        break;
                    case Loop l:
                        {
                            // The index of a counting loop cannot change inside its body.
                            var inner = new HashSet<string>(loopIndices);
                            if (l.Init.Count == 1 && l.Init[0] is LocalDecl index && l.Step.Count == 1 && l.Step[0] is Assign { Target: VarRef stepped } && stepped.Name == index.Name
                                && assigned.TryGetValue(index.Name, out int writes) && writes == 2)
                                inner.Add(index.Name);
                            output.Add(l with
                            {
                                Init = Rewrite(l.Init, aliases, assigned, parameters, loopIndices).ToEquatableArray(),
                                Condition = l.Condition is null ? null : Substitute(l.Condition, aliases),
                                Step = Rewrite(l.Step, aliases, assigned, parameters, inner).ToEquatableArray(),
                                Body = Rewrite(l.Body, aliases, assigned, parameters, inner).ToEquatableArray(),
                            });
                            break;
                        }
                    case If i:
                        output.Add(i with
                        {
                            Condition = Substitute(i.Condition, aliases),
                            Then = Rewrite(i.Then, aliases, assigned, parameters, loopIndices).ToEquatableArray(),
                            Else = Rewrite(i.Else, aliases, assigned, parameters, loopIndices).ToEquatableArray(),
                        });
                        break;
                    case LocalDecl d:
                        output.Add(d with { Init = d.Init is null ? null : Substitute(d.Init, aliases) });
                        break;
                    case Assign a:
                        output.Add(a with { Target = Substitute(a.Target, aliases), Value = Substitute(a.Value, aliases) });
                        break;
                    case Return r:
                        output.Add(r with { Value = r.Value is null ? null : Substitute(r.Value, aliases) });
                        break;
                    case Throw t:
                        output.Add(t with { Exception = t.Exception is null ? null : Substitute(t.Exception, aliases) });
                        break;
                    case ExprStmt e:
                        output.Add(e with { Expression = Substitute(e.Expression, aliases) });
                        break;
                    default:
                        output.Add(s);
                        break;
                }
            }
            return output;
        }

        /// <summary>
        /// A local of another type (a record, a struct) defined once as an element of constant data:
        /// <c>Rating r = ratings[k];</c>, the variable of <c>foreach (Rating r in ratings)</c>.
        /// </summary>
        private static bool IsConstantRecordRead(LocalDecl d, Dictionary<string, int> assigned)
            => d.Type.IsScalar && d.Type.Scalar == ScalarKind.Other && assigned.TryGetValue(d.Name, out int n) && n == 1
                && d.Init is Opaque { Format: "{0}[{1}]", Args.Count: 2 } read && !read.Args[0].Type.IsFloating && read.Args[1].Type.Scalar == ScalarKind.Int;

        /// <summary>The aliased expression reads only values fixed while the alias lives: unassigned parameters, single-definition locals, enclosing loop indices.</summary>
        private static bool Stable(Expr e, Dictionary<string, int> assigned, HashSet<string> parameters, HashSet<string> loopIndices)
        {
            var reads = new HashSet<string>();
            IrWalker.CollectReads(e, reads);
            return reads.All(r => loopIndices.Contains(r)
                || (parameters.Contains(r) && !assigned.ContainsKey(r))
                || (!parameters.Contains(r) && assigned.TryGetValue(r, out int n) && n == 1));
        }

        /// <summary>
        /// <c>double[] row = xs[i];</c> in a while loop whose <c>i++</c> comes after the last use of
        /// <c>row</c>: what the alias names does not change while it is used.
        /// </summary>
        private static bool UnchangedWhileUsed(LocalDecl alias, List<Stmt> statements, int position)
        {
            var reads = new HashSet<string>();
            IrWalker.CollectReads(alias.Init!, reads);
            bool changed = false;
            for (int k = position + 1; k < statements.Count; k++)
            {
                var later = new[] { statements[k] };
                if (changed)
                {
                    var used = new HashSet<string>();
                    foreach (var t in later) IrWalker.CollectReads(t, used, includeTargets: true);
                    if (used.Contains(alias.Name)) return false;
                    continue;
                }
                foreach (var t in IrWalker.AllStatements(later))
                {
                    string? written = t switch
                    {
                        LocalDecl dl => dl.Name,
                        Assign a => IrWalker.Root(a.Target),
                        ZeroArray z => z.Name,
                        _ => null,
                    };
                    if (written is not null && reads.Contains(written))
                    {
                        // A statement that both uses the alias and changes what it names is not safe either.
                        var used = new HashSet<string>();
                        IrWalker.CollectReads(statements[k], used, includeTargets: true);
                        if (used.Contains(alias.Name)) return false;
                        changed = true;
                        break;
                    }
                }
            }
            return true;
        }

        private static Expr Substitute(Expr e, Dictionary<string, Expr> aliases)
        {
            if (aliases.Count == 0) return e;
            if (e is VarRef v && aliases.TryGetValue(v.Name, out var target)) return target;
            var mapped = IrRewriter.MapChildren(e, x => Substitute(x, aliases));
            // An element of a view is an element of what it views: tail[i] with tail = w.AsSpan(1) is w[1 + i].
            return mapped is ElemRef { Target: SliceRef slice, Indices.Count: 1 } element ? slice.Element(element.Indices[0], element.Type) : mapped;
        }
    }
}
