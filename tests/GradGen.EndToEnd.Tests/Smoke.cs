using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    public static partial class Smoke
    {
        [Differentiable]
        public static double Rosenbrock(double x, double y)
        {
            double a = 1 - x;
            double b = y - x * x;
            return a * a + 100 * b * b;
        }

        [Differentiable]
        public static double Sig(double x) => 1.0 / (1.0 + Math.Exp(-x));

        [Differentiable(nameof(w))]
        public static double Logistic(double[] w, double[][] xs, double[] ys)
        {
            double sum = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
                sum += Math.Log(1 + Math.Exp(-ys[n] * s));
            }
            return sum / xs.Length;
        }

        [Differentiable]
        public static double Branchy(double x, double y)
        {
            if (x < 0) return -x * y;
            double r = x;
            r = r * y;
            r = Math.Sin(r) + r;
            return x > 2 ? r * r : Math.Exp(r);
        }

        [Differentiable(nameof(x))]
        public static double Power(double x, int n)
        {
            double r = 1;
            for (int i = 0; i < n; i++) r *= x;
            return r;
        }
    }
}
