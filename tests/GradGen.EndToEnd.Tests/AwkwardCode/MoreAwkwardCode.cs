using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>More awkward code: parameters reassigned, returns inside loops, calls inside loops, recursion.</summary>
    public static partial class MoreAwkwardCode
    {
        private const double Scale = 0.75;
        private static readonly double Offset = 0.25;

        /// <summary>Writes to its own (wrt) parameters.</summary>
        [Differentiable]
        public static double ReassignParameters(double x, double y)
        {
            x = Math.Sin(x) * y;
            y = y * x + 1;
            x *= y;
            return x + y;
        }

        /// <summary>return from inside a for loop.</summary>
        [Differentiable(nameof(x))]
        public static double ReturnInsideLoop(double x, int n)
        {
            double s = x;
            for (int i = 0; i < n; i++)
            {
                s = s * x + Math.Sin(s);
                if (s > 5) return s * 2;
            }
            return s - x;
        }

        /// <summary>A [Differentiable] call inside a loop, with the loop's running value as argument.</summary>
        [Differentiable(nameof(x))]
        public static double CallInsideLoop(double x, int n)
        {
            double s = x;
            for (int i = 0; i < n; i++)
            {
                s += Calls.Inner(s) * 0.5;
                s = Calls.Middle(s, x) * 0.1;
            }
            return s;
        }

        /// <summary>Recursion through the method's own Pullback.</summary>
        [Differentiable(nameof(x))]
        public static double RecursivePower(double x, int n)
        {
            if (n == 0) return 1;
            return x * RecursivePower(x, n - 1);
        }

        /// <summary>++ and -- on doubles, several declarators, const and static fields.</summary>
        [Differentiable]
        public static double IncrementsAndDeclarators(double x)
        {
            double a = x, b = a * 2, c = b - a;
            a++;
            b--;
            ++c;
            const double k = 3;
            return a * b * c * k * Scale + Offset;
        }

        /// <summary>Conditions combining active comparisons with &amp;&amp; and ||, and a bool local.</summary>
        [Differentiable]
        public static double LogicalConditions(double x, double y)
        {
            bool positive = x > 0;
            if (positive && y > 0 || x < -1)
            {
                return x * y;
            }
            return !positive ? Math.Exp(x) + y : x - y * y;
        }

        /// <summary>continue in a do loop jumps to the condition; break in the middle of a while (true).</summary>
        [Differentiable(nameof(x))]
        public static double DoContinueWhileTrue(double x, int n)
        {
            double s = 0;
            int i = 0;
            do
            {
                i++;
                if (i % 2 == 0) continue;
                s += x * i;
                s *= 0.9;
            }
            while (i < n);

            int k = 0;
            while (true)
            {
                s = s * Math.Cos(0.1 * x) + x;
                k++;
                if (k >= 3) break;
            }
            return s;
        }

        /// <summary>Compound assignments whose right side reads the target.</summary>
        [Differentiable]
        public static double SelfReferencingCompound(double x, double y)
        {
            double a = x + 2;
            a /= a + y * y;
            a -= a * x;
            a += Math.Sqrt(a * a + 1);
            a *= a - y;
            return a;
        }

        /// <summary>Same-named locals in sibling scopes, and a local declared in a loop body.</summary>
        [Differentiable]
        public static double ShadowedLocals(double x, double y)
        {
            double total = 0;
            if (x > 0)
            {
                double t = x * y;
                total += t * t;
            }
            else
            {
                double t = Math.Exp(x) + y;
                total -= t;
            }
            for (int i = 0; i < 3; i++)
            {
                double t = total * 0.5 + i * x;
                total = t * y + 1;
            }
            return total;
        }

        /// <summary>A [Differentiable] call in a branch condition, in one arm of a ternary, and with one variable in both positions.</summary>
        [Differentiable]
        public static double CallsInConditions(double x, double y)
        {
            double a = Calls.Inner(x) > 0 ? Calls.Middle(x, x) : -Calls.Inner(y);
            if (Calls.Middle(y, x) > 1)
            {
                a += Calls.Inner(a);
            }
            return -a * y;
        }

        /// <summary>for(;;) with the exit in the body, and a for with two loop variables.</summary>
        [Differentiable(nameof(x))]
        public static double UnusualForHeaders(double x, int n)
        {
            double s = 1;
            int i = 0;
            for (; ; )
            {
                if (i >= n) break;
                s = s * x + 1;
                i++;
            }
            for (int a = 0, b = n; a < b; a++, b--)
            {
                s += x * (b - a);
            }
            return s;
        }

        /// <summary>A wrt parameter overwritten inside a loop (needs its old values on the way back).</summary>
        [Differentiable(nameof(x))]
        public static double ParameterOverwrittenInLoop(double x, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s += x;
                x = Math.Sin(x) + 0.5 * x;
            }
            return s + x * x;
        }

        /// <summary>Switch with a loop inside a section and a return from a section.</summary>
        [Differentiable(nameof(x))]
        public static double SwitchWithLoop(double x, int mode, int n)
        {
            double r = 0;
            switch (mode)
            {
                case 1:
                    for (int i = 0; i < n; i++)
                    {
                        r += Math.Pow(x, i);
                        if (i == 3) break;
                    }
                    break;
                case 2:
                    return Math.Log(1 + x * x);
                default:
                    r = x;
                    break;
            }
            return r * x;
        }
    }
}
