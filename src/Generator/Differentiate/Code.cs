using System.Collections.Generic;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// The differentiated method as a tree of C# lines and blocks: what the differentiate stage
    /// hands to the emitter, which only indents and wraps it in a method.
    /// </summary>
    internal abstract class Code
    {
    }

    /// <summary>One line of C#: the printer makes its text from the IR it holds.</summary>
    internal abstract class Statement : Code
    {
        public abstract string Text { get; }
    }

    internal sealed class Line : Statement
    {
        public Line(string text) => _text = text;

        private readonly string _text;

        /// <summary>Primal or bookkeeping code (saves, restores, leases): never reads or writes a scalar adjoint.</summary>
        public override string Text => _text;
    }

    /// <summary><c>Target += Amount;</c> (or <c>-=</c>): one adjoint contribution, kept as IR so that neighbours can merge and the simplifier can work on it.</summary>
    internal sealed class Accumulation : Statement
    {
        public Accumulation(Expr target, Expr amount, bool subtract)
        {
            Target = target;
            Amount = amount;
            Subtract = subtract;
        }

        public Expr Target { get; }

        public Expr Amount { get; }

        public bool Subtract { get; }

        public override string Text => CSharpPrinter.Print(Target) + (Subtract ? " -= " : " += ") + CSharpPrinter.Print(Amount) + ";";
    }

    /// <summary><c>Type Name = Value;</c>: a local of the reverse sweep, an adjoint named because it is used more than once.</summary>
    internal sealed class LocalInit : Statement
    {
        public LocalInit(Ty type, string name, Expr value)
        {
            Type = type;
            Name = name;
            Value = value;
        }

        public Ty Type { get; }

        public string Name { get; }

        public Expr Value { get; }

        public override string Text => Type.ElementName + " " + Name + " = " + CSharpPrinter.Print(Value) + ";";
    }

    /// <summary><c>Target = Value;</c> in the reverse sweep (clearing an adjoint), as IR.</summary>
    internal sealed class Assignment : Statement
    {
        public Assignment(Expr target, Expr value)
        {
            Target = target;
            Value = value;
        }

        public Expr Target { get; }

        public Expr Value { get; }

        public override string Text => CSharpPrinter.Print(Target) + " = " + CSharpPrinter.Print(Value) + ";";
    }

    /// <summary>
    /// <c>Callee(inputs…, seeds…, outputs…);</c>: a differentiable callee's Pullback, which adds into
    /// its outputs (passed by ref when scalar). With <see cref="ResultInto"/> the value the Pullback
    /// returns is added there too: <c>total += F_Pullback(…);</c>.
    /// </summary>
    internal sealed class PullbackCall : Statement
    {
        public PullbackCall(string callee, IReadOnlyList<Expr> inputs, IReadOnlyList<Expr> seeds, IReadOnlyList<(Expr Target, bool ByRef)> outputs, Expr? resultInto = null)
        {
            Callee = callee;
            Inputs = inputs;
            Seeds = seeds;
            Outputs = outputs;
            ResultInto = resultInto;
        }

        /// <summary>The Pullback's name, behind its receiver: primal text, never an adjoint.</summary>
        public string Callee { get; }

        public IReadOnlyList<Expr> Inputs { get; }

        public IReadOnlyList<Expr> Seeds { get; }

        public IReadOnlyList<(Expr Target, bool ByRef)> Outputs { get; }

        public Expr? ResultInto { get; }

        public override string Text
        {
            get
            {
                var arguments = new List<string>();
                foreach (var input in Inputs) arguments.Add(CSharpPrinter.Print(input));
                foreach (var seed in Seeds) arguments.Add(CSharpPrinter.Print(seed));
                foreach (var (target, byRef) in Outputs) arguments.Add((byRef ? "ref " : "") + CSharpPrinter.Print(target));
                string call = Callee + "(" + string.Join(", ", arguments) + ");";
                return ResultInto is null ? call : CSharpPrinter.Print(ResultInto) + " += " + call;
            }
        }
    }

    internal sealed class Comment : Code
    {
        public Comment(string text) => Text = text;

        public string Text { get; }
    }

    /// <summary>
    /// Returns every tape and pooled buffer the method rented: at the end, and before a throw, so
    /// that pooled memory goes back on every path. Expanded by the emitter once the list is complete.
    /// </summary>
    internal sealed class ReleaseScratch : Code
    {
    }

    /// <summary><c>Header { Body } Footer</c>; an else arm is a following block with header "else".</summary>
    internal sealed class Block : Code
    {
        public Block(string header, List<Code> body, string? footer = null)
        {
            Header = header;
            Body = body;
            Footer = footer;
        }

        public string Header { get; }

        public List<Code> Body { get; }

        public string? Footer { get; }
    }

    /// <summary>The body of the generated pullback, in the order it is emitted.</summary>
    internal sealed class GradientPlan
    {
        public List<Code> ShapeChecks { get; } = new List<Code>();

        public List<Code> Declarations { get; } = new List<Code>();

        public List<Code> Forward { get; } = new List<Code>();

        public List<Code> Reverse { get; } = new List<Code>();

        public List<Code> Epilogue { get; } = new List<Code>();

        public string? ResultName { get; set; }

        /// <summary>Tapes and pooled buffers to release, in order.</summary>
        public List<string> Scratch { get; } = new List<string>();
    }
}
