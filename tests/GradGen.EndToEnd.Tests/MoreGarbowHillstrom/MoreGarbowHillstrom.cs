using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Test functions from Moré, Garbow and Hillstrom, "Testing Unconstrained Optimization Software"
    /// (ACM TOMS 7(1), 1981), as sums of squares of residuals fᵢ, with scalar parameters.
    /// </summary>
    public static partial class MoreGarbowHillstrom
    {
        /// <summary>(1) Rosenbrock: f₁ = 10(x₂ − x₁²), f₂ = 1 − x₁.</summary>
        [Differentiable]
        public static double Rosenbrock(double x1, double x2)
        {
            double f1 = 10 * (x2 - x1 * x1);
            double f2 = 1 - x1;
            return f1 * f1 + f2 * f2;
        }

        /// <summary>(5) Beale: fᵢ = yᵢ − x₁(1 − x₂ⁱ), y = (1.5, 2.25, 2.625), written out.</summary>
        [Differentiable]
        public static double Beale(double x1, double x2)
        {
            double f1 = 1.5 - x1 * (1 - x2);
            double f2 = 2.25 - x1 * (1 - x2 * x2);
            double f3 = 2.625 - x1 * (1 - x2 * x2 * x2);
            return f1 * f1 + f2 * f2 + f3 * f3;
        }

        /// <summary>Beale again, as a loop with Math.Pow(x₂, i) (constant integer exponent, base of any sign).</summary>
        [Differentiable]
        public static double BealeLoop(double x1, double x2)
        {
            double sum = 0;
            for (int i = 1; i <= 3; i++)
            {
                double y = i == 1 ? 1.5 : i == 2 ? 2.25 : 2.625;
                double f = y - x1 * (1 - Math.Pow(x2, i));
                sum += f * f;
            }
            return sum;
        }

        /// <summary>
        /// (7) Helical valley: f₁ = 10(x₃ − 10θ(x₁, x₂)), f₂ = 10(√(x₁² + x₂²) − 1), f₃ = x₃, with
        /// θ = arctan(x₂/x₁)/(2π) for x₁ &gt; 0 and arctan(x₂/x₁)/(2π) + ½ for x₁ &lt; 0.
        /// </summary>
        [Differentiable]
        public static double HelicalValley(double x1, double x2, double x3)
        {
            double theta;
            if (x1 > 0)
            {
                theta = Math.Atan2(x2, x1) / (2 * Math.PI);
            }
            else
            {
                // Atan2 is in (−π, π]; MGH's branch for x₁ < 0 is arctan(x₂/x₁) + π, i.e. in (π/2, 3π/2).
                theta = Math.Atan2(x2, x1) / (2 * Math.PI);
                if (x2 < 0)
                {
                    theta += 1;
                }
            }
            double f1 = 10 * (x3 - 10 * theta);
            double f2 = 10 * (Math.Sqrt(x1 * x1 + x2 * x2) - 1);
            double f3 = x3;
            return f1 * f1 + f2 * f2 + f3 * f3;
        }

        /// <summary>(13) Powell singular: (x₁ + 10x₂)² + 5(x₃ − x₄)² + (x₂ − 2x₃)⁴ + 10(x₁ − x₄)⁴.</summary>
        [Differentiable]
        public static double PowellSingular(double x1, double x2, double x3, double x4)
        {
            double f1 = x1 + 10 * x2;
            double f2 = Math.Sqrt(5) * (x3 - x4);
            double f3 = (x2 - 2 * x3) * (x2 - 2 * x3);
            double f4 = Math.Sqrt(10) * (x1 - x4) * (x1 - x4);
            return f1 * f1 + f2 * f2 + f3 * f3 + f4 * f4;
        }

        /// <summary>(14) Wood.</summary>
        [Differentiable]
        public static double Wood(double x1, double x2, double x3, double x4)
        {
            double f1 = 10 * (x2 - x1 * x1);
            double f2 = 1 - x1;
            double f3 = Math.Sqrt(90) * (x4 - x3 * x3);
            double f4 = 1 - x3;
            double f5 = Math.Sqrt(10) * (x2 + x4 - 2);
            double f6 = (x2 - x4) / Math.Sqrt(10);
            return f1 * f1 + f2 * f2 + f3 * f3 + f4 * f4 + f5 * f5 + f6 * f6;
        }
    }
}
