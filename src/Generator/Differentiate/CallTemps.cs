using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Keeps the results of active calls whose derivative reuses their value (Exp, Sqrt, Tanh,
    /// Sigmoid…) in temporaries, so that the reverse sweep reads the computed value instead of
    /// recomputing a transcendental function. A statement that is nothing but such a call,
    /// <c>y = Math.Exp(u)</c>, reuses its own target instead.
    /// </summary>
    internal static class CallTemps
    {
        public static List<Stmt> Introduce(IReadOnlyList<Stmt> body, Activity activity, NameAllocator names)
        {
            var output = new List<Stmt>();
            foreach (var s in body)
            {
                switch (s)
                {
                    case If i:
                        output.Add(i with { Then = Introduce(i.Then, activity, names).ToEquatableArray(), Else = Introduce(i.Else, activity, names).ToEquatableArray() });
                        break;
                    case Loop l:
                        output.Add(l with
                        {
                            Init = Introduce(l.Init, activity, names).ToEquatableArray(),
                            Body = Introduce(l.Body, activity, names).ToEquatableArray(),
                            Step = Introduce(l.Step, activity, names).ToEquatableArray(),
                        });
                        break;
                    case LocalDecl d when d.Init is not null && activity.IsActive(d.Name):
                        output.Add(d with { Init = Hoist(d.Init, d.Source, ReusesTarget(new VarRef(d.Name, d.Type), d.Init), activity, names, output) });
                        break;
                    case Assign a when activity.IsActive(IrWalker.Root(a.Target)):
                        bool reuse = a.Op == "=" && ReusesTarget(a.Target, a.Value);
                        output.Add(a with { Value = Hoist(a.Value, a.Source, reuse, activity, names, output) });
                        break;
                    default:
                        output.Add(s);
                        break;
                }
            }
            return output;
        }

        /// <summary>
        /// True when <c>target = call(...)</c> can let the call's derivative read the target itself
        /// (a local, or an element such as <c>y[i] = Math.Exp(...)</c>): the reverse sweep reads it
        /// before restoring the value the assignment overwrote.
        /// </summary>
        public static bool ReusesTarget(Expr target, Expr value)
        {
            if (value is not ElemCall call) return false;
            var reads = new HashSet<string>();
            foreach (var a in call.Args) IrWalker.CollectReads(a, reads);
            return !reads.Contains(IrWalker.Root(target)) && Enumerable.Range(0, call.Args.Count).Any(call.UsesResult);
        }

        /// <summary>Operands larger than this (in IR nodes) that the reverse sweep reads are computed once, into a temporary.</summary>
        internal const int LargeOperand = 24;

        private static Expr Hoist(Expr value, string source, bool reuseTop, Activity activity, NameAllocator names, List<Stmt> prelude)
        {
            Expr Keep(Expr e, string stem)
            {
                string temp = names.Numbered(stem);
                if (activity.IsActive(e))
                {
                    activity.Varied.Add(temp);
                    activity.Useful.Add(temp);
                }
                prelude.Add(new LocalDecl(temp, e.Type, e, source));
                return new VarRef(temp, e.Type);
            }

            Expr Visit(Expr e, bool isTop, bool inCall)
            {
                switch (e)
                {
                    case Cond c:
                        // Only the taken arm is evaluated: keep calls inside arms where they are.
                        return c;
                    case ElemCall call:
                        var rebuilt = (ElemCall)IrRewriter.MapChildren(call, x => Visit(x, false, true));
                        bool needsValue = Enumerable.Range(0, call.Args.Count).Any(i => call.UsesResult(i) && activity.IsActive(call.Args[i]));
                        // A call nested in another call's argument: the outer derivative reads its value,
                        // and recomputing it there would nest every level's derivative in the next one.
                        bool nested = inCall && activity.IsActive(call);
                        if ((!needsValue && !nested) || (isTop && reuseTop)) return rebuilt;
                        return Keep(rebuilt, Stem(call.Method));
                    case Binary { Op: "*" or "/" } b when b.Type.IsFloating:
                        {
                            // ∂(l·r) reads r for l and l for r; ∂(l/r) reads r, and l for r.
                            var left = Visit(b.Left, false, false);
                            var right = Visit(b.Right, false, false);
                            bool leftActive = activity.IsActive(left);
                            bool rightActive = activity.IsActive(right);
                            if (rightActive && IsLarge(left)) left = Keep(left, "factor");
                            if ((leftActive || (b.Op == "/" && rightActive)) && IsLarge(right)) right = Keep(right, "factor");
                            return b with { Left = left, Right = right };
                        }
                    case Unary:
                    case Binary:
                    case Cast:
                    case DiffCall:
                        return IrRewriter.MapChildren(e, x => Visit(x, false, false));
                    default:
                        return e;
                }
            }
            return Visit(value, true, false);
        }

        private static bool IsLarge(Expr e) => IrWalker.HasMoreNodesThan(e, LargeOperand);

        private static string Stem(string method)
        {
            int dot = method.LastIndexOf('.');
            string name = dot >= 0 ? method.Substring(dot + 1) : method;
            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }
    }
}
