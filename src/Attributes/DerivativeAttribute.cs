using System;

namespace GradGen
{
    /// <summary>
    /// Declares the partial derivatives of a scalar function so that GradGen can differentiate
    /// calls to it without looking at its body. One template per parameter, in order; a
    /// <c>null</c> or empty template marks a parameter the function is constant in.
    /// In a template, <c>{0}</c>, <c>{1}</c>, … stand for the arguments and <c>{r}</c> for the
    /// function's result, so a derivative can reuse the computed value:
    /// <c>[Derivative("{r} * (1 - {r})")] static double Sigmoid(double x)</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DerivativeAttribute : Attribute
    {
        /// <summary>Creates the declaration from one C# expression template per parameter.</summary>
        public DerivativeAttribute(params string?[] partials)
        {
            Partials = partials ?? Array.Empty<string?>();
        }

        /// <summary>The derivative templates, one per parameter.</summary>
        public string?[] Partials { get; }
    }

    /// <summary>
    /// Marks a method that has a hand-written <c>{Name}Pullback</c> companion with the signature
    /// GradGen would generate (docs/reference.md §2), so that calls to it can be differentiated through it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class CustomPullbackAttribute : Attribute
    {
    }
}
