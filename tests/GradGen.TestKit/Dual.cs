using System;

namespace GradGen.TestKit
{
    /// <summary>
    /// A forward-mode dual number with two tangent directions: an independent way to get the exact
    /// derivative of code too tangled for a hand closed form (re-run the same statements on duals)
    /// to check the generated reverse mode against: two inputs at once (<see cref="X"/>,
    /// <see cref="Y"/>), or any number one direction at a time (<see cref="Gradient(Func{Dual[], Dual}, double[])"/>).
    /// Comparisons look at the value only.
    /// </summary>
    public readonly struct Dual
    {
        public readonly double V;
        public readonly double A;
        public readonly double B;

        public Dual(double v, double a = 0, double b = 0)
        {
            V = v;
            A = a;
            B = b;
        }

        /// <summary>The first independent variable (tangent (1, 0)).</summary>
        public static Dual X(double v) => new Dual(v, 1, 0);

        /// <summary>The second independent variable (tangent (0, 1)).</summary>
        public static Dual Y(double v) => new Dual(v, 0, 1);

        /// <summary>The first tangent, for one-direction use.</summary>
        public double T => A;

        public double[] Gradient(int n) => n == 1 ? new[] { A } : new[] { A, B };

        public static implicit operator Dual(double c) => new Dual(c);

        public static Dual operator +(Dual p, Dual q) => new Dual(p.V + q.V, p.A + q.A, p.B + q.B);
        public static Dual operator -(Dual p, Dual q) => new Dual(p.V - q.V, p.A - q.A, p.B - q.B);
        public static Dual operator -(Dual p) => new Dual(-p.V, -p.A, -p.B);
        public static Dual operator *(Dual p, Dual q) => new Dual(p.V * q.V, p.A * q.V + p.V * q.A, p.B * q.V + p.V * q.B);

        public static Dual operator /(Dual p, Dual q)
        {
            double v = p.V / q.V;
            return new Dual(v, (p.A - v * q.A) / q.V, (p.B - v * q.B) / q.V);
        }

        public static bool operator <(Dual p, Dual q) => p.V < q.V;
        public static bool operator >(Dual p, Dual q) => p.V > q.V;
        public static bool operator <=(Dual p, Dual q) => p.V <= q.V;
        public static bool operator >=(Dual p, Dual q) => p.V >= q.V;

        private Dual Chain(double value, double derivative) => new Dual(value, derivative * A, derivative * B);

        public static Dual Sin(Dual p) => p.Chain(Math.Sin(p.V), Math.Cos(p.V));
        public static Dual Cos(Dual p) => p.Chain(Math.Cos(p.V), -Math.Sin(p.V));
        public static Dual Exp(Dual p) => p.Chain(Math.Exp(p.V), Math.Exp(p.V));
        public static Dual Log(Dual p) => p.Chain(Math.Log(p.V), 1 / p.V);
        public static Dual Sqrt(Dual p) => p.Chain(Math.Sqrt(p.V), 0.5 / Math.Sqrt(p.V));
        public static Dual Tanh(Dual p) => p.Chain(Math.Tanh(p.V), 1 - Math.Tanh(p.V) * Math.Tanh(p.V));
        public static Dual Pow(Dual p, double k) => p.Chain(Math.Pow(p.V, k), k == 0 ? 0 : k * Math.Pow(p.V, k - 1));

        /// <summary>The gradient of <paramref name="f"/> at <paramref name="x"/>: one forward pass per component.</summary>
        public static double[] Gradient(Func<Dual[], Dual> f, double[] x)
        {
            var g = new double[x.Length];
            var d = new Dual[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                for (int i = 0; i < x.Length; i++) d[i] = new Dual(x[i], i == k ? 1 : 0);
                g[k] = f(d).T;
            }
            return g;
        }
    }
}
