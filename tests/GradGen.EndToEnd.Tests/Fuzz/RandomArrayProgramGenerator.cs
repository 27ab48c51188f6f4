using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradGen.EndToEnd.Tests.Fuzz
{
    /// <summary>
    /// Writes a random [Differentiable] program built from the array constructs (local arrays made per
    /// data point inside loops, stackalloc scratch, foreach/row aliases of double[][], calls to
    /// [Differentiable] helpers that take arrays or write a Span output, <c>a[k++] = …</c>, while and
    /// do-while loops, switch on a loop index, double[,] reads in nested loops), as a template of the
    /// whole set of members: "§T" is the value type, "§M" the math class, "§N" the helper-name suffix
    /// and "§A" the attribute text. Instantiated with double/Math/""/[Differentiable] it is the code
    /// under test; with D/D/"Twin"/"" (the dual of <see cref="RandomProgramSource"/>) its exact
    /// forward-mode twin with the same statements and branch decisions.
    /// Signature: <c>double F(double a, double b, double[] w, double[][] xs, double[][] cs, double[,] m)</c>,
    /// wrt a, b, w, xs, m; cs is constant data with the shape of xs; every xs/cs row has w.Length entries.
    /// </summary>
    internal sealed class RandomArrayProgramGenerator
    {
        private readonly Random _rng;
        private readonly StringBuilder _sb = new StringBuilder();
        private int _id;
        private bool _lse, _map, _dot, _row;
        private int _rowKind;

        private RandomArrayProgramGenerator(int seed) => _rng = new Random(seed * 31 + 5);

        public static string Generate(int seed) => new RandomArrayProgramGenerator(seed).Program();

        private string Program()
        {
            Line(2, "int n = w.Length;");
            Line(2, "int N = xs.Length;");
            Line(2, $"§T s = {Expr(1, new[] { "a", "b" })};");
            int blocks = 3 + _rng.Next(4);
            var kinds = new List<int>();
            for (int k = 0; k < blocks; k++)
            {
                // 9–11: the scratch family (a reused array overwritten on every data point, read through locals).
                kinds.Add(_rng.Next(12));
            }

            foreach (int kind in kinds)
            {
                Block(kind);
            }

            Line(2, _rng.Next(2) == 0 ? "return s;" : $"return {Expr(2, new[] { "§M.Tanh(s)", "a", "w[0]" })};");
            string fBody = _sb.ToString();

            var all = new StringBuilder();
            if (_lse)
            {
                all.Append("        §A\n        public static §T Lse§N(§T[] v, int n)\n        {\n")
                   .Append("            §T mx = v[0];\n")
                   .Append("            for (int k = 1; k < n; k++) mx = §M.Max(mx, v[k]);\n")
                   .Append("            §T z = 0.0;\n")
                   .Append("            for (int k = 0; k < n; k++) z += §M.Exp(v[k] - mx);\n")
                   .Append("            return mx + §M.Log(z);\n        }\n\n");
            }

            if (_map)
            {
                string e = Expr(2, new[] { "z[k]", "z[(k + 1) % z.Length]", "z[z.Length - 1 - k]" });
                all.Append("        §A\n        public static void Map§N(§T[] z, Span<§T> y)\n        {\n");
                if (_rng.Next(2) == 0)
                {
                    all.Append("            for (int k = 0; k < y.Length; k++) y[k] = ").Append(e).Append(";\n");
                }
                else
                {
                    all.Append("            int k = 0;\n            while (k < y.Length)\n            {\n                y[k] = ").Append(e)
                       .Append(";\n                k++;\n            }\n");
                }

                all.Append("        }\n\n");
            }

            if (_row)
            {
                // A vector-valued callee writing its output row: elementwise, softmax-like or normalizing.
                all.Append("        §A\n        public static void Row§N(ReadOnlySpan<§T> x, Span<§T> y)\n        {\n");
                switch (_rowKind)
                {
                    case 0:
                        all.Append("            for (int k = 0; k < x.Length; k++) y[k] = ")
                           .Append(Expr(2, new[] { "x[k]", "x[(k + 1) % x.Length]", "x[x.Length - 1 - k]" })).Append(";\n");
                        break;
                    case 1:
                        all.Append("            §T mx = x[0];\n")
                           .Append("            for (int k = 1; k < x.Length; k++) mx = §M.Max(mx, x[k]);\n")
                           .Append("            §T total = 0.0;\n")
                           .Append("            for (int k = 0; k < x.Length; k++)\n            {\n")
                           .Append("                y[k] = §M.Exp(x[k] - mx);\n                total += y[k];\n            }\n")
                           .Append("            for (int k = 0; k < x.Length; k++) y[k] /= total;\n");
                        break;
                    default:
                        all.Append("            §T mean = 0.0;\n")
                           .Append("            for (int k = 0; k < x.Length; k++) mean += x[k];\n")
                           .Append("            mean /= x.Length;\n")
                           .Append("            §T v = 0.0;\n")
                           .Append("            for (int k = 0; k < x.Length; k++) v += (x[k] - mean) * (x[k] - mean);\n")
                           .Append("            §T inv = 1.0 / §M.Sqrt(v / x.Length + 1.0);\n")
                           .Append("            for (int k = 0; k < x.Length; k++) y[k] = (x[k] - mean) * inv;\n");
                        break;
                }

                all.Append("        }\n\n");
            }

            if (_dot)
            {
                string e = Expr(1, new[] { "p[j]", "q[j]", "p[j] * q[j]" });
                all.Append("        §A\n        public static §T Dot§N(§T[] p, §T[] q, int n)\n        {\n")
                   .Append("            §T d = 0.0;\n")
                   .Append("            for (int j = 0; j < n; j++) d += p[j] * q[j] + 0.25 * ").Append(e).Append(";\n")
                   .Append("            return d;\n        }\n\n");
            }

            all.Append("        §A(nameof(a), nameof(b), nameof(w), nameof(xs), nameof(m))]\n");
            all.Append("        public static §T F§N(§T a, §T b, §T[] w, §T[][] xs, double[][] cs, §T[,] m)\n        {\n");
            all.Append(fBody);
            all.Append("        }\n");
            return all.ToString();
        }

        private void Block(int kind)
        {
            int id = _id++;
            switch (kind)
            {
                case 0: LocalArrayPerPoint(id); break;
                case 1: ForeachAlias(id); break;
                case 2: RowAlias(id); break;
                case 3: LseCall(id); break;
                case 4: MapCall(id); break;
                case 5: CounterIndex(id); break;
                case 6: WhileLoops(id); break;
                case 7: SwitchOnIndex(id); break;
                case 8: Matrix(id); break;
                case 9: ScratchByCall(id); break;
                case 10: ScratchZeroed(id); break;
                default: ScratchReadBeforeCall(id); break;
            }
        }

        // ---- blocks -------------------------------------------------------------------------------

        private void LocalArrayPerPoint(int id)
        {
            string i = "i" + id, j = "j" + id, t = "t" + id, acc = "acc" + id;
            int where = _rng.Next(4);   // 0 new inside, 1 new before, 2 stackalloc before, 3 stackalloc inside
            string decl = where < 2 ? $"§T[] {t} = new §T[n];" : $"Span<§T> {t} = stackalloc §T[n];";
            if (where == 1 || where == 2)
            {
                Line(2, decl);
            }

            int d = OpenLoop(2, i, "N");
            if (where == 0 || where == 3)
            {
                Line(d, decl);
            }

            string perm = Pick($"{j}", $"({j} + 1) % n", $"n - 1 - {j}");
            Line(d, $"for (int {j} = 0; {j} < n; {j}++) {t}[{perm}] = {Expr(2, new[] { $"w[{j}]", $"xs[{i}][{j}]", $"cs[{i}][{j}]", "a", "b" })};");
            if (_rng.Next(2) == 0)
            {
                Line(d, $"for (int {j} = 0; {j} < n; {j}++) {t}[{j}] = {Expr(2, new[] { $"{t}[{j}]", $"{t}[({j} + 1) % n]", "a" })};");
            }

            Line(d, $"§T {acc} = {Expr(1, new[] { "b", "0.5" })};");
            Line(d, $"for (int {j} = 0; {j} < n; {j}++) {acc} += {Expr(2, new[] { $"{t}[{j}]", $"{t}[({j} + 1) % n]", $"{t}[n - 1 - {j}]", $"w[{j}]" })};");
            Line(d, $"s += {Expr(2, new[] { acc, "§M.Tanh(s)", $"{t}[0]" })};");
            CloseLoop(2, i);
        }

        private void ForeachAlias(int id)
        {
            string j = "j" + id, row = "row" + id;
            bool wrt = _rng.Next(2) == 0;
            Line(2, wrt ? $"foreach (§T[] {row} in xs)" : $"foreach (double[] {row} in cs)");
            Line(2, "{");
            if (wrt && _rng.Next(2) == 0)
            {
                _dot = true;
                Line(3, $"s += {Expr(1, new[] { $"Dot§N({row}, w, n)", "a" })};");
            }
            else
            {
                Line(3, $"for (int {j} = 0; {j} < {row}.Length; {j}++) s += {Expr(2, new[] { $"{row}[{j}]", $"w[{j}]", "a", $"{row}[{row}.Length - 1 - {j}]" })};");
            }

            Line(2, "}");
        }

        private void RowAlias(int id)
        {
            string i = "i" + id, j = "j" + id, row = "row" + id, crow = "crow" + id, r = "r" + id;
            int d = OpenLoop(2, i, "N");
            Line(d, $"§T[] {row} = xs[{i}];");
            Line(d, $"double[] {crow} = cs[{i}];");
            if (_rng.Next(2) == 0)
            {
                _dot = true;
                Line(d, $"§T {r} = Dot§N({Pick(row, "w")}, {Pick(row, "w")}, n);");
            }
            else
            {
                Line(d, $"§T {r} = 0.0;");
                Line(d, $"for (int {j} = 0; {j} < n; {j}++) {r} += {Expr(2, new[] { $"{row}[{j}]", $"{crow}[{j}]", $"w[{j}]" })};");
            }

            Line(d, $"s += {Expr(2, new[] { r, $"{row}[0]", $"{crow}[n - 1]", "b" })};");
            CloseLoop(2, i);
        }

        private void LseCall(int id)
        {
            _lse = true;
            string i = "i" + id, j = "j" + id, z = "z" + id, l = "l" + id;
            Line(2, $"§T[] {z} = new §T[n];");
            int d = OpenLoop(2, i, "N");
            Line(d, $"for (int {j} = 0; {j} < n; {j}++) {z}[{j}] = {Expr(2, new[] { $"w[{j}]", $"xs[{i}][{j}]", $"cs[{i}][{j}]", "a" })};");
            Line(d, $"§T {l} = Lse§N({z}, n);");
            Line(d, $"s += {Expr(2, new[] { l, $"{z}[0]", "b" })};");
            CloseLoop(2, i);
        }

        private void MapCall(int id)
        {
            _map = true;
            string i = "i" + id, j = "j" + id, z = "z" + id, u = "u" + id;
            Line(2, $"§T[] {z} = new §T[n];");
            Line(2, _rng.Next(2) == 0 ? $"§T[] {u} = new §T[n];" : $"Span<§T> {u} = stackalloc §T[n];");
            int d = OpenLoop(2, i, "N");
            Line(d, $"for (int {j} = 0; {j} < n; {j}++) {z}[{j}] = {Expr(2, new[] { $"w[{j}]", $"xs[{i}][{j}]", $"cs[{i}][{j}]", "b" })};");
            Line(d, $"Map§N({z}, {u});");
            Line(d, $"for (int {j} = 0; {j} < n; {j}++) s += {Expr(2, new[] { $"{u}[{j}]", $"{z}[{j}]", $"cs[{i}][{j}]" })};");
            CloseLoop(2, i);
        }

        private void CounterIndex(int id)
        {
            string i = "i" + id, j = "j" + id, q = "q" + id, k = "k" + id, r = "r" + id;
            Line(2, _rng.Next(2) == 0 ? $"§T[] {q} = new §T[N * n];" : $"Span<§T> {q} = stackalloc §T[N * n];");
            Line(2, $"int {k} = 0;");
            int d = OpenLoop(2, i, "N");
            Line(d, $"for (int {j} = 0; {j} < n; {j}++) {q}[{k}++] = {Expr(2, new[] { $"xs[{i}][{j}]", $"w[{j}]", $"cs[{i}][{j}]", "a" })};");
            CloseLoop(2, i);
            if (_rng.Next(2) == 0)
            {
                Line(2, $"for (int {r} = 0; {r} < {q}.Length; {r}++) s += {Expr(2, new[] { $"{q}[{r}]", $"{q}[({r} * 3 + 1) % {q}.Length]", "§M.Tanh(s)" })};");
            }
            else
            {
                Line(2, $"{k} = 0;");
                Line(2, $"while ({k} < {q}.Length)");
                Line(2, "{");
                Line(3, $"s += {Expr(2, new[] { $"{q}[{k}]", $"{q}[{q}.Length - 1 - {k}]" })};");
                Line(3, $"{k} += 1;");
                Line(2, "}");
            }
        }

        private void WhileLoops(int id)
        {
            string j = "j" + id;
            Line(2, $"int {j} = 0;");
            if (_rng.Next(2) == 0)
            {
                Line(2, $"while ({j} < n)");
                Line(2, "{");
                Line(3, $"s = {Expr(2, new[] { "§M.Tanh(s)", $"w[{j}]", "a" })};");
                Line(3, $"{j}++;");
                Line(2, "}");
            }
            else
            {
                Line(2, "do");
                Line(2, "{");
                Line(3, $"s += {Expr(2, new[] { $"w[{j}]", $"xs[{j} % N][{j}]", "b" })};");
                Line(3, $"{j} += 1;");
                Line(2, $"}} while ({j} < n);");
            }
        }

        private void SwitchOnIndex(int id)
        {
            string i = "i" + id, j = "j" + id;
            bool overPoints = _rng.Next(2) == 0;
            string idx = overPoints ? i : j;
            int d;
            if (overPoints)
            {
                d = OpenLoop(2, i, "N");
            }
            else
            {
                Line(2, $"for (int {j} = 0; {j} < n; {j}++)");
                Line(2, "{");
                d = 3;
            }

            string[] atoms = overPoints
                ? new[] { $"xs[{i}][0]", $"cs[{i}][n - 1]", "w[1]", "§M.Tanh(s)" }
                : new[] { $"w[{j}]", $"xs[0][{j}]", "a", "§M.Tanh(s)" };
            Line(d, $"switch ({idx})");
            Line(d, "{");
            Line(d + 1, "case 0:");
            Line(d + 2, $"s += {Expr(2, atoms)};");
            Line(d + 2, "break;");
            if (_rng.Next(2) == 0)
            {
                Line(d + 1, "case 1:");
                Line(d + 1, "case 3:");
            }
            else
            {
                Line(d + 1, "case 2:");
            }

            Line(d + 2, $"s = s * §M.Tanh({Expr(2, atoms)});");
            Line(d + 2, "break;");
            Line(d + 1, "default:");
            Line(d + 2, $"s -= {Expr(2, atoms)};");
            Line(d + 2, "break;");
            Line(d, "}");
            if (overPoints)
            {
                CloseLoop(2, i);
            }
            else
            {
                Line(2, "}");
            }
        }

        private void Matrix(int id)
        {
            string r = "r" + id, c = "c" + id, rs = "rs" + id;
            Line(2, $"for (int {r} = 0; {r} < m.GetLength(0); {r}++)");
            Line(2, "{");
            if (_rng.Next(2) == 0)
            {
                Line(3, $"for (int {c} = 0; {c} < m.GetLength(1); {c}++) s += {Expr(2, new[] { $"m[{r}, {c}]", $"w[{c} % n]", "a", $"m[m.GetLength(0) - 1 - {r}, {c}]" })};");
            }
            else
            {
                Line(3, $"§T {rs} = 0.0;");
                Line(3, $"int {c} = 0;");
                Line(3, $"while ({c} < m.GetLength(1))");
                Line(3, "{");
                Line(4, $"{rs} += m[{r}, {c}] * {Expr(1, new[] { $"w[{c} % n]", $"xs[{r} % N][{c} % n]", "b" })};");
                Line(4, $"{c}++;");
                Line(3, "}");
                Line(3, $"s += {Expr(1, new[] { rs, "§M.Tanh(s)" })};");
            }

            Line(2, "}");
        }

        // ---- the scratch family -------------------------------------------------------------------
        // A scratch array reused on every data point, overwritten whole (by a vector-valued call, or by
        // zeroing and accumulating), and read through locals that the reverse sweep may recompute: at
        // the data point's own level, in the element loop, and in loops nested below it.

        private string ScratchDecl(string name) => _rng.Next(3) == 0 ? $"Span<§T> {name} = stackalloc §T[n];" : $"§T[] {name} = new §T[n];";

        private string RowInput(string i) => Pick($"xs[{i}]", $"xs[{i}]", "w");

        private void RowCall(int indent, string i, string u)
        {
            if (!_row)
            {
                _row = true;
                _rowKind = _rng.Next(3);
            }

            Line(indent, $"Row§N({RowInput(i)}, {u});");
        }

        /// <summary>Reads of the scratch u through locals, after it was written in this iteration.</summary>
        private void ReadThroughLocals(int d, string id, string i, string u)
        {
            string j = "j" + id, k = "k" + id, e = "e" + id, q = "q" + id, f = "f" + id;
            bool pointLocal = _rng.Next(2) == 0;
            if (pointLocal)
            {
                // one element picked by the data point, like p[labels[n]] in a cross-entropy
                Line(d, $"§T {q} = {u}[{Pick($"{i} % n", "n - 1", "0", $"({i} * 7 + 3) % n")}]{Pick("", " - 0.25", " * 0.5 + b")};");
                Line(d, $"s += {Expr(1, new[] { $"§M.Log(1.0 + {q} * {q})", q, $"§M.Tanh({q})" })};");
            }

            Line(d, $"for (int {j} = 0; {j} < {Pick("n", $"{u}.Length")}; {j}++)");
            Line(d, "{");
            string atom = Pick($"{u}[{j}]", $"{u}[{j}]", $"{u}[(n - 1 - {j})]");
            Line(d + 1, $"§T {e} = {atom}{Pick(" - 1.0", " * w[" + j + "]", " + xs[" + i + "][" + j + "]", " - cs[" + i + "][" + j + "]", "")};");
            if (_rng.Next(2) == 0)
            {
                Line(d + 1, $"§T {f} = {e} * {Pick(e, "0.5", "a")}{(pointLocal ? " + " + q : "")};");
                e = f;
            }

            switch (_rng.Next(3))
            {
                case 0:
                    Line(d + 1, $"s += {Expr(1, new[] { $"{e} * {e}", $"§M.Sin({e})", $"§M.Log(1.0 + {e} * {e})" })};");
                    break;
                case 1:
                    // a loop nested below the one that defines the local
                    Line(d + 1, $"for (int {k} = 0; {k} < n; {k}++) s += {Expr(1, new[] { $"§M.Sin({e} * w[{k}])", $"{e} * cs[{i}][{k}]", $"{e} * {u}[{k}]" })};");
                    break;
                default:
                    // the scratch read directly too: the reverse sweep needs it restored anyway
                    Line(d + 1, $"s += {Expr(1, new[] { $"{e} * {u}[{j}]", $"{e} * {e}", $"§M.Tanh({u}[{j}]) * {e}" })};");
                    break;
            }

            Line(d, "}");
        }

        private void ScratchByCall(int id)
        {
            string i = "i" + id, u = "u" + id;
            Line(2, ScratchDecl(u));
            int d = OpenLoop(2, i, "N");
            RowCall(d, i, u);
            ReadThroughLocals(d, id.ToString(CultureInfo.InvariantCulture), i, u);
            CloseLoop(2, i);
        }

        private void ScratchZeroed(int id)
        {
            string i = "i" + id, j = "jz" + id, u = "u" + id;
            bool inside = _rng.Next(2) == 0;
            if (!inside)
            {
                Line(2, $"§T[] {u} = new §T[n];");
            }

            int d = OpenLoop(2, i, "N");
            if (inside)
            {
                Line(d, $"§T[] {u} = new §T[n];");
            }
            else
            {
                Line(d, $"for (int {j} = 0; {j} < n; {j}++) {u}[{j}] = 0.0;");
            }

            Line(d, $"for (int {j} = 0; {j} < n; {j}++) {u}[{Pick(j, $"({j} + 1) % n")}] += {Expr(2, new[] { $"xs[{i}][{j}]", $"w[{j}]", "a", $"cs[{i}][{j}]" })};");
            ReadThroughLocals(d, id.ToString(CultureInfo.InvariantCulture), i, u);
            CloseLoop(2, i);
        }

        private void ScratchReadBeforeCall(int id)
        {
            // The locals read last iteration's scratch, then the call overwrites it in the same iteration.
            string i = "i" + id, u = "u" + id;
            Line(2, ScratchDecl(u));
            RowCall(2, "0", u);
            int d = OpenLoop(2, i, "N");
            ReadThroughLocals(d, id.ToString(CultureInfo.InvariantCulture), i, u);
            RowCall(d, i, u);
            CloseLoop(2, i);
        }

        // ---- loops over the data points: for, while or do-while ------------------------------------

        private readonly Dictionary<string, int> _loopKind = new Dictionary<string, int>();

        private int OpenLoop(int indent, string i, string bound)
        {
            int kind = _rng.Next(3);
            _loopKind[i] = kind;
            switch (kind)
            {
                case 0:
                    Line(indent, $"for (int {i} = 0; {i} < {bound}; {i}++)");
                    Line(indent, "{");
                    break;
                case 1:
                    Line(indent, $"int {i} = 0;");
                    Line(indent, $"while ({i} < {bound})");
                    Line(indent, "{");
                    break;
                default:
                    Line(indent, $"int {i} = 0;");
                    Line(indent, "do");
                    Line(indent, "{");
                    break;
            }

            _loopBound[i] = bound;
            return indent + 1;
        }

        private readonly Dictionary<string, string> _loopBound = new Dictionary<string, string>();

        private void CloseLoop(int indent, string i)
        {
            switch (_loopKind[i])
            {
                case 0:
                    Line(indent, "}");
                    break;
                case 1:
                    Line(indent + 1, $"{i}++;");
                    Line(indent, "}");
                    break;
                default:
                    Line(indent + 1, $"{i} += 1;");
                    Line(indent, $"}} while ({i} < {_loopBound[i]});");
                    break;
            }
        }

        // ---- expressions --------------------------------------------------------------------------

        private string Expr(int depth, IReadOnlyList<string> atoms)
        {
            if (depth <= 0 || _rng.Next(4) == 0)
            {
                return Atom(atoms);
            }

            string E() => Expr(depth - 1, atoms);
            switch (_rng.Next(12))
            {
                case 0: return $"({E()} + {E()})";
                case 1: return $"({E()} - {E()})";
                case 2:
                case 3: return $"({E()} * {E()})";
                case 4: return $"§M.Sin({E()})";
                case 5: return $"§M.Tanh({E()})";
                case 6: return $"§M.Cos({E()})";
                case 7: { string e = E(); return $"§M.Sqrt(1.0 + {e} * {e})"; }
                case 8: { string e = E(); return $"§M.Log(1.0 + {e} * {e})"; }
                case 9: return $"({E()} / (2.0 + §M.Sin({E()})))";
                case 10: return $"§M.Exp(§M.Sin({E()}))";
                default: return $"§M.{Pick("Max", "Min")}({E()}, {E()})";
            }
        }

        // The running sum s appears in expressions only as Tanh(s): an unbounded s (s += s * s per data
        // point) ends in cancellations whose rounding exceeds the 1e-10 comparison without any bug.
        private string Atom(IReadOnlyList<string> atoms)
        {
            if (_rng.Next(5) == 0)
            {
                return (Math.Round(_rng.NextDouble() * 2 - 1, 2) + 0.0).ToString("0.0#", CultureInfo.InvariantCulture);
            }

            return atoms[_rng.Next(atoms.Count)];
        }

        private string Pick(params string[] options) => options[_rng.Next(options.Length)];

        private void Line(int indent, string text) => _sb.Append(' ', indent * 4).Append(text).Append('\n');
    }

    /// <summary>Turns a <see cref="RandomArrayProgramGenerator"/> template into a class with F, its twin and array-only harness methods.</summary>
    internal static class RandomArrayProgramSource
    {
        public const string Namespace = "GradGenArrayFuzz";

        public static string ClassName(int seed) => "A" + seed;

        public static string UnderTest(string template) => Instantiate(template, "double", "Math", "", "[Differentiable");

        private static string Instantiate(string template, string type, string math, string suffix, string attribute)
        {
            string s = template.Replace("§A(", attribute == "" ? "//(" : attribute + "(")
                .Replace("§A\n", attribute == "" ? "\n" : attribute + "]\n");
            return s.Replace("§T", type).Replace("§M", math).Replace("§N", suffix);
        }

        private const string Params = "double a, double b, double[] w, double[][] xs, double[][] cs, double[,] m";
        private const string Args = "a, b, w, xs, cs, m";

        public static string Class(int seed, string template)
        {
            string name = ClassName(seed);
            var sb = new StringBuilder();
            sb.Append("    public static partial class ").Append(name).Append("\n    {\n");
            sb.Append(UnderTest(template)).Append('\n');
            sb.Append(Instantiate(template, "D", "D", "Twin", "")).Append('\n');
            sb.Append($@"        public delegate double GradFn({Params}, out double ga, out double gb, Span<double> gw, double[][] gxs, double[,] gm);
        public delegate double PullFn({Params}, double seed, ref double ga, ref double gb, Span<double> gw, double[][] gxs, double[,] gm);
        private static T Bind<T>(string n) where T : Delegate => (T)Delegate.CreateDelegate(typeof(T), typeof({name}).GetMethod(n)!);
        private static readonly GradFn GradD = Bind<GradFn>(""FGradient"");
        private static readonly PullFn PullD = Bind<PullFn>(""FPullback"");

        private static double[] Flat(double v, double ga, double gb, double[] gw, double[][] gxs, double[,] gm)
        {{
            var r = new System.Collections.Generic.List<double> {{ v, ga, gb }};
            r.AddRange(gw);
            foreach (var row in gxs) r.AddRange(row);
            for (int i = 0; i < gm.GetLength(0); i++) for (int j = 0; j < gm.GetLength(1); j++) r.Add(gm[i, j]);
            return r.ToArray();
        }}

        private static double[][] Jagged(double[][] xs, double fill)
        {{
            var g = new double[xs.Length][];
            for (int i = 0; i < xs.Length; i++) {{ g[i] = new double[xs[i].Length]; for (int j = 0; j < g[i].Length; j++) g[i][j] = fill; }}
            return g;
        }}

        private static double[,] Matrix(double[,] m, double fill)
        {{
            var g = new double[m.GetLength(0), m.GetLength(1)];
            for (int i = 0; i < m.GetLength(0); i++) for (int j = 0; j < m.GetLength(1); j++) g[i, j] = fill;
            return g;
        }}

        public static double Plain({Params}) => F({Args});

        public static double[] Rev({Params})
        {{
            var gw = new double[w.Length];
            for (int i = 0; i < gw.Length; i++) gw[i] = 7.0;   // FGradient overwrites
            var gxs = Jagged(xs, 7.0);
            var gm = Matrix(m, 7.0);
            double v = GradD({Args}, out double ga, out double gb, gw, gxs, gm);
            return Flat(v, ga, gb, gw, gxs, gm);
        }}

        public static double[] Pull({Params}, double seed, double start)
        {{
            var gw = new double[w.Length];
            for (int i = 0; i < gw.Length; i++) gw[i] = start;
            var gxs = Jagged(xs, start);
            var gm = Matrix(m, start);
            double ga = start, gb = start;
            double v = PullD({Args}, seed, ref ga, ref gb, gw, gxs, gm);
            return Flat(v, ga, gb, gw, gxs, gm);
        }}

        public static double[] Fwd({Params})
        {{
            int total = 2 + w.Length + xs.Length * w.Length + m.Length;
            var r = new double[1 + total];
            for (int d = 0; d < total; d++)
            {{
                int at = 0;
                D Dir(double v) => new D(v, at++ == d ? 1 : 0);
                D da = Dir(a), db = Dir(b);
                var dw = new D[w.Length];
                for (int i = 0; i < w.Length; i++) dw[i] = Dir(w[i]);
                var dxs = new D[xs.Length][];
                for (int i = 0; i < xs.Length; i++) {{ dxs[i] = new D[xs[i].Length]; for (int j = 0; j < xs[i].Length; j++) dxs[i][j] = Dir(xs[i][j]); }}
                var dm = new D[m.GetLength(0), m.GetLength(1)];
                for (int i = 0; i < m.GetLength(0); i++) for (int j = 0; j < m.GetLength(1); j++) dm[i, j] = Dir(m[i, j]);
                D y = FTwin(da, db, dw, dxs, cs, dm);
                r[0] = y.V;
                r[1 + d] = y.T;
            }}
            return r;
        }}
    }}

");
            return sb.ToString();
        }

        public static string Unit(string classes) =>
            "using System;\nusing GradGen;\n\nnamespace " + Namespace + "\n{\n" + RandomProgramSource.DualSource + "\n" + classes + "}\n";
    }
}
