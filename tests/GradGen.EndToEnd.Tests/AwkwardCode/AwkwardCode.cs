using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Code written the way people actually write it: locals overwritten again and again, compound
    /// assignments, nested ternaries, early returns, loops with break and continue, switches.
    /// </summary>
    public static partial class AwkwardCode
    {
        [Differentiable]
        public static double Reassigned(double x, double y)
        {
            double r = x;
            r = r * x;
            r = r + Math.Sin(r);
            r /= y;
            r = r - x * y;
            r = Math.Exp(0.1 * r) + r;
            r = r * r;
            return r;
        }

        [Differentiable]
        public static double CompoundAssignments(double x, double y)
        {
            double a = x;
            a += y;
            a -= 0.5 * x;
            a *= y;
            a /= 1 + x * x;
            a += a * a;
            a -= Math.Cos(a);
            a *= a;
            a /= y;
            double b = 1;
            b -= a;
            b *= x;
            b += y * y;
            return b;
        }

        [Differentiable]
        public static double NestedTernaries(double x, double y)
        {
            return x > 0
                ? (y > 0 ? x * y : x - y * y)
                : (y > x ? Math.Sin(x + y) : (x < -1 ? x * x * y : Math.Exp(x) * y));
        }

        /// <summary>Guard clauses: returns at the top, the main computation at the end.</summary>
        [Differentiable]
        public static double GuardClauses(double x, double y)
        {
            if (x < -1) return -x * y;
            if (y > 1) return x * y * y;
            if (x > 1)
            {
                return Math.Log(x) + y;
            }
            double t = x * x + y;
            return Math.Exp(t) * y;
        }

        /// <summary>Returns inside nested if/else, in both arms and at different depths.</summary>
        [Differentiable]
        public static double NestedReturns(double x, double y)
        {
            double t = x * y;
            if (x > 0)
            {
                if (y > 0)
                {
                    return t * t;
                }
                else
                {
                    double u = Math.Sin(t);
                    if (u > 0)
                    {
                        return u * x;
                    }
                    t = u + y;
                }
            }
            else
            {
                if (y < 0)
                {
                    t = t + x;
                }
                else
                {
                    return Math.Exp(t) - y;
                }
            }
            return t * x + y;
        }

        /// <summary>A return in the middle of straight-line code, behind a data-dependent test.</summary>
        [Differentiable]
        public static double ReturnInTheMiddle(double x)
        {
            double a = x * x;
            a = a + Math.Sin(x);
            if (a > 2) return a * x;
            a = Math.Sqrt(a + 1) * x;
            a *= a;
            return a + x;
        }

        /// <summary>A while loop with an integer counter.</summary>
        [Differentiable]
        public static double WhileCounter(double x)
        {
            double s = x;
            int k = 0;
            while (k < 6)
            {
                s = Math.Sin(s) + x;
                k++;
            }
            return s;
        }

        /// <summary>A while loop whose condition is on the active value (s ← s² + x until s ≥ 100).</summary>
        [Differentiable]
        public static double WhileUntilLarge(double x)
        {
            double s = x;
            while (s < 100)
            {
                s = s * s + x;
            }
            return s;
        }

        [Differentiable(nameof(x))]
        public static double DoLoop(double x, int n)
        {
            double s = 1;
            int k = 0;
            do
            {
                s = 0.5 * s + Math.Cos(s * x);
                k++;
            }
            while (k < n);
            return s;
        }

        /// <summary>A for loop bounded by an int parameter, with continue and break on the index.</summary>
        [Differentiable(nameof(x), nameof(y))]
        public static double ForBreakContinue(double x, double y, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                if (i % 3 == 1) continue;
                if (i > 7) break;
                s += Math.Sin(x * i) / (i + 1);
                s *= 1 + 0.1 * y;
            }
            return s;
        }

        /// <summary>break on the active value: multiply by x until the product exceeds 3.</summary>
        [Differentiable]
        public static double BreakOnValue(double x)
        {
            double p = 1;
            for (int i = 0; i < 100; i++)
            {
                p *= x;
                if (p > 3) break;
            }
            return p;
        }

        /// <summary>Nested for loops, both bounded by parameters, the inner one depending on the outer index.</summary>
        [Differentiable(nameof(x), nameof(y))]
        public static double NestedLoops(double x, double y, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                double row = 0;
                for (int j = 0; j <= i; j++)
                {
                    row += Math.Pow(x, j) * y;
                    if (j == 2) continue;
                    row -= 0.1 * x * y;
                }
                s += row / (i + 1);
                s = s * 0.9;
            }
            return s;
        }

        [Differentiable(nameof(x), nameof(y))]
        public static double SwitchOnMode(double x, double y, int mode)
        {
            double r = x;
            switch (mode)
            {
                case 0:
                    return x * y;
                case 1:
                    r = Math.Sin(x) * y;
                    break;
                case 2:
                case 3:
                    r = x * x + mode * y;
                    r *= y;
                    break;
                default:
                    r = Math.Exp(x - y);
                    break;
            }
            return r + x;
        }

        /// <summary>(double) casts of int parameters and int literals: constants.</summary>
        [Differentiable(nameof(x))]
        public static double IntCasts(double x, int n)
        {
            double k = (double)n;
            double half = (double)1 / 2; // 0.5, not integer division
            double third = 1 / (double)3;
            return k * x * x + half * x + third + (double)(n * n) * Math.Sin(x);
        }
    }
}
