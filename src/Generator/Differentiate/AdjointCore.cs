using System.Collections.Generic;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>How an assignment's adjoint is handled in the reverse sweep.</summary>
    internal enum AssignKind
    {
        /// <summary><c>v += e</c>: the adjoint of v flows into e and stays.</summary>
        Increment,

        /// <summary><c>v = e</c>, e not reading v: the adjoint flows into e, then v's adjoint is cleared.</summary>
        Overwrite,

        /// <summary><c>v = f(v, …)</c>: take v's adjoint, clear it, restore the old v, then flow into f.</summary>
        OverwriteOld,
    }

    /// <summary>
    /// The reverse-sweep code of one active assignment, split around the point where the
    /// overwritten value is restored, and the primal values it reads.
    /// </summary>
    internal sealed class AdjointCore
    {
        public List<Code> BeforeRestore { get; } = new List<Code>();

        public List<Code> AfterRestore { get; } = new List<Code>();

        /// <summary>Variables read as they were before the assignment.</summary>
        public HashSet<string> ReadsOld { get; } = new HashSet<string>();

        /// <summary>The assigned variable, when its new value is read (a reused call result).</summary>
        public HashSet<string> ReadsNew { get; } = new HashSet<string>();
    }

    /// <summary>An assignment in the common form the reverse sweep works on.</summary>
    internal sealed record AssignForm(Expr Target, AssignKind Kind, bool Negate, Expr Value, bool IsDeclaration);
}
