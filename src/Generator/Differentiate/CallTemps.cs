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

        private static Expr Hoist(Expr value, string source, bool reuseTop, Activity activity, NameAllocator names, List<Stmt> prelude)
        {
            Expr Visit(Expr e, bool isTop)
            {
                switch (e)
                {
                    case Cond c:
                        // Only the taken arm is evaluated: keep calls inside arms where they are.
                        return c;
                    case ElemCall call:
                        var rebuilt = (ElemCall)IrRewriter.MapChildren(call, x => Visit(x, false));
                        bool needsValue = Enumerable.Range(0, call.Args.Count).Any(i => call.UsesResult(i) && activity.IsActive(call.Args[i]));
                        if (!needsValue || (isTop && reuseTop)) return rebuilt;
                        string temp = names.Numbered(Stem(call.Method));
                        activity.Varied.Add(temp);
                        activity.Useful.Add(temp);
                        prelude.Add(new LocalDecl(temp, call.Type, rebuilt, source));
                        return new VarRef(temp, call.Type);
                    case Unary:
                    case Binary:
                    case Cast:
                    case DiffCall:
                        return IrRewriter.MapChildren(e, x => Visit(x, false));
                    default:
                        return e;
                }
            }
            return Visit(value, true);
        }

        private static string Stem(string method)
        {
            int dot = method.LastIndexOf('.');
            string name = dot >= 0 ? method.Substring(dot + 1) : method;
            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }
    }
}
