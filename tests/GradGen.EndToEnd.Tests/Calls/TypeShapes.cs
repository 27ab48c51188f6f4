using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>[Differentiable] methods in the kinds of types users put them in.</summary>
    public static partial class Outer
    {
        public static partial class NestedStatic
        {
            [Differentiable]
            public static double F(double x) => x * Math.Exp(-x);
        }

        public partial class NestedInstance
        {
            public double K { get; set; } = 1.5;

            [Differentiable]
            public double F(double x) => K * Math.Sin(x) * x;
        }
    }

    public readonly partial struct ScaledSquare
    {
        private readonly double _k;

        public ScaledSquare(double k) => _k = k;

        [Differentiable]
        public double F(double x, double y) => _k * x * x + y / _k;
    }

    public partial record Quadratic(double A, double B, double C)
    {
        [Differentiable]
        public double F(double x) => A * x * x + B * x + C;
    }

    /// <summary>Overloads (one name, two arities), a private callee, a virtual method.</summary>
    public partial class Overloads
    {
        public double W { get; init; } = 2;

        [Differentiable]
        public static double Norm(double x) => Math.Sqrt(x * x + 1);

        [Differentiable]
        public static double Norm(double x, double y) => Math.Sqrt(x * x + y * y + 1);

        [Differentiable]
        private static double Squared(double x) => x * x;

        [Differentiable]
        public static double UsesPrivate(double x, double y) => Squared(x) * y + Norm(x) + Norm(x, y);

        [Differentiable]
        protected internal virtual double Virtual(double x) => W * Squared(x);
    }

    /// <summary>Calls [Differentiable] instance methods on other objects: a field, and a new object.</summary>
    public partial class Assembly2D
    {
        private readonly Spring _left = new Spring(2, 1, 0);
        private readonly Spring _right = new Spring(5, 0.5, 0);

        [Differentiable]
        public double Energy(double x, double y) => _left.Energy(x, y) + _right.Energy(x - 3, y);

        [Differentiable]
        public static double WithNewSpring(double x, double y) => new Spring(3, 1, 0).Energy(x, y) * 0.5;
    }
}
