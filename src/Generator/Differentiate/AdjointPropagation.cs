using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// The chain rule on one expression: given the adjoint of its value, emit the lines that add
    /// each active operand's share to that operand's adjoint, recomputing cheap operands and
    /// reading kept call results.
    /// </summary>
    internal sealed partial class ReverseBuilder
    {
        private sealed class PropagationContext
        {
            public PropagationContext(List<Code> lines, HashSet<string> reads, ElemCall? reusedCall, string? reusedName, HashSet<string> readsNew)
            {
                Lines = lines;
                Reads = reads;
                ReusedCall = reusedCall;
                ReusedName = reusedName;
                ReadsNew = readsNew;
            }

            public List<Code> Lines { get; }

            public HashSet<string> Reads { get; }

            /// <summary>The top-level call whose result is the assigned variable itself (y = Math.Exp(u)).</summary>
            public ElemCall? ReusedCall { get; }

            public string? ReusedName { get; }

            public HashSet<string> ReadsNew { get; }
        }

        private void Propagate(Expr e, Term adjoint, PropagationContext ctx)
        {
            if (!_activity.IsActive(e)) return;
            switch (e)
            {
                case VarRef v:
                    Accumulate(ctx.Lines, AdjointOf(v.Name), Narrow(adjoint, v.Type));
                    break;
                case ElemRef x:
                    Accumulate(ctx.Lines, AdjointElement(x, ctx.Reads), Narrow(adjoint, x.Type));
                    break;
                case Unary u when u.Op == "-":
                    Propagate(u.Operand, Neg(adjoint), ctx);
                    break;
                case Unary u when u.Op == "+":
                    Propagate(u.Operand, adjoint, ctx);
                    break;
                case Binary b:
                    PropagateBinary(b, adjoint, ctx);
                    break;
                case Cond c:
                    {
                        var whenTrue = new List<Code>();
                        var whenFalse = new List<Code>();
                        var adj = Bind(adjoint, c.Type, ctx.Lines);
                        Propagate(c.WhenTrue, adj, new PropagationContext(whenTrue, ctx.Reads, ctx.ReusedCall, ctx.ReusedName, ctx.ReadsNew));
                        Propagate(c.WhenFalse, adj, new PropagationContext(whenFalse, ctx.Reads, ctx.ReusedCall, ctx.ReusedName, ctx.ReadsNew));
                        string test = CSharpPrinter.Print(c.Test, ctx.Reads);
                        if (whenTrue.Count > 0) ctx.Lines.Add(new Block("if (" + test + ")", whenTrue));
                        if (whenFalse.Count > 0) ctx.Lines.Add(new Block(whenTrue.Count > 0 ? "else" : "if (!(" + test + "))", whenFalse));
                        break;
                    }
                case Cast c when c.Type.IsFloating:
                    Propagate(c.Operand, c.Operand.Type.Scalar == c.Type.Scalar ? adjoint : new Term("(" + c.Operand.Type.ElementName + ")" + adjoint.Wrap(Term.UnaryPrec), Term.UnaryPrec), ctx);
                    break;
                case ElemCall call:
                    PropagateElementaryCall(call, adjoint, ctx);
                    break;
                case DiffCall call:
                    PropagateDifferentiableCall(call, adjoint, ctx);
                    break;
            }
        }

        private void PropagateBinary(Binary b, Term adjoint, PropagationContext ctx)
        {
            bool left = _activity.IsActive(b.Left);
            bool right = _activity.IsActive(b.Right);
            if (left && right) adjoint = Bind(adjoint, b.Type, ctx.Lines);
            switch (b.Op)
            {
                case "+":
                    if (left) Propagate(b.Left, adjoint, ctx);
                    if (right) Propagate(b.Right, adjoint, ctx);
                    break;
                case "-":
                    if (left) Propagate(b.Left, adjoint, ctx);
                    if (right) Propagate(b.Right, Neg(adjoint), ctx);
                    break;
                case "*" when left && b.Left == b.Right:
                    // ∂(u·u) = 2u·∂u
                    Propagate(b.Left, Mul(Term.Of(b.Type.Scalar == ScalarKind.Float ? "2f" : "2.0"), Mul(adjoint, CSharpPrinter.PrintTerm(b.Right, ctx.Reads))), ctx);
                    break;
                case "*":
                    // ∂(l·r) = r·∂l + l·∂r
                    if (left) Propagate(b.Left, Mul(adjoint, CSharpPrinter.PrintTerm(b.Right, ctx.Reads)), ctx);
                    if (right) Propagate(b.Right, Mul(adjoint, CSharpPrinter.PrintTerm(b.Left, ctx.Reads)), ctx);
                    break;
                case "/":
                    {
                        // ∂(l/r) = ∂l / r − l·∂r / r²
                        var r = CSharpPrinter.PrintTerm(b.Right, ctx.Reads);
                        if (left) Propagate(b.Left, Div(adjoint, r), ctx);
                        if (right)
                        {
                            var l = CSharpPrinter.PrintTerm(b.Left, ctx.Reads);
                            var square = new Term(r.Wrap(Term.Multiplicative) + " * " + r.Wrap(Term.Multiplicative + 1), Term.Multiplicative);
                            Propagate(b.Right, Neg(Div(Mul(adjoint, l), square)), ctx);
                        }
                        break;
                    }
                case "%":
                    {
                        // l % r = l − r·trunc(l/r): ∂l passes through, ∂r gets −trunc(l/r).
                        if (left) Propagate(b.Left, adjoint, ctx);
                        if (right)
                        {
                            string quotient = "global::System.Math.Truncate(" + CSharpPrinter.Print(b.Left, ctx.Reads) + " / " + CSharpPrinter.PrintTerm(b.Right, ctx.Reads).Wrap(Term.Multiplicative + 1) + ")";
                            Propagate(b.Right, Neg(Mul(adjoint, Term.Of(quotient))), ctx);
                        }
                        break;
                    }
            }
        }

        private void PropagateElementaryCall(ElemCall call, Term adjoint, PropagationContext ctx)
        {
            var active = Enumerable.Range(0, call.Args.Count).Where(i => call.Partials[i].Length > 0 && _activity.IsActive(call.Args[i])).ToList();
            if (active.Count == 0) return;
            if (active.Count > 1) adjoint = Bind(adjoint, call.Type, ctx.Lines);

            string result;
            if (ReferenceEquals(call, ctx.ReusedCall) && ctx.ReusedName is not null)
            {
                result = ctx.ReusedName;
            }
            else
            {
                // A call inside a ?: arm was not kept: recompute it where its value is needed.
                result = "(" + CSharpPrinter.Print(call, ctx.Reads) + ")";
            }

            foreach (int i in active)
            {
                string template = call.Partials[i];
                string partial = Substitute(template, call, result, ctx.Reads);
                // MathF and float's statics: the partials are written in double.
                if (call.Type.Scalar == ScalarKind.Float) partial = "(float)(" + partial + ")";
                Propagate(call.Args[i], Scale(adjoint, partial), ctx);
            }
        }

        private static string Substitute(string template, ElemCall call, string result, ISet<string> reads)
        {
            var text = new System.Text.StringBuilder();
            for (int k = 0; k < template.Length; k++)
            {
                if (template[k] == '{')
                {
                    int close = template.IndexOf('}', k);
                    string key = template.Substring(k + 1, close - k - 1);
                    if (key == "r") text.Append(result);
                    else text.Append(CSharpPrinter.PrintTerm(call.Args[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)], reads).Wrap(Term.Atom));
                    k = close;
                }
                else
                {
                    text.Append(template[k]);
                }
            }
            return text.ToString();
        }

        private void PropagateDifferentiableCall(DiffCall call, Term adjoint, PropagationContext ctx)
        {
            // Through the callee's Pullback: it recomputes its own forward sweep and adds
            // seed · ∂callee/∂argument into one output per wrt parameter.
            string seed = call.Callee.ReturnType.Scalar == ScalarKind.Float && call.Type.Scalar != ScalarKind.Float ? "(float)" + adjoint.Wrap(Term.UnaryPrec) : adjoint.Text;
            CallPullback(call, new[] { seed }, ctx);
        }

        /// <summary>
        /// Emits <c>callee.Pullback(arguments…, seeds…, outputs…)</c>: the adjoints of active arguments
        /// are passed as the outputs; a constant argument gets a throwaway output; an argument that is
        /// an expression gets a temporary whose adjoint then flows into the expression.
        /// </summary>
        private void CallPullback(DiffCall call, IEnumerable<string> seeds, PropagationContext ctx)
        {
            var arguments = call.Args.Select(a => CSharpPrinter.Print(a, ctx.Reads)).ToList();
            var outputs = new List<string>();
            var deferred = new List<(Expr Argument, string Adjoint)>();
            var leases = new List<string>();
            for (int i = 0; i < call.Callee.Parameters.Count && i < call.Args.Count; i++)
            {
                var p = call.Callee.Parameters[i];
                if (!p.IsWrt) continue;
                var arg = call.Args[i];
                bool active = _activity.IsActive(arg);
                if (p.Type.IsScalar)
                {
                    if (active && arg is VarRef v && v.Type.Scalar == p.Type.Scalar)
                    {
                        outputs.Add("ref " + AdjointOf(v.Name));
                        continue;
                    }
                    string temp = _names.Numbered("d" + NameAllocator.Capitalize(p.Name));
                    ctx.Lines.Add(new Line(p.Type.ElementName + " " + temp + " = " + p.Type.Zero + ";"));
                    outputs.Add("ref " + temp);
                    if (active) deferred.Add((arg, temp));
                }
                else if (active && arg is VarRef array)
                {
                    outputs.Add(AdjointOf(array.Name));
                }
                else if (active && arg is ElemRef row)
                {
                    outputs.Add(AdjointElement(row, ctx.Reads));
                }
                else if (active && arg is SliceRef slice && (slice.Target is VarRef || slice.Target is ElemRef))
                {
                    // The same part of the target's adjoint (a Span for an array, an array for a jagged row).
                    string adjoint = slice.Target is ElemRef sliceRow ? AdjointElement(sliceRow, ctx.Reads) : AdjointOf(((VarRef)slice.Target).Name);
                    string bounds = CSharpPrinter.Print(slice.Start, ctx.Reads) + (slice.Length is null ? "" : ", " + CSharpPrinter.Print(slice.Length, ctx.Reads));
                    outputs.Add(slice.Target is ElemRef
                        ? "global::System.MemoryExtensions.AsSpan(" + adjoint + ", " + bounds + ")"
                        : adjoint + ".Slice(" + bounds + ")");
                }
                else if (!active && (p.Type.Shape == Shape.Array || p.Type.Shape == Shape.Span || p.Type.Shape == Shape.ReadOnlySpan))
                {
                    // A constant argument: its gradient is computed and thrown away.
                    string lease = _names.Numbered("unused");
                    ctx.Lines.Add(new Line("var " + lease + " = global::GradGen.PooledSpan<" + p.Type.ElementName + ">.Rent(" + CSharpPrinter.PrintTerm(arg, ctx.Reads).Wrap(Term.Atom) + ".Length);"));
                    outputs.Add(lease + ".Span");
                    leases.Add(lease);
                }
                else
                {
                    Fail("passing '" + CSharpPrinter.Print(arg) + "' to the differentiated parameter '" + p.Name + "' of '" + call.Callee.Primal + "' is not supported; pass a local or parameter array", call.Location);
                    return;
                }
            }
            string prefix = CSharpPrinter.CallPrefix(call, call.Callee.Pullback, ctx.Reads);
            ctx.Lines.Add(new Line(prefix + "(" + string.Join(", ", arguments.Concat(seeds).Concat(outputs)) + ");"));
            foreach (var lease in leases) ctx.Lines.Add(new Line(lease + ".Dispose();"));
            foreach (var (argument, temp) in deferred) Propagate(argument, Term.Of(temp), ctx);
        }

        /// <summary>
        /// A call to a vector-valued [Differentiable] method: the adjoints of the arrays it writes are
        /// its seeds; afterwards they are cleared, since the call overwrote those arrays.
        /// </summary>
        private AdjointCore BuildVectorCallCore(DiffCall call)
        {
            var core = new AdjointCore();
            var seeds = new List<string>();
            var clears = new List<string>();
            bool anyOutputActive = false;
            for (int i = 0; i < call.Callee.Parameters.Count && i < call.Args.Count; i++)
            {
                var p = call.Callee.Parameters[i];
                if (p.IsWrt || p.Type.Shape != Shape.Span || !p.Type.IsFloating) continue;
                if (call.Args[i] is VarRef output && _activity.IsActive(output.Name))
                {
                    string adjoint = AdjointOf(output.Name);
                    seeds.Add(adjoint);
                    clears.Add(adjoint + ".Clear();");
                    anyOutputActive = true;
                }
                else
                {
                    string lease = _names.Numbered("noSeed");
                    core.BeforeRestore.Add(new Line("var " + lease + " = global::GradGen.PooledSpan<" + p.Type.ElementName + ">.Rent(" + CSharpPrinter.PrintTerm(call.Args[i], core.ReadsOld).Wrap(Term.Atom) + ".Length);"));
                    seeds.Add(lease + ".Span");
                    clears.Add(lease + ".Dispose();");
                }
            }
            if (!anyOutputActive || !call.Args.Where((a, i) => i < call.Callee.Parameters.Count && call.Callee.Parameters[i].IsWrt).Any(_activity.IsActive))
            {
                core.BeforeRestore.Clear();
                return core;
            }
            CallPullback(call, seeds, new PropagationContext(core.BeforeRestore, core.ReadsOld, null, null, core.ReadsNew));
            foreach (var clear in clears) core.BeforeRestore.Add(new Line(clear));
            return core;
        }

        // ----- adjoint arithmetic on text -----

        private static void Accumulate(List<Code> lines, string target, Term adjoint)
        {
            if (adjoint.Text.StartsWith("-", System.StringComparison.Ordinal) && adjoint.Precedence >= Term.Multiplicative)
            {
                string negated = adjoint.Text.Substring(1);
                if (IsFullyParenthesized(negated)) negated = negated.Substring(1, negated.Length - 2);
                lines.Add(new Accumulation(target, new Term(negated, TextPrecedence(negated)), subtract: true));
            }
            else
            {
                lines.Add(new Accumulation(target, adjoint, subtract: false));
            }
        }

        /// <summary>
        /// Merges neighbouring contributions to the same adjoint (<c>dX += a; dX += b;</c> becomes
        /// <c>dX += a + b;</c>): one load and store instead of two.
        /// </summary>
        internal static void MergeAccumulations(List<Code> lines)
        {
            for (int i = lines.Count - 1; i > 0; i--)
            {
                if (lines[i] is Accumulation second && lines[i - 1] is Accumulation first && first.Target == second.Target)
                {
                    string op = first.Subtract == second.Subtract ? " + " : " - ";
                    var sum = new Term(first.Amount.Wrap(Term.Additive) + op + second.Amount.Wrap(Term.Additive + 1), Term.Additive);
                    lines[i - 1] = new Accumulation(first.Target, sum, first.Subtract);
                    lines.RemoveAt(i);
                }
            }
            foreach (var block in lines.OfType<Block>()) MergeAccumulations(block.Body);
        }

        /// <summary>Names an adjoint that is used more than once, so it is computed once.</summary>
        private Term Bind(Term adjoint, Ty type, List<Code> lines)
        {
            if (adjoint.IsAtom) return adjoint;
            string name = _names.Numbered("adj");
            lines.Add(new Line(type.ElementName + " " + name + " = " + Narrow(adjoint, type).Text + ";"));
            return Term.Of(name);
        }

        /// <summary>
        /// A float adjoint may receive a double-valued partial (a double subexpression, a System.Math
        /// overload, a double template): convert it explicitly, as the primal code does.
        /// </summary>
        private static Term Narrow(Term adjoint, Ty target)
            => target.Scalar == ScalarKind.Float ? new Term("(float)" + adjoint.Wrap(Term.Atom), Term.UnaryPrec) : adjoint;

        private static Term Neg(Term t)
        {
            // −(−x) is x exactly; never print "--".
            if (t.Precedence == Term.UnaryPrec && t.Text.StartsWith("-", System.StringComparison.Ordinal))
                return new Term(t.Text.Substring(1), Term.UnaryPrec);
            return new Term("-" + t.Wrap(Term.UnaryPrec), Term.UnaryPrec);
        }

        private static bool IsOne(Term t) => t.Text == "1.0" || t.Text == "1" || t.Text == "1f" || t.Text == "1.0f";

        private static Term Mul(Term a, Term b)
        {
            if (IsOne(b)) return a;
            if (IsOne(a)) return b;
            return new Term(a.Wrap(Term.Multiplicative) + " * " + b.Wrap(Term.Multiplicative + 1), Term.Multiplicative);
        }

        private static Term Div(Term a, Term b)
        {
            if (IsOne(b)) return a;
            return new Term(a.Wrap(Term.Multiplicative) + " / " + b.Wrap(Term.Multiplicative + 1), Term.Multiplicative);
        }

        /// <summary>adjoint · partial, written as a division when the partial is a reciprocal.</summary>
        private static Term Scale(Term adjoint, string partial)
        {
            foreach (var one in new[] { "1.0 / ", "1f / " })
            {
                if (partial.StartsWith(one, System.StringComparison.Ordinal))
                {
                    string rest = partial.Substring(one.Length);
                    int p = TextPrecedence(rest);
                    if (p >= Term.UnaryPrec) return Div(adjoint, new Term(rest, p));
                }
            }
            return Mul(adjoint, new Term(partial, TextPrecedence(partial)));
        }

        /// <summary>The precedence of the loosest operator outside parentheses in a C# expression text.</summary>
        internal static int TextPrecedence(string text)
        {
            int depth = 0;
            int lowest = Term.Atom;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '(' || c == '[') depth++;
                else if (c == ')' || c == ']') depth--;
                else if (depth == 0 && c == ' ' && i + 1 < text.Length)
                {
                    char next = text[i + 1];
                    int p = next switch
                    {
                        '?' or ':' => Term.Conditional,
                        '|' or '&' => 4,
                        '<' or '>' or '=' or '!' => 9,
                        '+' or '-' => Term.Additive,
                        '*' or '/' or '%' => Term.Multiplicative,
                        _ => Term.Atom,
                    };
                    if (p < lowest) lowest = p;
                }
            }
            if (lowest == Term.Atom && text.Length > 0 && (text[0] == '-' || text[0] == '!' || (text[0] == '(' && !IsFullyParenthesized(text))))
                lowest = Term.UnaryPrec;
            return lowest;
        }

        private static bool IsFullyParenthesized(string text)
        {
            if (text.Length < 2 || text[0] != '(' || text[text.Length - 1] != ')') return false;
            int depth = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '(') depth++;
                else if (text[i] == ')') depth--;
                if (depth == 0 && i < text.Length - 1) return false;
            }
            return true;
        }
    }
}
