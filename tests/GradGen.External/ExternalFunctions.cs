using System;
using GradGen;

namespace GradGen.External
{
    /// <summary>
    /// [Differentiable] methods compiled into their own assembly. Callers in other assemblies
    /// differentiate through the generated <c>…Pullback</c> methods.
    /// </summary>
    public static partial class ExternalFunctions
    {
        /// <summary>ln(cosh(x)), a smooth absolute value; derivative tanh(x).</summary>
        [Differentiable]
        public static double LogCosh(double x) => Math.Log(Math.Cosh(x));

        /// <summary>
        /// The Huber loss of x with threshold δ: ½x² for |x| ≤ δ, δ(|x| − ½δ) otherwise.
        /// Differentiated with respect to x only; derivative clamp(x, −δ, δ).
        /// </summary>
        [Differentiable(nameof(x))]
        public static double Huber(double x, double delta)
        {
            double a = Math.Abs(x);
            if (a <= delta)
            {
                return 0.5 * x * x;
            }

            return delta * (a - 0.5 * delta);
        }

        /// <summary>x·e^(−y²) + y³; gradient (e^(−y²), −2xy·e^(−y²) + 3y²).</summary>
        [Differentiable]
        public static double Bump(double x, double y)
        {
            double g = Math.Exp(-y * y);
            return x * g + y * y * y;
        }
    }
}
