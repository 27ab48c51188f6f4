using System;
using GradGen;
using GradGen.External;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>Calls between [Differentiable] methods: same class, another class, another assembly.</summary>
    public static partial class Calls
    {
        // ----- three deep in the same class: Outer → Middle → Inner -----

        [Differentiable]
        public static double Inner(double x) => Math.Sin(x) * x;

        [Differentiable]
        public static double Middle(double x, double y)
        {
            double a = Inner(x * y);
            a += y * y;
            return a;
        }

        [Differentiable]
        public static double Outer(double x, double y)
        {
            double m = Middle(x, y);
            double n = Middle(y, x); // same callee, arguments swapped
            return m * Inner(y) + Math.Exp(0.1 * n);
        }

        /// <summary>[Differentiable] calls as arguments of [Differentiable] calls, and in a ternary arm inside a loop.</summary>
        [Differentiable(nameof(x), nameof(y))]
        public static double NestedCallArguments(double x, double y, int n)
        {
            double s = Middle(Inner(x), Inner(Middle(y, x)));
            for (int i = 0; i < n; i++)
            {
                s = s > 0 ? Inner(s * 0.5) + y : Middle(s, y) * 0.1;
            }
            return s;
        }

        // ----- another class in this assembly -----

        [Differentiable]
        public static double CrossClass(double x, double y)
            => Worksheet.SigmoidByHand(x * y) + 0.01 * MoreGarbowHillstrom.Rosenbrock(x, y);

        /// <summary>Callees with constant (non-wrt) parameters, given constants there.</summary>
        [Differentiable]
        public static double CallsPartialWrt(double x, double y)
            => Worksheet.CrossEntropy(x, 0.8, 1.0) + Worksheet.Plu(x * y, 0.1, 1.0);

        // ----- another assembly (tests/GradGen.External) -----

        [Differentiable]
        public static double CrossAssembly(double x, double y)
        {
            double a = ExternalFunctions.LogCosh(x) * y;
            a += ExternalFunctions.Huber(x * y, 1.5);
            return a + ExternalFunctions.Bump(y, x);
        }

        // ----- calls without a derivative, on constants only -----

        /// <summary>An ordinary helper (not [Differentiable]): H_n = 1 + 1/2 + … + 1/n.</summary>
        public static double Harmonic(int n)
        {
            double h = 0;
            for (int k = 1; k <= n; k++) h += 1.0 / k;
            return h;
        }

        [Differentiable(nameof(x))]
        public static double ConstantHelper(double x, int n, double c)
        {
            double h = Harmonic(n);
            double floor = Math.Floor(c); // a step function, but on a constant: no warning, no derivative needed
            return x * h + Math.Pow(x * x + 1, h) + floor * x;
        }

        /// <summary>Only x is wrt; a, b, c are constants (they get no output).</summary>
        [Differentiable(nameof(x))]
        public static double OnlyX(double x, double a, double b, double c)
        {
            double t = a * x * x + Math.Sin(b * x);
            t += c / (1 + x * x);
            return t + a * b * c;
        }
    }

    /// <summary>An instance class: fields and properties are constants to the gradient.</summary>
    public partial class Spring
    {
        private readonly double _stiffness;
        private readonly double _restLength;
        private static readonly double Gravity = 9.81;

        public Spring(double stiffness, double restLength, double mass)
        {
            _stiffness = stiffness;
            _restLength = restLength;
            Mass = mass;
        }

        public double Mass { get; }

        /// <summary>½k(‖(x, y)‖ − L)² + m·g·y.</summary>
        [Differentiable]
        public double Energy(double x, double y)
        {
            double length = Math.Sqrt(x * x + y * y);
            double stretch = length - _restLength;
            return 0.5 * _stiffness * stretch * stretch + Mass * Gravity * y;
        }

        /// <summary>Calls the instance method above and a static one of another class.</summary>
        [Differentiable]
        public double Damped(double x, double y)
        {
            double e = Energy(x, y);
            return e * Worksheet.SigmoidByHand(x) + this.Energy(y, x) * 0.5;
        }
    }
}
