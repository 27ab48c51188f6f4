using System;
using GradGen;
using static System.Math;

namespace GradGen.EndToEnd.Tests
{
    public enum Shape
    {
        Linear,
        Square,
        Wave,
    }

    /// <summary>Everyday C# syntax around the arithmetic: patterns, throw expressions, var, using static, other constant types.</summary>
    public static partial class SyntaxVariety
    {
        [Differentiable]
        public static double UsingStaticMath(double x) => Sin(x) * Exp(x) + Pow(x, 2);

        [Differentiable]
        public static double IsPattern(double x)
        {
            if (x is > 0 and < 1) return x * x;
            if (x is <= -1 or >= 2) return 3 * x;
            return Math.Cos(x);
        }

        [Differentiable]
        public static double ThrowExpression(double x)
            => x > 0 ? Math.Log(x) * x : throw new ArgumentOutOfRangeException(nameof(x), "x must be positive.");

        [Differentiable]
        public static double InterpolatedThrow(double x, double y)
        {
            if (y < 0) throw new ArgumentException($"y = {y} is negative", nameof(y));
            var a = x * y;
            var b = Math.Exp(-a);
            return a * b;
        }

        /// <summary>An int literal in a ternary arm, integer division of constants, unary plus and double minus.</summary>
        [Differentiable(nameof(x))]
        public static double MixedLiterals(double x, int n) => (x > 0 ? 1 : x) * (n / 2) + +x - (-x);

        [Differentiable(nameof(x))]
        public static double OtherConstantTypes(double x, long count, Shape shape, bool flip)
        {
            double r = shape == Shape.Linear ? x : shape == Shape.Square ? x * x : Math.Sin(x);
            r *= count;
            return flip ? -r : r;
        }

        /// <summary>[Differentiable] with no names includes every double; the bool is a constant.</summary>
        [Differentiable]
        public static double BoolParameter(double x, bool square) => square ? x * x : x;

        [Differentiable]
        public static double UnusedParameter(double x, double unused) => x * x;

        [Differentiable]
        public static double ConstantFunction(double x) => 3.0;

        [Differentiable(nameof(x))]
        public static double RoundOfConstant(double x, double c)
        {
            const int n = 3;
            return x * Math.Round(c) + Math.Pow(x, n) * Math.E + double.Epsilon;
        }

        [Differentiable]
        public static double CompoundOnParameter(double x)
        {
            x += x;
            x *= x;
            x -= 1;
            x /= 2;
            return x;
        }
    

        /// <summary>A local array (new double[n]) written element by element, read back with foreach.</summary>
        [Differentiable(nameof(x), nameof(y))]
        public static double LocalArrayAndForeach(double x, double y, int n)
        {
            double[] terms = new double[n];
            for (int i = 0; i < n; i++)
            {
                terms[i] = Math.Sin(x * (i + 1)) * y;
                if (i > 0) terms[i] += terms[i - 1] * 0.5;
            }
            double sum = 0;
            foreach (double t in terms) sum += t * t;
            return sum;
        }
    }
}
