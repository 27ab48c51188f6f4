using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// What generated code reads and writes, and renaming in it, over the IR its statements hold.
    /// <see cref="Line"/>s are primal or bookkeeping code and never mention a scalar adjoint, so
    /// they take no part.
    /// </summary>
    internal static class CodeWalker
    {
        /// <summary>The variables the code reads, and those it assigns (adjoints accumulated into, locals declared, ref outputs).</summary>
        public static (HashSet<string> Reads, HashSet<string> Written) ReadsAndWrites(IEnumerable<Code> code)
        {
            var reads = new HashSet<string>();
            var written = new HashSet<string>();
            Scan(code, reads, written);
            return (reads, written);
        }

        private static void Scan(IEnumerable<Code> code, HashSet<string> reads, HashSet<string> written)
        {
            foreach (var c in code)
            {
                switch (c)
                {
                    case Accumulation a:
                        IrWalker.CollectReads(a.Amount, reads);
                        Target(a.Target, reads, written);
                        break;
                    case LocalInit l:
                        IrWalker.CollectReads(l.Value, reads);
                        written.Add(l.Name);
                        break;
                    case Assignment a:
                        IrWalker.CollectReads(a.Value, reads);
                        Target(a.Target, reads, written);
                        break;
                    case PullbackCall p:
                        foreach (var e in p.Inputs.Concat(p.Seeds)) IrWalker.CollectReads(e, reads);
                        foreach (var (target, byRef) in p.Outputs)
                        {
                            if (byRef) Target(target, reads, written);
                            else IrWalker.CollectReads(target, reads);
                        }
                        if (p.ResultInto is not null) Target(p.ResultInto, reads, written);
                        break;
                    case Block b:
                        Scan(b.Body, reads, written);
                        break;
                }
            }
        }

        /// <summary>An assigned variable or element: the variable is written, the indices read.</summary>
        private static void Target(Expr target, HashSet<string> reads, HashSet<string> written)
        {
            written.Add(IrWalker.Root(target));
            if (target is ElemRef element) IrWalker.CollectReads(element, reads);
        }

        /// <summary>The code with variables renamed wherever the IR reads or writes them.</summary>
        public static List<Code> Rename(IEnumerable<Code> code, IReadOnlyDictionary<string, string> map)
        {
            Expr R(Expr e) => IrRenamer.Rename(e, map);
            return code.Select<Code, Code>(c => c switch
            {
                Accumulation a => new Accumulation(R(a.Target), R(a.Amount), a.Subtract),
                LocalInit l => new LocalInit(l.Type, map.TryGetValue(l.Name, out var n) ? n : l.Name, R(l.Value)),
                Assignment a => new Assignment(R(a.Target), R(a.Value)),
                PullbackCall p => new PullbackCall(p.Callee, p.Inputs.Select(R).ToList(), p.Seeds.Select(R).ToList(),
                    p.Outputs.Select(o => (R(o.Target), o.ByRef)).ToList(), p.ResultInto is null ? null : R(p.ResultInto)),
                Block b => new Block(b.Header, Rename(b.Body, map), b.Footer),
                _ => c,
            }).ToList();
        }
    }
}
