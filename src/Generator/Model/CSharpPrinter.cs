using System.Collections.Generic;
using System.Linq;

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

    /// <summary>Prints IR expressions as C#, recording which variables the printed text reads.</summary>
    public static class CSharpPrinter
    {
        public static string Print(Expr e, ISet<string>? reads = null) => PrintTerm(e, reads).Text;

        public static Term PrintTerm(Expr e, ISet<string>? reads = null)
        {
            switch (e)
            {
                case Lit l:
                    return new Term(l.Text, l.Text.StartsWith("-") ? Term.UnaryPrec : Term.Atom);
                case VarRef v:
                    reads?.Add(v.Name);
                    return Term.Of(v.Name);
                case ElemRef x:
                    return Term.Of(PrintTerm(x.Target, reads).Wrap(Term.Atom) + "[" + string.Join(", ", x.Indices.Select(i => Print(i, reads))) + "]");
                case Unary u:
                    {
                        var operand = PrintTerm(u.Operand, reads);
                        string text = operand.Wrap(Term.UnaryPrec);
                        if ((u.Op == "-" || u.Op == "+") && text.StartsWith(u.Op)) text = "(" + text + ")";
                        return new Term(u.Op + text, Term.UnaryPrec);
                    }
                case Binary b:
                    {
                        int p = Precedence(b.Op);
                        var left = PrintTerm(b.Left, reads);
                        var right = PrintTerm(b.Right, reads);
                        return new Term(left.Wrap(p) + " " + b.Op + " " + right.Wrap(p + 1), p);
                    }
                case Cond c:
                    return new Term(PrintTerm(c.Test, reads).Wrap(Term.Conditional + 1) + " ? " + PrintTerm(c.WhenTrue, reads).Wrap(Term.Conditional)
                        + " : " + PrintTerm(c.WhenFalse, reads).Wrap(Term.Conditional), Term.Conditional);
                case Cast c:
                    return new Term("(" + c.Type.Name + ")" + PrintTerm(c.Operand, reads).Wrap(Term.UnaryPrec), Term.UnaryPrec);
                case Cutoff c:
                    return PrintTerm(c.Value, reads);
                case Opaque o:
                    return new Term(Format(o.Format, o.Args, reads), o.Format.IndexOf(' ') < 0 ? Term.Atom : Term.Conditional);
                case UnknownCall u:
                    return new Term(Format(u.Format, u.Args, reads), Term.Atom);
                case ElemCall c:
                    return Term.Of(c.Method + "(" + string.Join(", ", c.Args.Select(a => Print(a, reads))) + ")");
                case DiffCall d:
                    return Term.Of(CallPrefix(d, d.Callee.Primal, reads) + "(" + string.Join(", ", d.Args.Select(a => Print(a, reads))) + ")");
                case Hole h:
                    return Term.Of(h.IsResult ? "{r}" : "{" + h.Index + "}");
                case SliceRef v:
                    {
                        string target = Print(v.Target, reads);
                        string bounds = Print(v.Start, reads) + (v.Length is null ? "" : ", " + Print(v.Length, reads));
                        return v.Target.Type.Shape == Shape.Array
                            ? Term.Of("global::System.MemoryExtensions.AsSpan(" + target + ", " + bounds + ")")
                            : Term.Of(PrintTerm(v.Target, reads).Wrap(Term.Atom) + ".Slice(" + bounds + ")");
                    }
                case NewArray n:
                    return Term.Of((n.StackAlloc ? "stackalloc " : "new ") + n.Type.ElementName + "[" + string.Join(", ", n.Dims.Select(d => Print(d, reads))) + "]");
                default:
                    return Term.Of(e.ToString());
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
