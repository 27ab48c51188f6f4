using System;

namespace GradGen
{
    /// <summary>
    /// Marks a method whose derivatives GradGen generates at compile time.
    /// For a scalar-valued <c>F</c> the build emits <c>FGradient</c> (overwrites one output per
    /// wrt parameter with ∂F/∂p) and <c>FPullback</c> (adds seed · ∂F/∂p); for a vector-valued
    /// <c>F</c> it emits <c>FPullback</c> and <c>FJacobian</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DifferentiableAttribute : Attribute
    {
        /// <summary>Differentiates with respect to every parameter of a differentiable type.</summary>
        public DifferentiableAttribute()
        {
            Wrt = Array.Empty<string>();
        }

        /// <summary>Differentiates with respect to the named parameters (use <c>nameof</c>).</summary>
        public DifferentiableAttribute(params string[] wrt)
        {
            Wrt = wrt ?? Array.Empty<string>();
        }

        /// <summary>The parameters to differentiate with respect to; empty means all differentiable ones.</summary>
        public string[] Wrt { get; }
    }
}
