using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Lays out the two sweeps statement by statement: forward code in source order with the saves
    /// the to-be-recorded analysis asked for, reverse code in reverse order with the matching
    /// restores, each reverse block under a comment quoting the statement it differentiates.
    /// </summary>
    internal sealed partial class ReverseBuilder
    {
        /// <summary>Where a statement sits: loop depth, whether inside any block, and the indices of enclosing counting loops.</summary>
        private sealed record Scope(int Depth, bool Nested, IReadOnlyCollection<string> LoopIndices)
        {
            public Scope Inner(bool loop, string? index = null)
                => new Scope(Depth + (loop ? 1 : 0), true, index is null ? LoopIndices : LoopIndices.Concat(new[] { index }).ToArray());
        }

        private (List<Code> Forward, List<Code> Reverse) EmitList(IReadOnlyList<Stmt> list, Scope scope)
        {
            var forward = new List<Code>();
            var chunks = new List<List<Code>>();
            foreach (var s in list)
            {
                var (f, r) = EmitStatement(s, scope);
                forward.AddRange(f);
                if (r.Count > 0) chunks.Add(r);
            }
            var reverse = new List<Code>();
            string? lastComment = null;
            for (int i = chunks.Count - 1; i >= 0; i--)
            {
                var chunk = chunks[i];
                // Temporaries share their statement's comment: say it once.
                if (chunk[0] is Comment c)
                {
                    if (c.Text == lastComment) chunk = chunk.Skip(1).ToList();
                    lastComment = c.Text;
                }
                else
                {
                    lastComment = null;
                }
                reverse.AddRange(chunk);
            }
            return (forward, reverse);
        }

        private (List<Code> Forward, List<Code> Reverse) EmitStatement(Stmt s, Scope scope)
        {
            switch (s)
            {
                case LocalDecl d:
                    return EmitDeclaration(d, scope);
                case Assign a:
                    return EmitAssignment(s, ForwardAssignment(a), scope);
                case If branch:
                    return EmitIf(branch, scope);
                case Loop loop:
                    return AsCountingLoop(loop) is { } counting ? EmitCountingLoop(loop, counting, scope) : EmitGeneralLoop(loop, scope);
                case Throw t:
                    return (new List<Code> { new ReleaseScratch(), new Line(t.Exception is null ? "throw;" : "throw " + CSharpPrinter.Print(t.Exception) + ";") }, new List<Code>());
                case ExprStmt e:
                    {
                        var forward = new List<Code>();
                        var reverse = new List<Code>();
                        var restores = SaveWholeArrays(s, forward);
                        forward.Add(new Line(CSharpPrinter.Print(e.Expression) + ";"));
                        if (_callCores.TryGetValue(s, out var core)) reverse.AddRange(core.BeforeRestore);
                        reverse.AddRange(restores);
                        if (reverse.Count > 0) reverse.Insert(0, new Comment(s.Source));
                        return (forward, reverse);
                    }
                case ZeroArray zero:
                    {
                        var forward = new List<Code>();
                        var reverse = new List<Code>();
                        var restores = SaveWholeArrays(s, forward);
                        forward.Add(new Line(ClearText(zero.Name, zero.Type)));
                        // Zeroing cuts every dependence: the adjoint of the old contents is zero.
                        if (_activity.IsActive(zero.Name)) reverse.Add(new Line(AdjointOf(zero.Name) + ".Clear();"));
                        reverse.AddRange(restores);
                        if (reverse.Count > 0) reverse.Insert(0, new Comment(s.Source));
                        return (forward, reverse);
                    }
                default:
                    Fail("internal: unexpected statement '" + s.Source + "'");
                    return (new List<Code>(), new List<Code>());
            }
        }

        private static string ClearText(string array, Ty type)
            => type.Shape == Shape.Array ? "global::System.Array.Clear(" + array + ");" : array + ".Clear();";

        /// <summary>Pushes every element of the arrays a statement overwrites whole; returns the reverse sweep's matching pops.</summary>
        private List<Code> SaveWholeArrays(Stmt s, List<Code> forward)
        {
            var restores = new List<Code>();
            if (!_wholeSaves.TryGetValue(s, out var arrays)) return restores;
            foreach (var array in arrays)
            {
                var type = _types[array];
                string tape = TapeFor(type.ElementScalar);
                string k = _names.Numbered("k");
                forward.Add(new Block("for (int " + k + " = 0; " + k + " < " + array + ".Length; " + k + "++)", new List<Code> { new Line(tape + ".Push(" + array + "[" + k + "]);") }));
                restores.Insert(0, new Block("for (int " + k + " = " + array + ".Length - 1; " + k + " >= 0; " + k + "--)", new List<Code> { new Line(array + "[" + k + "] = " + tape + ".Pop();") }));
            }
            return restores;
        }

        private static string ForwardAssignment(Assign a)
        {
            string target = CSharpPrinter.Print(a.Target);
            if ((a.Op == "+=" || a.Op == "-=") && a.Value is Lit { Text: "1" } && !a.Target.Type.IsFloating)
                return target + (a.Op == "+=" ? "++;" : "--;");
            return target + " " + a.Op + " " + CSharpPrinter.Print(a.Value) + ";";
        }

        private (List<Code>, List<Code>) EmitDeclaration(LocalDecl d, Scope scope)
        {
            if (d.Type.IsArrayLike)
            {
                var forward = new List<Code>();
                if (d.Init is NewArray array)
                {
                    if (scope.Nested)
                    {
                        Fail("the array '" + d.Name + "' is created inside a loop or branch; create it once before the loop and overwrite its elements", d.Location);
                        return (forward, new List<Code>());
                    }
                    forward.Add(new Line(d.Type.Name + " " + d.Name + " = " + CSharpPrinter.Print(d.Init) + ";"));
                    if (_activity.IsActive(d.Name))
                    {
                        string adjoint = AdjointOf(d.Name);
                        if (array.StackAlloc)
                        {
                            forward.Add(new Line(d.Type.Name + " " + adjoint + " = " + CSharpPrinter.Print(array) + ";"));
                            forward.Add(new Line(adjoint + ".Clear();"));
                        }
                        else if (d.Type.Shape == Shape.Array)
                        {
                            // The adjoint of a local array is pooled scratch: the gradient allocates no more than the function.
                            string lease = _names.Fresh(adjoint + "Lease");
                            forward.Add(new Line("var " + lease + " = global::GradGen.PooledSpan<" + d.Type.ElementName + ">.Rent(" + CSharpPrinter.Print(array.Dims[0]) + ");"));
                            forward.Add(new Line("global::System.Span<" + d.Type.ElementName + "> " + adjoint + " = " + lease + ".Span;"));
                            _leases.Add(lease);
                        }
                        else
                        {
                            forward.Add(new Line(d.Type.Name + " " + adjoint + " = " + CSharpPrinter.Print(array) + ";"));
                        }
                    }
                    return (forward, new List<Code>());
                }
                if (_activity.Varied.Contains(d.Name))
                {
                    Fail("the array '" + d.Name + "' refers to another array that depends on a wrt input; index that array directly", d.Location);
                    return (forward, new List<Code>());
                }
                if (scope.Nested)
                {
                    Hoist(d.Name, d.Type);
                    if (d.Init is not null) forward.Add(new Line(d.Name + " = " + CSharpPrinter.Print(d.Init) + ";"));
                }
                else
                {
                    forward.Add(new Line(d.Type.Name + " " + d.Name + (d.Init is null ? "" : " = " + CSharpPrinter.Print(d.Init)) + ";"));
                }
                return (forward, new List<Code>());
            }

            string text;
            if (scope.Nested)
            {
                Hoist(d.Name, d.Type);
                if (d.Init is null) return (new List<Code>(), new List<Code>());
                text = d.Name + " = " + CSharpPrinter.Print(d.Init) + ";";
            }
            else
            {
                text = d.Type.Name + " " + d.Name + " = " + (d.Init is null ? DefaultOf(d.Type) : CSharpPrinter.Print(d.Init)) + ";";
                if (d.Init is null) return (new List<Code> { new Line(text) }, new List<Code>());
            }
            return EmitAssignment(d, text, scope);
        }

        private (List<Code>, List<Code>) EmitAssignment(Stmt s, string forwardText, Scope scope)
        {
            var forward = new List<Code>();
            var reverse = new List<Code>();
            if (!_forms.TryGetValue(s, out var form))
            {
                forward.Add(new Line(forwardText));
                return (forward, reverse);
            }
            string? restore = null;
            if (_steppedBack.Contains(s) && s is Assign { Value: Lit step, Target: VarRef counter } counterStep)
            {
                // An integer counter stepped by a constant is restored by stepping it back: nothing to save.
                restore = counter.Name + (counterStep.Op == "+=" ? " -= " : " += ") + step.Text + ";";
            }
            else if (_saved.Contains(s))
            {
                string target = CSharpPrinter.Print(form.Target);
                var type = form.Target.Type;
                if (scope.Depth == 0)
                {
                    string name = _names.Numbered(IrWalker.Root(form.Target) + "Before");
                    if (scope.Nested)
                    {
                        Hoist(name, type);
                        forward.Add(new Line(name + " = " + target + ";"));
                    }
                    else
                    {
                        forward.Add(new Line(type.ElementName + " " + name + " = " + target + ";"));
                    }
                    restore = target + " = " + name + ";";
                }
                else
                {
                    string tape = TapeFor(type);
                    forward.Add(new Line(tape + ".Push(" + target + ");"));
                    restore = target + " = " + tape + ".Pop();";
                }
            }
            forward.Add(new Line(forwardText));

            _cores.TryGetValue(s, out var core);
            if (core is not null) reverse.AddRange(core.BeforeRestore);
            if (restore is not null) reverse.Add(new Line(restore));
            if (core is not null) reverse.AddRange(core.AfterRestore);
            if (reverse.Count > 0) reverse.Insert(0, new Comment(s.Source));
            return (forward, reverse);
        }

        private (List<Code>, List<Code>) EmitIf(If branch, Scope scope)
        {
            var inner = scope.Inner(loop: false);
            var (thenForward, thenReverse) = EmitList(branch.Then, inner);
            var (elseForward, elseReverse) = EmitList(branch.Else, inner);
            var forward = new List<Code>();
            var reverse = new List<Code>();
            string condition = CSharpPrinter.Print(branch.Condition);

            if (thenReverse.Count == 0 && elseReverse.Count == 0)
            {
                AddIfElse(forward, condition, thenForward, elseForward);
                return (forward, reverse);
            }

            reverse.Add(new Comment(branch.Source));
            if (IsInvariant(branch.Condition, scope))
            {
                // The condition reads nothing that changes: evaluate it again.
                AddIfElse(forward, condition, thenForward, elseForward);
                AddIfElse(reverse, condition, thenReverse, elseReverse);
            }
            else if (scope.Depth == 0)
            {
                string taken = _names.Numbered("branch");
                if (scope.Nested)
                {
                    Hoist(taken, Ty.Bool);
                    forward.Add(new Line(taken + " = " + condition + ";"));
                }
                else
                {
                    forward.Add(new Line("bool " + taken + " = " + condition + ";"));
                }
                AddIfElse(forward, taken, thenForward, elseForward);
                AddIfElse(reverse, taken, thenReverse, elseReverse);
            }
            else
            {
                // Inside a loop: each arm records that it ran; the reverse sweep replays the same arm.
                string tape = TapeFor(Ty.Bool);
                thenForward.Add(new Line(tape + ".Push(true);"));
                elseForward.Add(new Line(tape + ".Push(false);"));
                AddIfElse(forward, condition, thenForward, elseForward);
                AddIfElse(reverse, tape + ".Pop()", thenReverse, elseReverse);
            }
            return (forward, reverse);
        }

        private static void AddIfElse(List<Code> into, string condition, List<Code> then, List<Code> otherwise)
        {
            if (then.Count == 0 && otherwise.Count > 0)
            {
                into.Add(new Block("if (!(" + condition + "))", otherwise));
                return;
            }
            into.Add(new Block("if (" + condition + ")", then));
            if (otherwise.Count > 0) into.Add(new Block("else", otherwise));
        }

        private (List<Code>, List<Code>) EmitCountingLoop(Loop loop, CountingLoop counting, Scope scope)
        {
            string i = counting.Index;
            var (bodyForward, bodyReverse) = EmitList(loop.Body, scope.Inner(loop: true, index: i));
            string start = CSharpPrinter.Print(counting.Start);
            string condition = CSharpPrinter.Print(loop.Condition!);
            var forward = new List<Code>();
            var reverse = new List<Code>();
            if (bodyReverse.Count == 0)
            {
                forward.Add(new Block("for (int " + i + " = " + start + "; " + condition + "; " + i + "++)", bodyForward));
                return (forward, reverse);
            }

            reverse.Add(new Comment(loop.Source));
            if (_recomputedIn.TryGetValue(loop, out var recomputed))
            {
                // Values of this iteration that are cheaper to compute again than to keep.
                bodyReverse.InsertRange(0, recomputed.Select(d => (Code)new Line(d.Name + " = " + CSharpPrinter.Print(d.Init!) + ";")));
                bodyReverse.Insert(0, new Comment("this iteration's " + string.Join(", ", recomputed.Select(d => d.Name)) + ", recomputed rather than saved"));
            }
            bool startInvariant = IsInvariant(counting.Start, scope);
            if (startInvariant && !counting.HasOtherConditions && IsInvariant(counting.Bound, scope))
            {
                // The trip count can be recomputed: run the index backwards.
                forward.Add(new Block("for (int " + i + " = " + start + "; " + condition + "; " + i + "++)", bodyForward));
                var bound = CSharpPrinter.PrintTerm(counting.Bound);
                string last = counting.Inclusive ? bound.Text : bound.Wrap(Term.Additive) + " - 1";
                bodyReverse = BindInvariantAdjoints(bodyReverse, reverse);
                reverse.Add(new Block("for (int " + i + " = " + last + "; " + i + " >= " + start + "; " + i + "--)", bodyReverse));
                return (forward, reverse);
            }

            string count = Counter("iterations", scope, forward);
            if (!startInvariant)
            {
                string startName = _names.Numbered(i + "Start");
                DeclareInt(startName, start, scope, forward);
                start = startName;
            }
            bodyForward.Insert(0, new Line(count + "++;"));
            forward.Add(new Block("for (int " + i + " = " + start + "; " + condition + "; " + i + "++)", bodyForward));
            if (scope.Depth > 0)
            {
                string tape = TapeFor(Ty.Int);
                if (!startInvariant) forward.Add(new Line(tape + ".Push(" + start + ");"));
                forward.Add(new Line(tape + ".Push(" + count + ");"));
                reverse.Add(new Line(count + " = " + tape + ".Pop();"));
                if (!startInvariant) reverse.Add(new Line(start + " = " + tape + ".Pop();"));
            }
            bodyReverse = BindInvariantAdjoints(bodyReverse, reverse);
            reverse.Add(new Block("for (int " + i + " = " + start + " + " + count + " - 1; " + i + " >= " + start + "; " + i + "--)", bodyReverse));
            return (forward, reverse);
        }

        private (List<Code>, List<Code>) EmitGeneralLoop(Loop loop, Scope scope)
        {
            var (initForward, initReverse) = EmitList(loop.Init, scope.Inner(loop: false));
            var (bodyForward, bodyReverse) = EmitList(loop.Body.Concat(loop.Step).ToList(), scope.Inner(loop: true));
            string condition = loop.Condition is null ? "true" : CSharpPrinter.Print(loop.Condition);
            var forward = new List<Code>(initForward);
            var reverse = new List<Code>();
            if (bodyReverse.Count == 0)
            {
                forward.Add(LoopBlock(loop, condition, bodyForward));
                reverse.AddRange(initReverse);
                return (forward, reverse);
            }

            // Count the iterations; the reverse sweep runs the body's adjoint that many times.
            string count = Counter("iterations", scope, forward);
            bodyForward.Insert(0, new Line(count + "++;"));
            forward.Add(LoopBlock(loop, condition, bodyForward));
            reverse.Add(new Comment(loop.Source));
            if (scope.Depth > 0)
            {
                string tape = TapeFor(Ty.Int);
                forward.Add(new Line(tape + ".Push(" + count + ");"));
                reverse.Add(new Line(count + " = " + tape + ".Pop();"));
            }
            string k = _names.Numbered("iteration");
            bodyReverse = BindInvariantAdjoints(bodyReverse, reverse);
            reverse.Add(new Block("for (int " + k + " = " + count + "; " + k + " > 0; " + k + "--)", bodyReverse));
            reverse.AddRange(initReverse);
            return (forward, reverse);
        }

        /// <summary>
        /// In an innermost reverse loop, a scalar adjoint that the body only reads (<c>dS</c> in
        /// <c>gradW[j] += dS * x[j]</c>) is copied to a local first, so the JIT keeps it in a
        /// register instead of reloading it for every element.
        /// </summary>
        private List<Code> BindInvariantAdjoints(List<Code> body, List<Code> before)
        {
            if (body.OfType<Block>().Any(b => IsLoopHeader(b.Header))) return body;
            var (reads, written) = CodeWalker.ReadsAndWrites(body);
            var map = new Dictionary<string, string>();
            foreach (var kv in _adjoints.OrderBy(kv => kv.Value, System.StringComparer.Ordinal))
            {
                string adjoint = kv.Value;
                if (!_types.TryGetValue(kv.Key, out var type) || !type.IsScalar || written.Contains(adjoint) || !reads.Contains(adjoint)) continue;
                string local = _names.Fresh(adjoint + "Here");
                before.Add(new LocalInit(type.ElementScalar, local, new VarRef(adjoint, type)));
                map[adjoint] = local;
            }
            return map.Count == 0 ? body : CodeWalker.Rename(body, map);
        }

        private static bool IsLoopHeader(string header)
            => header.StartsWith("for ", System.StringComparison.Ordinal) || header.StartsWith("while ", System.StringComparison.Ordinal) || header == "do";

        private static Code LoopBlock(Loop loop, string condition, List<Code> body)
            => loop.TestAfter ? new Block("do", body, " while (" + condition + ");") : new Block("while (" + condition + ")", body);

        private string Counter(string stem, Scope scope, List<Code> forward)
        {
            string name = _names.Numbered(stem);
            DeclareInt(name, "0", scope, forward);
            return name;
        }

        private void DeclareInt(string name, string value, Scope scope, List<Code> forward)
        {
            if (scope.Nested)
            {
                Hoist(name, Ty.Int);
                forward.Add(new Line(name + " = " + value + ";"));
            }
            else
            {
                forward.Add(new Line("int " + name + " = " + value + ";"));
            }
        }

        private bool IsInvariant(Expr e, Scope scope)
        {
            switch (e)
            {
                case VarRef v:
                    return _invariant.Contains(v.Name) || scope.LoopIndices.Contains(v.Name);
                case Opaque { Args: { Count: 1 } args } length when args[0] is VarRef array && _fixedBinding.Contains(array.Name)
                    && (length.Format == "{0}.Length" || length.Format.StartsWith("{0}.GetLength(", System.StringComparison.Ordinal)):
                    // The length of an array whose elements change but which stays the same array.
                    return true;
                default:
                    return IrWalker.Children(e).All(c => IsInvariant(c, scope));
            }
        }

        /// <summary>Declares a local at the top of the method, so both sweeps see it.</summary>
        private void Hoist(string name, Ty type)
        {
            if (_hoisted.Add(name)) _plan.Declarations.Add(new Line(type.Name + " " + name + " = " + DefaultOf(type) + ";"));
        }

        private static string DefaultOf(Ty type)
        {
            if (!type.IsScalar) return type.Shape == Shape.Span || type.Shape == Shape.ReadOnlySpan ? "default" : "default!";
            return type.Scalar switch
            {
                ScalarKind.Double or ScalarKind.Float => type.Zero,
                ScalarKind.Int => "0",
                ScalarKind.Long => "0L",
                ScalarKind.Bool => "false",
                _ => "default!",
            };
        }

        private string TapeFor(Ty type)
        {
            string element = type.ElementName;
            if (!(type.IsScalar && type.Scalar != ScalarKind.Other))
            {
                Fail("a value of type '" + type.Name + "' would have to be saved for the reverse sweep, which is not supported");
                return "tape";
            }
            if (!_tapes.TryGetValue(element, out var name))
            {
                name = _names.Fresh(element + "Tape");
                _tapes[element] = name;
                _plan.Declarations.Add(new Line("var " + name + " = new global::GradGen.ValueTape<" + element + ">(stackalloc " + element + "[64]);"));
            }
            return name;
        }
    }
}
