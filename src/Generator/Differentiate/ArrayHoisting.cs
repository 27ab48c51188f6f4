using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// A local array created inside a loop or branch (<c>double[] t = new double[d];</c> per data
    /// point) is allocated once, before the top-level statement that holds it, and zeroed where
    /// it was created: the same values, one allocation, and a single array whose earlier contents
    /// the reverse sweep can save and restore. Sizes must be known before that statement.
    /// </summary>
    internal static class ArrayHoisting
    {
        public static List<Stmt> Hoist(IReadOnlyList<Stmt> body, IReadOnlyCollection<string> parameters)
        {
            var definitions = IrWalker.DefinitionCounts(body);

            var available = new HashSet<string>(parameters.Where(p => !definitions.ContainsKey(p)));
            var output = new List<Stmt>();
            foreach (var s in body)
            {
                if (s is If || s is Loop)
                {
                    var hoisted = new List<Stmt>();
                    var rewritten = Rewrite(new[] { s }, available, hoisted);
                    output.AddRange(hoisted);
                    output.AddRange(rewritten);
                }
                else
                {
                    output.Add(s);
                }
                // A top-level local defined exactly once is available to the statements after it.
                if (s is LocalDecl { Init: not null } d && definitions.TryGetValue(d.Name, out int count) && count == 1)
                    available.Add(d.Name);
            }
            return output;
        }

        private static List<Stmt> Rewrite(IEnumerable<Stmt> list, HashSet<string> available, List<Stmt> hoisted)
        {
            var output = new List<Stmt>();
            foreach (var s in list)
            {
                switch (s)
                {
                    case LocalDecl { Init: NewArray array } d when d.Type.Shape == Shape.Array || d.Type.Shape == Shape.Span:
                        {
                            var reads = new HashSet<string>();
                            foreach (var dim in array.Dims) IrWalker.CollectReads(dim, reads);
                            if (!reads.All(available.Contains))
                            {
                                output.Add(s);
                                break;
                            }
                            hoisted.Add(d with { Source = d.Source + " (created once, before the loop)" });
                            output.Add(new ZeroArray(d.Name, d.Type, d.Source) { Location = d.Location });
                            break;
                        }
                    case If i:
                        output.Add(i with { Then = Rewrite(i.Then, available, hoisted).ToEquatableArray(), Else = Rewrite(i.Else, available, hoisted).ToEquatableArray() });
                        break;
                    case Loop l:
                        output.Add(l with { Body = Rewrite(l.Body, available, hoisted).ToEquatableArray() });
                        break;
                    default:
                        output.Add(s);
                        break;
                }
            }
            return output;
        }
    }
}
