using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// To-be-recorded analysis. A value must be saved before an assignment overwrites it when the
    /// reverse sweep of some earlier statement reads it ("exposed": read by a reverse computation
    /// since it was defined, on some path). Everything else is left alone: a reduction
    /// <c>s += w[j] * x[j]</c> saves nothing, a per-iteration temporary saves one value.
    /// </summary>
    internal sealed partial class ReverseBuilder
    {
        /// <summary>A counting loop <c>for (int i = start; i &lt; bound; i++)</c> whose body leaves i alone: run backwards by index.</summary>
        private sealed record CountingLoop(string Index, Expr Start, Expr Bound, bool Inclusive, bool HasOtherConditions);

        private static CountingLoop? AsCountingLoop(Loop loop)
        {
            if (loop.TestAfter || loop.Init.Count != 1 || loop.Step.Count != 1 || loop.Condition is null) return null;
            if (loop.Init[0] is not LocalDecl { Init: not null } decl || decl.Type.Scalar != ScalarKind.Int || !decl.Type.IsScalar) return null;
            if (loop.Step[0] is not Assign { Op: "+=", Target: VarRef stepped, Value: Lit { Text: "1" } } || stepped.Name != decl.Name) return null;

            var conjuncts = new List<Expr>();
            Split(loop.Condition, conjuncts);
            if (conjuncts[0] is not Binary { Op: "<" or "<=" } test || test.Left is not VarRef index || index.Name != decl.Name) return null;
            var boundReads = new HashSet<string>();
            IrWalker.CollectReads(test.Right, boundReads);
            if (boundReads.Contains(decl.Name)) return null;
            foreach (var s in IrWalker.AllStatements(loop.Body))
            {
                if (s is Assign a && IrWalker.Root(a.Target) == decl.Name) return null;
            }
            return new CountingLoop(decl.Name, decl.Init, test.Right, test.Op == "<=", conjuncts.Count > 1);

            static void Split(Expr e, List<Expr> into)
            {
                if (e is Binary { Op: "&&" } and)
                {
                    Split(and.Left, into);
                    Split(and.Right, into);
                }
                else
                {
                    into.Add(e);
                }
            }
        }

        /// <summary>
        /// Locals a counting loop's body defines once per iteration, unconditionally, from values fixed
        /// for that iteration (inputs, loop indices, earlier such locals) with arithmetic only: the
        /// reverse sweep recomputes them at the start of each iteration instead of saving and restoring them.
        /// <para>
        /// A recomputation reads its arrays when the reverse sweep reaches the iteration, so they must
        /// hold what they held in the forward sweep then. An array whose elements something overwrites
        /// (an element assignment, a call's Span output, a zeroing) qualifies only when nothing after the
        /// local in the same iteration overwrites it (its restores would come too late) and the reverse
        /// sweep reads it anyway, so that restoring it costs nothing extra: <see cref="Record"/> then
        /// treats the recomputation's reads as reverse reads. Otherwise saving the local is cheaper.
        /// </para>
        /// </summary>
        private void FindRecomputed(IReadOnlyList<Stmt> list, HashSet<string> indices)
        {
            var restoredAnyway = new HashSet<string>(_cores.Values.SelectMany(c => c.ReadsOld.Concat(c.ReadsNew)));
            FindRecomputed(list, indices, restoredAnyway);
        }

        private void FindRecomputed(IReadOnlyList<Stmt> list, HashSet<string> indices, HashSet<string> restoredAnyway)
        {
            foreach (var s in list)
            {
                switch (s)
                {
                    case If branch:
                        FindRecomputed(branch.Then, indices, restoredAnyway);
                        FindRecomputed(branch.Else, indices, restoredAnyway);
                        break;
                    case Loop loop:
                        {
                            var counting = AsCountingLoop(loop);
                            var inner = new HashSet<string>(indices);
                            if (counting is not null)
                            {
                                inner.Add(counting.Index);
                                var known = new HashSet<string>(inner);
                                var mine = new List<LocalDecl>();
                                // The last statement of the body that may overwrite each array's elements, found once per loop.
                                var lastWrite = new Dictionary<string, int>();
                                for (int at = 0; at < loop.Body.Count; at++)
                                    foreach (var written in IrWalker.AllStatements(new[] { loop.Body[at] }).SelectMany(ContentsWrittenBy)) lastWrite[written] = at;
                                for (int at = 0; at < loop.Body.Count; at++)
                                {
                                    if (loop.Body[at] is not LocalDecl d) continue;
                                    if (d.Init is null || !d.Type.IsScalar || d.Type.Scalar == ScalarKind.Other || !_definedOnce.Contains(d.Name) || !IsCheap(d.Init)) continue;
                                    var reads = new HashSet<string>();
                                    IrWalker.CollectReads(d.Init, reads);
                                    bool Fixed(string r) => known.Contains(r) || _invariant.Contains(r)
                                        || (_fixedBinding.Contains(r) && _types[r].IsArrayLike && restoredAnyway.Contains(r) && !(lastWrite.TryGetValue(r, out int last) && last > at));
                                    if (!reads.All(Fixed)) continue;
                                    known.Add(d.Name);
                                    mine.Add(d);
                                    _recomputed.Add(d);
                                }
                                if (mine.Count > 0) _recomputedIn[loop] = mine;
                            }
                            FindRecomputed(loop.Body, inner, restoredAnyway);
                            break;
                        }
                }
            }
        }

        /// <summary>Arithmetic, element reads and constants: cheaper to evaluate again than to save.</summary>
        private static bool IsCheap(Expr e) => IrWalker.DescendantsAndSelf(e).All(x => x is Lit || x is VarRef || x is ElemRef || x is Unary || x is Binary || x is Cast || x is Opaque { Args.Count: <= 1 });

        private HashSet<string> Fixpoint(IReadOnlyList<Stmt> body, HashSet<string> entry)
        {
            var current = new HashSet<string>(entry);
            while (true)
            {
                var after = Record(body, new HashSet<string>(current));
                if (after.IsSubsetOf(current)) return current;
                current.UnionWith(after);
            }
        }

        /// <summary>
        /// Local arrays that <c>for (int i = 0; i &lt; n; i++)</c> assigns at <c>a[i]</c> on every
        /// iteration, where n is the array's allocated length: after the loop, every element is new.
        /// </summary>
        private List<string> RewrittenWhole(Loop loop, CountingLoop counting)
        {
            var result = new List<string>();
            if (counting.HasOtherConditions || counting.Inclusive || counting.Start is not Lit { Text: "0" }) return result;
            foreach (var s in loop.Body)
            {
                if (s is not Assign { Op: "=", Target: ElemRef { Target: VarRef array, Indices: { Count: 1 } indices } }) continue;
                if (indices[0] is not VarRef index || index.Name != counting.Index) continue;
                bool wholeLength = _allocatedLength.TryGetValue(array.Name, out var length) && length == counting.Bound
                    || counting.Bound is Opaque { Format: "{0}.Length", Args: { Count: 1 } args } && args[0] is VarRef of && of.Name == array.Name;
                if (wholeLength && !result.Contains(array.Name)) result.Add(array.Name);
            }
            return result;
        }

        private static bool IsCounter(VarRef v) => v.Type.IsScalar && (v.Type.Scalar == ScalarKind.Int || v.Type.Scalar == ScalarKind.Long);

        private void SaveWhole(Stmt s, string array)
        {
            if (!_wholeSaves.TryGetValue(s, out var arrays)) _wholeSaves[s] = arrays = new List<string>();
            if (!arrays.Contains(array)) arrays.Add(array);
        }

        private HashSet<string> Record(IReadOnlyList<Stmt> list, HashSet<string> exposed)
        {
            foreach (var s in list)
            {
                switch (s)
                {
                    case If branch:
                        {
                            var then = Record(branch.Then, new HashSet<string>(exposed));
                            var otherwise = Record(branch.Else, new HashSet<string>(exposed));
                            exposed = then;
                            exposed.UnionWith(otherwise);
                            break;
                        }
                    case Loop loop:
                        {
                            var counting = AsCountingLoop(loop);
                            IReadOnlyList<Stmt> body = loop.Body;
                            if (counting is null)
                            {
                                exposed = Record(loop.Init, exposed);
                                body = loop.Body.Concat(loop.Step).ToList();
                            }
                            // Iterate to a fixpoint: what the reverse sweep of iteration k reads can be
                            // overwritten by iteration k + 1.
                            var current = Fixpoint(body, exposed);
                            // An array the loop rewrites element by element, whole, no longer holds what
                            // earlier code's reverse sweep read: later writes need not save it again.
                            var rewritten = counting is null ? new List<string>() : RewrittenWhole(loop, counting);
                            if (rewritten.Count > 0)
                            {
                                var entry = new HashSet<string>(exposed);
                                entry.ExceptWith(rewritten);
                                current = Fixpoint(body, entry);
                            }
                            exposed = current;
                            break;
                        }
                    case ExprStmt when _callCores.TryGetValue(s, out var callCore):
                        {
                            // The call overwrites its output arrays: keep their earlier contents if the reverse sweep reads them.
                            var call = (DiffCall)((ExprStmt)s).Expression;
                            var outputs = new List<string>();
                            for (int i = 0; i < call.Args.Count && i < call.Callee.Parameters.Count; i++)
                            {
                                var p = call.Callee.Parameters[i];
                                if (p.IsWritten && call.Args[i] is VarRef output) outputs.Add(output.Name);
                            }
                            foreach (var output in outputs)
                                if (exposed.Contains(output)) SaveWhole(s, output);
                            // The callee's Pullback reads its inputs; it rewrites its outputs rather than reading them.
                            exposed.UnionWith(callCore.ReadsOld.Where(r => !outputs.Contains(r)));
                            foreach (var output in outputs) exposed.Remove(output);
                            break;
                        }
                    case ExprStmt { Expression: UnknownCall unknown }:
                        // A call without a derivative may write any array it is given: keep what the reverse sweep reads.
                        foreach (var a in unknown.Args)
                            if (a is VarRef v && (v.Type.Shape == Shape.Array || v.Type.Shape == Shape.Span) && exposed.Contains(v.Name)) SaveWhole(s, v.Name);
                        break;
                    case ZeroArray zero:
                        if (exposed.Contains(zero.Name)) SaveWhole(s, zero.Name);
                        exposed.Remove(zero.Name);
                        break;
                    case Assign { Op: "+=" or "-=", Value: Lit, Target: VarRef counter } when IsCounter(counter) && _reverseRead.Contains(counter.Name):
                        // Restored by stepping back, which reads its new value: it stays exposed.
                        _steppedBack.Add(s);
                        exposed.Add(counter.Name);
                        break;
                    default:
                        if (_forms.TryGetValue(s, out var form))
                        {
                            string root = IrWalker.Root(form.Target);
                            _cores.TryGetValue(s, out var core);
                            bool needed = exposed.Contains(root) || (core is not null && core.ReadsOld.Contains(root));
                            if (needed && !_recomputed.Contains(s)) _saved.Add(s);
                            if (core is not null) exposed.UnionWith(core.ReadsOld);
                            if (form.Target is VarRef) exposed.Remove(root);
                            if (core is not null) exposed.UnionWith(core.ReadsNew);
                            // A recomputed local's value is evaluated again in the reverse sweep: its reads are reverse reads.
                            if (_recomputed.Contains(s) && s is LocalDecl { Init: { } init }) IrWalker.CollectReads(init, exposed);
                        }
                        break;
                }
            }
            return exposed;
        }
    }
}
