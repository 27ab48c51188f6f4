using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Joint sweeps for the last top-level loop, the way a person writes a gradient by hand: when
    /// the code after the loop turns the loop's sums into the result linearly (<c>return sum / n</c>),
    /// the adjoints of those sums are known before the loop runs, so each iteration's reverse sweep
    /// can follow its forward sweep at once. One pass over the data, nothing carried between
    /// iterations on the tape, and a call <c>total += F(…)</c> becomes one call to F's Pullback.
    /// </summary>
    internal sealed partial class ReverseBuilder
    {
        /// <summary>The index in the body of the loop to fuse, or −1.</summary>
        private int FusableLoop()
        {
            int index = -1;
            for (int i = _body.Count - 1; i >= 0; i--)
            {
                if (_body[i] is Loop) { index = i; break; }
            }
            if (index < 0 || _body[index] is not Loop loop || AsCountingLoop(loop) is not { } counting || counting.HasOtherConditions) return -1;

            // Values the code after the loop may read in its reverse sweep: fixed before the loop runs.
            var before = new HashSet<string>(_spec.Parameters.Select(p => p.Name).Where(_invariant.Contains));
            for (int i = 0; i < index; i++)
                if (_body[i] is LocalDecl d && _invariant.Contains(d.Name)) before.Add(d.Name);

            for (int i = index + 1; i < _body.Count; i++)
            {
                var s = _body[i];
                if (!(s is LocalDecl || s is Assign) || _saved.Contains(s) || _steppedBack.Contains(s) || _wholeSaves.ContainsKey(s)) return -1;
                if (_cores.TryGetValue(s, out var core) && !core.ReadsOld.Concat(core.ReadsNew).All(before.Contains)) return -1;
            }

            // Inside the loop: only the iteration's own locals, and sums nothing else reads.
            var statements = IrWalker.AllStatements(loop.Body).ToList();
            var own = new HashSet<string>(statements.OfType<LocalDecl>().Select(d => d.Name).Concat(statements.OfType<Loop>().SelectMany(l => l.Init.OfType<LocalDecl>().Select(d => d.Name))));
            own.Add(counting.Index);
            var sums = new HashSet<string>();
            foreach (var s in statements)
            {
                if (s is ZeroArray || s is Throw || (s is ExprStmt e && !(e.Expression is UnknownCall))) return -1;
                if (_saved.Contains(s) && !(s is LocalDecl) && !(s is Assign { Target: VarRef v0 } && own.Contains(v0.Name))) return -1;
                if (s is not Assign a) continue;
                string root = IrWalker.Root(a.Target);
                if (own.Contains(root)) continue;
                if (a.Target is not VarRef || !(a.Op == "+=" || a.Op == "-=") || _steppedBack.Contains(s) || _saved.Contains(s)) return -1;
                sums.Add(root);
            }
            foreach (var s in statements)
            {
                var reads = new HashSet<string>();
                foreach (var e in IrWalker.OwnExpressions(s))
                {
                    if (s is Assign a && ReferenceEquals(e, a.Target)) continue;
                    IrWalker.CollectReads(e, reads);
                }
                if (reads.Overlaps(sums)) return -1;
            }
            return index;
        }

        private (List<Code> Forward, List<Code> Reverse) EmitFused(int index)
        {
            var scope = new Scope(0, false, System.Array.Empty<string>());
            var forward = new List<Code>();
            var reverseChunks = new List<List<Code>>();
            for (int i = 0; i < index; i++)
            {
                var (f, r) = EmitStatement(_body[i], scope);
                forward.AddRange(f);
                if (r.Count > 0) reverseChunks.Add(r);
            }

            // The code after the loop, differentiated first: it gives the adjoints of the loop's sums.
            var after = new List<Code>();
            var afterChunks = new List<List<Code>>();
            for (int i = index + 1; i < _body.Count; i++)
            {
                var (f, r) = EmitStatement(_body[i], scope);
                after.AddRange(f);
                if (r.Count > 0) afterChunks.Add(r);
            }
            forward.Add(new Comment("The adjoints the loop below receives are known now: its reverse sweep runs inside it."));
            for (int i = afterChunks.Count - 1; i >= 0; i--) forward.AddRange(afterChunks[i]);

            var loop = (Loop)_body[index];
            var counting = AsCountingLoop(loop)!;
            // Each iteration's reverse sweep runs before the next iteration: only values overwritten
            // within one iteration still need saving, not those the next iteration overwrites.
            foreach (var statement in IrWalker.AllStatements(loop.Body)) _saved.Remove(statement);
            Record(loop.Body, new HashSet<string>());
            var (bodyForward, bodyReverse) = EmitList(loop.Body, scope.Inner(loop: true, index: counting.Index));
            var body = new List<Code>();
            // total += F(…) with a known adjoint, whose reverse is exactly the call of F's Pullback
            // (nothing saved, no expression arguments): the Pullback returns F's value, one call does both.
            if (loop.Body.Count == 1 && loop.Body[0] is Assign { Op: "+=", Value: DiffCall } sum
                && bodyForward.Count == 1 && bodyReverse.Count == 2 && bodyReverse[0] is Comment && bodyReverse[1] is PullbackCall { ResultInto: null } pullback)
            {
                body.Add(bodyReverse[0]);
                body.Add(new PullbackCall(pullback.Callee, pullback.Inputs, pullback.Seeds, pullback.Outputs, sum.Target));
            }
            else
            {
                body.AddRange(bodyForward);
                if (bodyReverse.Count > 0)
                {
                    body.Add(new Comment("reverse sweep of this iteration"));
                    body.AddRange(bodyReverse);
                }
            }
            string header = "for (int " + counting.Index + " = " + CSharpPrinter.Print(counting.Start) + "; " + CSharpPrinter.Print(loop.Condition!) + "; " + counting.Index + "++)";
            forward.Add(new Block(header, BindInvariantAdjoints(body, forward)));
            forward.AddRange(after);

            var reverse = new List<Code>();
            for (int i = reverseChunks.Count - 1; i >= 0; i--) reverse.AddRange(reverseChunks[i]);
            return (forward, reverse);
        }
    }
}
