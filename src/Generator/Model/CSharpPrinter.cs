using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GradGen.Generator.Model
{
    /// <summary>A piece of C# expression text with its precedence, so that combining pieces adds only the parentheses needed.</summary>
    public readonly struct Term
    {
        public const int Atom = 16;
        public const int UnaryPrec = 14;
        public const int Multiplicative = 13;
        public const int Additive = 12;
        public const int Conditional = 3;

        public Term(string text, int precedence)
        {
            Text = text;
            Precedence = precedence;
        }

        public string Text { get; }

        public int Precedence { get; }

        public bool IsAtom => Precedence >= Atom;

        public static Term Of(string identifier) => new Term(identifier, Atom);

        public string Wrap(int minimum) => Precedence >= minimum ? Text : "(" + Text + ")";

        public override string ToString() => Text;
    }

    /// <summary>
    /// Prints IR expressions as C#, recording which variables the printed text reads. One
    /// StringBuilder per call, and each operand's precedence is known before it is printed, so a
    /// deep expression (a 20,000-term sum) prints in linear time instead of re-copying its text at
    /// every level.
    /// </summary>
    public static class CSharpPrinter
    {
        public static string Print(Expr e, ISet<string>? reads = null) => PrintTerm(e, reads).Text;

        public static Term PrintTerm(Expr e, ISet<string>? reads = null)
        {
            var text = new StringBuilder();
            Write(text, e, reads);
            return new Term(text.ToString(), PrecedenceOf(e));
        }

        /// <summary>The precedence <see cref="Write"/> gives <paramref name="e"/>, without printing it.</summary>
        public static int PrecedenceOf(Expr e) => e switch
        {
            Lit l => l.Text.StartsWith("-") ? Term.UnaryPrec : Term.Atom,
            Unary => Term.UnaryPrec,
            Binary b => Precedence(b.Op),
            Cond => Term.Conditional,
            Cast => Term.UnaryPrec,
            Cutoff c => PrecedenceOf(c.Value),
            Opaque o => o.Format.IndexOf(' ') < 0 || IsCall(o.Format) ? Term.Atom : Term.Conditional,
            _ => Term.Atom,
        };

        /// <summary>
        /// Whether an opaque format is one call, <c>Name(…)</c>, whose spaces are all inside its
        /// parentheses: it binds like an atom and needs none of its own.
        /// </summary>
        private static bool IsCall(string format)
        {
            int open = format.IndexOf('(');
            if (open <= 0 || format[format.Length - 1] != ')' || format.Substring(0, open).IndexOf(' ') >= 0) return false;
            int depth = 0;
            for (int i = open; i < format.Length; i++)
            {
                if (format[i] == '(') depth++;
                else if (format[i] == ')' && --depth == 0 && i != format.Length - 1) return false;
            }
            return depth == 0;
        }

        private static void Write(StringBuilder text, Expr e, ISet<string>? reads)
        {
            switch (e)
            {
                case Lit l:
                    text.Append(l.Text);
                    return;
                case VarRef v:
                    reads?.Add(v.Name);
                    text.Append(v.Name);
                    return;
                case ElemRef x:
                    WriteWrapped(text, x.Target, Term.Atom, reads);
                    text.Append('[');
                    WriteList(text, x.Indices, reads);
                    text.Append(']');
                    return;
                case Unary u:
                    {
                        text.Append(u.Op);
                        int start = text.Length;
                        WriteWrapped(text, u.Operand, Term.UnaryPrec, reads);
                        // -(-x), not --x
                        if ((u.Op == "-" || u.Op == "+") && text.Length > start && text[start] == u.Op[0])
                        {
                            text.Insert(start, '(');
                            text.Append(')');
                        }
                        return;
                    }
                case Binary b:
                    {
                        int p = Precedence(b.Op);
                        WriteWrapped(text, b.Left, p, reads);
                        text.Append(' ').Append(b.Op).Append(' ');
                        WriteWrapped(text, b.Right, p + 1, reads);
                        return;
                    }
                case Cond c:
                    WriteWrapped(text, c.Test, Term.Conditional + 1, reads);
                    text.Append(" ? ");
                    WriteWrapped(text, c.WhenTrue, Term.Conditional, reads);
                    text.Append(" : ");
                    WriteWrapped(text, c.WhenFalse, Term.Conditional, reads);
                    return;
                case Cast c:
                    text.Append('(').Append(c.Type.Name).Append(')');
                    WriteWrapped(text, c.Operand, Term.UnaryPrec, reads);
                    return;
                case Cutoff c:
                    Write(text, c.Value, reads);
                    return;
                case Opaque o:
                    text.Append(Format(o.Format, o.Args, reads));
                    return;
                case UnknownCall u:
                    text.Append(Format(u.Format, u.Args, reads));
                    return;
                case ElemCall c:
                    text.Append(c.Method).Append('(');
                    WriteList(text, c.Args, reads);
                    text.Append(')');
                    return;
                case DiffCall d:
                    text.Append(CallPrefix(d, d.Callee.Primal, reads)).Append('(');
                    WriteList(text, d.Args, reads);
                    text.Append(')');
                    return;
                case Hole h:
                    text.Append(h.IsResult ? "{r}" : "{" + h.Index + "}");
                    return;
                case SliceRef v:
                    // A view of an input: a span over an array's tail, or a slice of a span.
                    if (v.Target.Type.Shape == Shape.Array)
                    {
                        text.Append("global::System.MemoryExtensions.AsSpan(");
                        Write(text, v.Target, reads);
                        text.Append(", ");
                    }
                    else
                    {
                        WriteWrapped(text, v.Target, Term.Atom, reads);
                        text.Append(".Slice(");
                    }
                    Write(text, v.Start, reads);
                    if (v.Length is not null)
                    {
                        text.Append(", ");
                        Write(text, v.Length, reads);
                    }
                    text.Append(')');
                    return;
                case NewArray n:
                    text.Append(n.StackAlloc ? "stackalloc " : "new ").Append(n.Type.ElementName).Append('[');
                    WriteList(text, n.Dims, reads);
                    text.Append(']');
                    return;
                default:
                    text.Append(e);
                    return;
            }
        }

        /// <summary><paramref name="e"/>, in parentheses when it binds less tightly than <paramref name="minimum"/>.</summary>
        private static void WriteWrapped(StringBuilder text, Expr e, int minimum, ISet<string>? reads)
        {
            if (PrecedenceOf(e) >= minimum)
            {
                Write(text, e, reads);
                return;
            }
            text.Append('(');
            Write(text, e, reads);
            text.Append(')');
        }

        private static void WriteList(StringBuilder text, EquatableArray<Expr> items, ISet<string>? reads)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0) text.Append(", ");
                Write(text, items[i], reads);
            }
        }

        /// <summary>The callee's name, behind its receiver when it is another object's instance method.</summary>
        public static string CallPrefix(DiffCall call, string name, ISet<string>? reads)
            => call.Receiver is null ? name : PrintTerm(call.Receiver, reads).Wrap(Term.Atom) + "." + name;

        private static string Format(string format, EquatableArray<Expr> args, ISet<string>? reads)
        {
            if (args.Count == 0) return format.Replace("{{", "{").Replace("}}", "}");
            var printed = args.Select(a => (object)PrintTerm(a, reads).Wrap(Term.Atom)).ToArray();
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, printed);
        }

        public static int Precedence(string op) => op switch
        {
            "*" or "/" or "%" => Term.Multiplicative,
            "+" or "-" => Term.Additive,
            "<<" or ">>" => 11,
            "<" or ">" or "<=" or ">=" => 10,
            "==" or "!=" => 9,
            "&" => 8,
            "^" => 7,
            "|" => 6,
            "&&" => 5,
            "||" => 4,
            _ => 2,
        };
    }
}
