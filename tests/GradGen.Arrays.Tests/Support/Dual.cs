using System;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// A forward-mode dual number (value and one tangent): an independent way to get the exact
    /// gradient of code too tangled for a hand closed form: re-run the same statements on duals,
    /// once per input direction (<see cref="Gradient"/>). Comparisons look at the value only.
    /// </summary>
    internal readonly struct Dual
    {
        public readonly double V;
        public readonly double T;

        public Dual(double v, double t = 0)
        {
            V = v;
            T = t;
        }

        public static implicit operator Dual(double c) => new Dual(c);

        public static Dual operator +(Dual p, Dual q) => new Dual(p.V + q.V, p.T + q.T);
        public static Dual operator -(Dual p, Dual q) => new Dual(p.V - q.V, p.T - q.T);
        public static Dual operator -(Dual p) => new Dual(-p.V, -p.T);
        public static Dual operator *(Dual p, Dual q) => new Dual(p.V * q.V, p.T * q.V + p.V * q.T);

        public static Dual operator /(Dual p, Dual q)
        {
            double v = p.V / q.V;
            return new Dual(v, (p.T - v * q.T) / q.V);
        }

        public static bool operator <(Dual p, Dual q) => p.V < q.V;
        public static bool operator >(Dual p, Dual q) => p.V > q.V;
        public static bool operator <=(Dual p, Dual q) => p.V <= q.V;
        public static bool operator >=(Dual p, Dual q) => p.V >= q.V;

        private Dual Chain(double value, double derivative) => new Dual(value, derivative * T);

        public static Dual Sin(Dual p) => p.Chain(Math.Sin(p.V), Math.Cos(p.V));
        public static Dual Cos(Dual p) => p.Chain(Math.Cos(p.V), -Math.Sin(p.V));
        public static Dual Exp(Dual p) => p.Chain(Math.Exp(p.V), Math.Exp(p.V));
        public static Dual Log(Dual p) => p.Chain(Math.Log(p.V), 1 / p.V);
        public static Dual Tanh(Dual p) => p.Chain(Math.Tanh(p.V), 1 - Math.Tanh(p.V) * Math.Tanh(p.V));

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
