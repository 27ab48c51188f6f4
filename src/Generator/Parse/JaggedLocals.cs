using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Model;

namespace GradGen.Generator.Parse
{
    /// <summary>
    /// A local jagged array (<c>double[][] acts = new double[layers][];</c> with rows
    /// <c>acts[l] = new double[width[l]];</c>) becomes one flat array holding the rows one after
    /// another, in the order they were allocated: <c>acts[l][j]</c> reads <c>actsFlat[actsOffset[l] + j]</c>.
    /// The differentiator then treats it like any local array: its adjoint is a pooled flat buffer of
    /// the same size, and element writes are saved when the reverse sweep needs the old values.
    /// <para>
    /// Supported shape: the jagged array is declared at the top level of the method, every row is
    /// allocated (at the top level or in loops) before any statement that uses its elements, and rows
    /// are only ever created with <c>new T[n]</c>. A row allocated again before use starts a fresh
    /// zeroed region, as a fresh row would. Everything else stays GG0010.
    /// </para>
    /// </summary>
    internal sealed class JaggedLocals
    {
        private static readonly Ty IntArray = new Ty("int[]", ScalarKind.Int, Shape.Array);

        private readonly Func<string, string> _fresh;
        private readonly List<DiagnosticInfo> _diagnostics;

        private JaggedLocals(Func<string, string> fresh, List<DiagnosticInfo> diagnostics)
        {
            _fresh = fresh;
            _diagnostics = diagnostics;
        }

        public static List<Stmt> Flatten(List<Stmt> body, Func<string, string> fresh, List<DiagnosticInfo> diagnostics)
        {
            if (!IrWalker.AllStatements(body).Any(s => IrWalker.OwnExpressions(s).SelectMany(IrWalker.DescendantsAndSelf).Any(IsJaggedCreation)))
                return body;
            return new JaggedLocals(fresh, diagnostics).Run(body);
        }

        /// <summary>The names that stand for one flattened jagged local.</summary>
        private sealed record Flat(string Name, Ty Type, string Storage, string Offset, string Length, string Total);

        private List<Stmt> Run(List<Stmt> body)
        {
            // Jagged locals created anywhere but as a top-level declaration are not flattened.
            var topLevel = new HashSet<Stmt>(body, ReferenceComparer.Instance);
            foreach (var s in IrWalker.AllStatements(body))
            {
                bool created = IrWalker.OwnExpressions(s).SelectMany(IrWalker.DescendantsAndSelf).Any(IsJaggedCreation);
                bool declared = s is LocalDecl { Init: NewArray { Type: { Shape: Shape.Jagged } } } && topLevel.Contains(s);
                if (created && !declared)
                    Report(s, "A local jagged array created inside a loop or branch, or assigned again", "declare it once at the top level of the method (double[][] a = new double[n][];) and allocate its rows before using them");
            }

            var output = new List<Stmt>(body);
            for (int k = 0; k < output.Count; k++)
            {
                if (output[k] is not LocalDecl { Init: NewArray { Dims: { Count: 1 } dims, Type: { Shape: Shape.Jagged } } } decl) continue;
                var flat = new Flat(decl.Name, decl.Type, _fresh(decl.Name + "Flat"), _fresh(decl.Name + "Offset"), _fresh(decl.Name + "Length"), _fresh(decl.Name + "Total"));
                output = Rewrite(output, k, decl, dims[0], flat);
            }
            return output;
        }

        private List<Stmt> Rewrite(List<Stmt> body, int at, LocalDecl decl, Expr rows, Flat flat)
        {
            var head = body.Take(at).ToList();
            var rowsArray = new NewArray(EquatableArray.Create(rows), false, IntArray);
            head.Add(new LocalDecl(flat.Offset, IntArray, rowsArray, decl.Source + " (where each row starts)") { Location = decl.Location });
            head.Add(new LocalDecl(flat.Length, IntArray, rowsArray, decl.Source + " (each row's length)") { Location = decl.Location });
            head.Add(new LocalDecl(flat.Total, Ty.Int, new Lit("0", Ty.Int), decl.Source + " (elements allocated so far)") { Location = decl.Location });

            var storage = new LocalDecl(flat.Storage, new Ty(decl.Type.ElementName + "[]", decl.Type.Scalar, Shape.Array),
                new NewArray(EquatableArray.Create<Expr>(new VarRef(flat.Total, Ty.Int)), false, new Ty(decl.Type.ElementName + "[]", decl.Type.Scalar, Shape.Array)),
                decl.Source + " (its rows, one after another)") { Location = decl.Location };

            var tail = new List<Stmt>();
            bool used = false;
            bool storageAdded = false;
            for (int i = at + 1; i < body.Count; i++)
            {
                var scan = new Scan();
                var rewritten = Statement(body[i], flat, scan, inBranch: false);
                if (scan.Used && !storageAdded)
                {
                    tail.Add(storage);
                    storageAdded = true;
                }
                if (scan.Allocated is { } late && (used || scan.Used))
                    Report(late, "A row of the local jagged array '" + flat.Name + "' allocated after its elements are used (or in the same loop)",
                        "allocate every row first, in a loop of its own before the loop that uses them, and overwrite the elements afterwards");
                used |= scan.Used;
                tail.AddRange(rewritten);
            }
            if (!storageAdded) tail.Add(storage);
            head.AddRange(tail);
            return head;
        }

        private sealed class Scan
        {
            public bool Used;
            public Stmt? Allocated;
        }

        private List<Stmt> Statement(Stmt s, Flat flat, Scan scan, bool inBranch)
        {
            EquatableArray<Stmt> List(EquatableArray<Stmt> list, bool branch) => list.SelectMany(x => Statement(x, flat, scan, branch)).ToEquatableArray();
            Expr E(Expr e) => Expression(e, flat, scan, s);
            switch (s)
            {
                case Assign { Target: ElemRef { Target: VarRef v, Indices: { Count: 1 } index } } a when v.Name == flat.Name:
                    {
                        if (a.Op != "=" || a.Value is not NewArray { Dims: { Count: 1 } size, StackAlloc: false })
                        {
                            Report(s, "Assigning an existing array to a row of the local jagged array '" + flat.Name + "'", "allocate the row with new " + flat.Type.ElementName + "[n] and copy the elements into it");
                            return new List<Stmt> { s };
                        }
                        if (inBranch)
                            Report(s, "A row of the local jagged array '" + flat.Name + "' allocated inside a branch", "allocate every row unconditionally");
                        scan.Allocated ??= s;
                        var row = index[0];
                        var offset = new ElemRef(new VarRef(flat.Offset, IntArray), EquatableArray.Create(row), Ty.Int);
                        var length = new ElemRef(new VarRef(flat.Length, IntArray), EquatableArray.Create(row), Ty.Int);
                        var total = new VarRef(flat.Total, Ty.Int);
                        return new List<Stmt>
                        {
                            new Assign(offset, "=", total, s.Source + " (the row starts here)") { Location = s.Location },
                            new Assign(length, "=", size[0], s.Source + " (and is this long)") { Location = s.Location },
                            new Assign(total, "+=", length, s.Source) { Location = s.Location },
                        };
                    }
                case Assign { Target: VarRef v } when v.Name == flat.Name:
                    Report(s, "Assigning the local jagged array '" + flat.Name + "' again", "allocate it once and overwrite its elements");
                    return new List<Stmt> { s };
                case LocalDecl d:
                    return new List<Stmt> { d with { Init = d.Init is null ? null : E(d.Init) } };
                case Assign a:
                    return new List<Stmt> { a with { Target = E(a.Target), Value = E(a.Value) } };
                case If i:
                    return new List<Stmt> { i with { Condition = E(i.Condition), Then = List(i.Then, true), Else = List(i.Else, true) } };
                case Loop l:
                    return new List<Stmt> { l with { Init = List(l.Init, inBranch), Condition = l.Condition is null ? null : E(l.Condition), Step = List(l.Step, inBranch), Body = List(l.Body, inBranch) } };
                case Return r:
                    return new List<Stmt> { r with { Value = r.Value is null ? null : E(r.Value) } };
                case Throw t:
                    return new List<Stmt> { t with { Exception = t.Exception is null ? null : E(t.Exception) } };
                case ExprStmt x:
                    return new List<Stmt> { x with { Expression = E(x.Expression) } };
                default:
                    return new List<Stmt> { s };
            }
        }

        private Expr Expression(Expr e, Flat flat, Scan scan, Stmt at)
        {
            switch (e)
            {
                // acts[l][j] → actsFlat[actsOffset[l] + j]
                case ElemRef { Target: ElemRef { Target: VarRef v, Indices: { Count: 1 } row }, Indices: { Count: 1 } column } element when v.Name == flat.Name:
                    {
                        scan.Used = true;
                        var offset = new ElemRef(new VarRef(flat.Offset, IntArray), EquatableArray.Create(Expression(row[0], flat, scan, at)), Ty.Int);
                        var length = new ElemRef(new VarRef(flat.Length, IntArray), EquatableArray.Create(Expression(row[0], flat, scan, at)), Ty.Int);
                        // The row's own bound is checked, so an index past its end throws as acts[l][j] does
                        // instead of reading the next row.
                        var column0 = new Opaque("global::GradGen.Shapes.RowIndex({0}, {1})", EquatableArray.Create(Expression(column[0], flat, scan, at), (Expr)length), Ty.Int);
                        var index = new Binary("+", offset, column0, Ty.Int);
                        return new ElemRef(new VarRef(flat.Storage, new Ty(flat.Type.ElementName + "[]", flat.Type.Scalar, Shape.Array)), EquatableArray.Create<Expr>(index), element.Type);
                    }
                // acts[l].Length → actsLength[l]; acts.Length → actsLength.Length
                case Opaque o when o.Args.Any(a => Mentions(a, flat.Name)):
                    {
                        string format = o.Format;
                        var args = new List<Expr>();
                        for (int i = 0; i < o.Args.Count; i++)
                        {
                            var arg = o.Args[i];
                            string hole = "{" + i + "}";
                            if (Mentions(arg, flat.Name) && !format.Replace(hole + ".Length", "").Contains(hole))
                            {
                                if (arg is VarRef { Name: var n } && n == flat.Name)
                                {
                                    args.Add(new VarRef(flat.Length, IntArray));
                                    continue;
                                }
                                if (arg is ElemRef { Target: VarRef { Name: var m }, Indices: { Count: 1 } r } && m == flat.Name && !Mentions(r[0], flat.Name))
                                {
                                    scan.Used = true;
                                    format = format.Replace(hole + ".Length", hole);
                                    args.Add(new ElemRef(new VarRef(flat.Length, IntArray), r, Ty.Int));
                                    continue;
                                }
                            }
                            args.Add(Expression(arg, flat, scan, at));
                        }
                        return o with { Format = format, Args = args.ToEquatableArray() };
                    }
                case VarRef v when v.Name == flat.Name:
                    return Unsupported(e, flat, at);
                case ElemRef { Target: VarRef v } when v.Name == flat.Name:
                    return Unsupported(e, flat, at);
                default:
                    return IrRewriter.MapChildren(e, x => Expression(x, flat, scan, at));
            }
        }

        private Expr Unsupported(Expr e, Flat flat, Stmt at)
        {
            Report(at, "Using a row of the local jagged array '" + flat.Name + "' as a whole (an alias, an argument, foreach)",
                "read and write its elements " + flat.Name + "[i][j] directly, and rows' lengths with " + flat.Name + "[i].Length");
            return e;
        }

        private static bool IsJaggedCreation(Expr e) => e is NewArray { Type: { Shape: Shape.Jagged } };

        private static bool Mentions(Expr e, string name) => IrWalker.DescendantsAndSelf(e).Any(x => x is VarRef v && v.Name == name);

        private void Report(Stmt s, string what, string fix)
            => _diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedExpression, s.Location, what, fix));

        private sealed class ReferenceComparer : IEqualityComparer<Stmt>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(Stmt? x, Stmt? y) => ReferenceEquals(x, y);

            public int GetHashCode(Stmt obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
