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

    internal sealed class Line : Code
    {
        public Line(string text) => Text = text;

        public string Text { get; }
    }

    /// <summary><c>Target += Amount;</c> (or <c>-=</c>): one adjoint contribution, kept as IR so that neighbours can merge and the simplifier can work on it.</summary>
    internal sealed class Accumulation : Code
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

        public string Text => CSharpPrinter.Print(Target) + (Subtract ? " -= " : " += ") + CSharpPrinter.Print(Amount) + ";";
    }

    /// <summary><c>Type Name = Value;</c>: a local of the reverse sweep, an adjoint named because it is used more than once.</summary>
    internal sealed class LocalInit : Code
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

        public string Text => Type.ElementName + " " + Name + " = " + CSharpPrinter.Print(Value) + ";";
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
