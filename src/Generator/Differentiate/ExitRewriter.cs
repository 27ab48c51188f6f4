using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Removes return, break and continue so that the reverse sweep only meets assignments, ifs and
    /// loops. A guard clause (<c>if (c) return a;</c>) absorbs the statements after it into its
    /// else arm; other early exits set a flag that guards what follows and ends the loops they leave.
    /// The returned value is assigned to the result variable.
    /// </summary>
    internal sealed class ExitRewriter
    {
        [Flags]
        private enum Exit { None = 0, Return = 1, Break = 2, Continue = 4 }

        private sealed class LoopContext
        {
            public string? BreakFlag;
            public string? ContinueFlag;
        }

        private readonly NameAllocator _names;
        private readonly string? _result;
        private readonly Ty _resultType;
        private readonly HashSet<string> _flags = new HashSet<string>();
        private string? _returnedFlag;
        private LoopContext? _loop;

        private ExitRewriter(NameAllocator names, string? result, Ty resultType)
        {
            _names = names;
            _result = result;
            _resultType = resultType;
        }

        /// <summary>Rewrites the body; for a scalar method the result is left in <paramref name="result"/>.</summary>
        public static List<Stmt> Rewrite(IReadOnlyList<Stmt> body, NameAllocator names, string? result, Ty resultType)
        {
            var rewriter = new ExitRewriter(names, result, resultType);
            var output = rewriter.RewriteList(body.ToList(), 0);
            if (rewriter._returnedFlag is not null)
                output.Insert(0, new LocalDecl(rewriter._returnedFlag, Ty.Bool, new Lit("false", Ty.Bool), "(set when a return inside a loop has run)"));
            output = RemoveUnreadFlags(output, rewriter._flags);
            if (result is not null)
            {
                // The common shape, a single return at the end, becomes the result's declaration.
                int assignments = CountAssignments(output, result);
                if (assignments == 1 && output.Count > 0 && output[output.Count - 1] is Assign last && last.Target is VarRef v && v.Name == result && last.Op == "=")
                    output[output.Count - 1] = new LocalDecl(result, resultType, last.Value, last.Source);
                else
                    output.Insert(0, new LocalDecl(result, resultType, new Lit(resultType.Zero, resultType), "(the value to return)"));
            }
            return output;
        }

        private static int CountAssignments(IEnumerable<Stmt> statements, string name)
        {
            int count = 0;
            foreach (var s in statements)
            {
                switch (s)
                {
                    case Assign a when a.Target is VarRef v && v.Name == name: count++; break;
                    case If i: count += CountAssignments(i.Then, name) + CountAssignments(i.Else, name); break;
                    case Loop l: count += CountAssignments(l.Init, name) + CountAssignments(l.Body, name) + CountAssignments(l.Step, name); break;
                }
            }
            return count;
        }

        private static Exit Escapes(Stmt s) => s switch
        {
            Return => Exit.Return,
            Break => Exit.Break,
            Continue => Exit.Continue,
            If i => Escapes(i.Then) | Escapes(i.Else),
            Loop l => Escapes(l.Body) & Exit.Return,
            _ => Exit.None,
        };

        private static Exit Escapes(IEnumerable<Stmt> list)
        {
            var e = Exit.None;
            foreach (var s in list) e |= Escapes(s);
            return e;
        }

        private static bool MustExit(Stmt s) => s switch
        {
            Return or Break or Continue or Throw => true,
            If i => MustExit(i.Then) && MustExit(i.Else),
            _ => false,
        };

        private static bool MustExit(IEnumerable<Stmt> list) => list.Any(MustExit);

        private List<Stmt> RewriteList(List<Stmt> list, int start)
        {
            var output = new List<Stmt>();
            for (int i = start; i < list.Count; i++)
            {
                var s = list[i];
                switch (s)
                {
                    case Return r:
                        if (r.Value is not null && _result is not null)
                            output.Add(new Assign(new VarRef(_result, _resultType), "=", r.Value, r.Source));
                        output.Add(SetFlag(ReturnedFlag(), r.Source));
                        return output;
                    case Break b:
                        output.Add(SetFlag(BreakFlag(), b.Source));
                        return output;
                    case Continue c:
                        output.Add(SetFlag(ContinueFlag(), c.Source));
                        return output;
                    case Throw:
                        output.Add(s);
                        return output;
                }

                var escapes = Escapes(s);
                if (escapes == Exit.None)
                {
                    output.AddRange(RewriteNested(s));
                    continue;
                }

                var rest = list.Skip(i + 1).ToList();
                if (s is If branch)
                {
                    // Guard clause: one arm always leaves, the other never does; the rest becomes the other arm.
                    if (MustExit(branch.Then) && Escapes(branch.Else) == Exit.None)
                    {
                        output.Add(new If(branch.Condition, RewriteList(branch.Then.ToList(), 0).ToEquatableArray(),
                            RewriteList(branch.Else.Concat(rest).ToList(), 0).ToEquatableArray(), branch.Source));
                        return output;
                    }
                    if (MustExit(branch.Else) && Escapes(branch.Then) == Exit.None)
                    {
                        output.Add(new If(branch.Condition, RewriteList(branch.Then.Concat(rest).ToList(), 0).ToEquatableArray(),
                            RewriteList(branch.Else.ToList(), 0).ToEquatableArray(), branch.Source));
                        return output;
                    }
                }

                // General case: the statement sets flags; everything after it runs only if none is set.
                output.AddRange(RewriteNested(s));
                if (rest.Count > 0)
                {
                    var guarded = RewriteList(rest, 0);
                    if (guarded.Count > 0)
                        output.Add(new If(NoneSet(escapes), guarded.ToEquatableArray(), EquatableArray<Stmt>.Empty, "(skipped after an early exit)"));
                }
                return output;
            }
            return output;
        }

        private List<Stmt> RewriteNested(Stmt s)
        {
            switch (s)
            {
                case If i:
                    return new List<Stmt> { new If(i.Condition, RewriteList(i.Then.ToList(), 0).ToEquatableArray(), RewriteList(i.Else.ToList(), 0).ToEquatableArray(), i.Source) };
                case Loop l:
                    return RewriteLoop(l);
                default:
                    return new List<Stmt> { s };
            }
        }

        private List<Stmt> RewriteLoop(Loop loop)
        {
            var outer = _loop;
            var context = new LoopContext();
            _loop = context;
            var body = RewriteList(loop.Body.ToList(), 0);
            _loop = outer;

            if (context.ContinueFlag is not null)
                body.Insert(0, new LocalDecl(context.ContinueFlag, Ty.Bool, new Lit("false", Ty.Bool), "(set by continue)"));

            var condition = loop.Condition;
            var step = loop.Step;
            var output = new List<Stmt>();
            if (context.BreakFlag is not null)
            {
                condition = And(condition, Not(new VarRef(context.BreakFlag, Ty.Bool)));
                output.Add(new LocalDecl(context.BreakFlag, Ty.Bool, new Lit("false", Ty.Bool), "(set by break)"));
                // A step variable declared outside the loop stays visible: do not step it after a break.
                bool stepsOwnVariable = step.All(st => st is Assign a && a.Target is VarRef v && loop.Init.Any(d => d is LocalDecl ld && ld.Name == v.Name));
                if (step.Count > 0 && !stepsOwnVariable)
                    step = EquatableArray.Create<Stmt>(new If(Not(new VarRef(context.BreakFlag, Ty.Bool)), step, EquatableArray<Stmt>.Empty, "(no step after break)"));
            }
            if ((Escapes(loop.Body) & Exit.Return) != 0)
                condition = And(condition, Not(new VarRef(ReturnedFlag(), Ty.Bool)));
            output.Add(new Loop(loop.Init, condition, step, body.ToEquatableArray(), loop.TestAfter, loop.Source));
            return output;
        }

        private string ReturnedFlag() => _returnedFlag ??= Flag("returned");

        private string Flag(string stem)
        {
            string name = _names.Fresh(stem);
            _flags.Add(name);
            return name;
        }

        private string BreakFlag()
        {
            if (_loop is null) throw new InvalidOperationException("break outside a loop");
            return _loop.BreakFlag ??= Flag("breakLoop");
        }

        private string ContinueFlag()
        {
            if (_loop is null) throw new InvalidOperationException("continue outside a loop");
            return _loop.ContinueFlag ??= Flag("continueLoop");
        }

        private Expr NoneSet(Exit exits)
        {
            Expr? any = null;
            if ((exits & Exit.Return) != 0) any = Or(any, new VarRef(ReturnedFlag(), Ty.Bool));
            if ((exits & Exit.Break) != 0) any = Or(any, new VarRef(BreakFlag(), Ty.Bool));
            if ((exits & Exit.Continue) != 0) any = Or(any, new VarRef(ContinueFlag(), Ty.Bool));
            return Not(any!);
        }

        private static Stmt SetFlag(string flag, string source) => new Assign(new VarRef(flag, Ty.Bool), "=", new Lit("true", Ty.Bool), source);

        private static Expr Not(Expr e) => new Unary("!", e, Ty.Bool);

        private static Expr Or(Expr? a, Expr b) => a is null ? b : new Binary("||", a, b, Ty.Bool);

        private static Expr And(Expr? a, Expr b) => a is null ? b : new Binary("&&", a, b, Ty.Bool);

        /// <summary>Drops the assignments of flags that no guard reads (an absorbed return needs none).</summary>
        private static List<Stmt> RemoveUnreadFlags(List<Stmt> body, HashSet<string> flags)
        {
            var read = new HashSet<string>();
            foreach (var s in body) IrWalker.CollectReads(s, read, includeTargets: false);
            bool IsDeadFlag(Stmt s) => s switch
            {
                Assign a => a.Target is VarRef v && v.Type.Scalar == ScalarKind.Bool && a.Value is Lit && !read.Contains(v.Name) && IsFlagName(v.Name),
                LocalDecl d => d.Type.Scalar == ScalarKind.Bool && d.Init is Lit && !read.Contains(d.Name) && IsFlagName(d.Name),
                _ => false,
            };
            bool IsFlagName(string name) => flags.Contains(name);
            return IrWalker.RemoveWhere(body, IsDeadFlag);
        }
    }
}
