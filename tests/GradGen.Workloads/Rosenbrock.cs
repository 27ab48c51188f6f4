using System;
using GradGen;

namespace GradGen.Workloads
{
    /// <summary>
    /// The extended Rosenbrock function (Moré, Garbow, Hillstrom, "Testing unconstrained
    /// optimization software", 1981, problem 21) and its hand-written gradient.
    /// </summary>
    public static partial class Rosenbrock
    {
        /// <summary>
        /// Σ_{i=0}^{n/2−1} [100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})²], n = x.Length (an odd last entry is ignored).
        /// Minimum 0 at x = (1, …, 1); the standard starting point is (−1.2, 1, −1.2, 1, …).
        /// </summary>
        [Differentiable(nameof(x))]
        public static double Extended(double[] x)
        {
            double f = 0;
            for (int i = 0; i < x.Length / 2; i++)
            {
                double t1 = x[2 * i + 1] - x[2 * i] * x[2 * i];
                double t2 = 1 - x[2 * i];
                f += 100 * t1 * t1 + t2 * t2;
            }

            return f;
        }

        /// <summary>
        /// Hand-written gradient of <see cref="Extended"/>: overwrites <paramref name="dX"/> and returns f.
        /// ∂f/∂x_{2i} = −400 x_{2i} t1 − 2 t2, ∂f/∂x_{2i+1} = 200 t1.
        /// </summary>
        public static double ExtendedHandGradient(double[] x, Span<double> dX)
        {
            if (dX.Length != x.Length)
            {
                throw new ArgumentException($"Expected length {x.Length}, got {dX.Length}.", nameof(dX));
            }

            double f = 0;
            int pairs = x.Length / 2;
            for (int i = 0; i < pairs; i++)
            {
                double even = x[2 * i];
                double t1 = x[2 * i + 1] - even * even;
                double t2 = 1 - even;
                f += 100 * t1 * t1 + t2 * t2;
                dX[2 * i] = -400 * even * t1 - 2 * t2;
                dX[2 * i + 1] = 200 * t1;
            }

            if (x.Length % 2 == 1)
            {
                dX[x.Length - 1] = 0;
            }

            return f;
        }
    }
}
