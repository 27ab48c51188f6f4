using System;

namespace GradGen
{
    /// <summary>
    /// A vector function y = f(x) that writes its result into <paramref name="y"/>, as
    /// <see cref="GradientCheck.JacobianCentralDifferences"/> evaluates it.
    /// </summary>
    /// <remarks>
    /// A delegate type of its own because <c>Action&lt;ReadOnlySpan&lt;double&gt;, Span&lt;double&gt;&gt;</c>
    /// needs generic arguments that may be ref structs, which .NET 8 does not have.
    /// </remarks>
    /// <param name="x">The point.</param>
    /// <param name="y">Receives f(x).</param>
    public delegate void VectorFunction(ReadOnlySpan<double> x, Span<double> y);
}
