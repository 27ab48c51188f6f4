using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Loops whose reverse sweep cannot be read off the header: activity that arrives one trip late,
    /// unusual steps, counters changed inside the body, integers the adjoint needs per trip.
    /// </summary>
    public static partial class LoopEdgeCases
    {
        /// <summary>a depends on x only through b's value from the previous trip.</summary>
        [Differentiable(nameof(x))]
        public static double ActivityArrivesLate(double x, int n)
        {
            double a = 1, b = 1;
            for (int i = 0; i < n; i++)
            {
                a = b * 2 + a;
                b = x * (i + 1);
            }
            return a;
        }

        /// <summary>A rotation through a temporary: x reaches c only after three trips.</summary>
        [Differentiable(nameof(x))]
        public static double Rotation(double x, int n)
        {
            double a = x, b = 1, c = 2;
            for (int i = 0; i < n; i++)
            {
                double t = a;
                a = b;
                b = c;
                c = t * 1.5 + Math.Sin(a);
            }
            return c;
        }

        [Differentiable(nameof(x))]
        public static double StepThree(double x, int n)
        {
            double s = 1;
            for (int i = 0; i < n; i += 3)
            {
                s = s * x + i * Math.Sin(s);
            }
            return s;
        }

        [Differentiable(nameof(x))]
        public static double Doubling(double x, int n)
        {
            double s = 0.5;
            for (int i = 1; i < n; i *= 2)
            {
                s = Math.Cos(0.05 * s * i) * x + s;
            }
            return s;
        }

        [Differentiable(nameof(x))]
        public static double CountingDown(double x, int n)
        {
            double s = 0;
            for (int i = n; i > 0; i--)
            {
                s = s * x + i * i;
            }
            return s;
        }

        /// <summary>The loop variable is bumped inside the body on a data-dependent condition.</summary>
        [Differentiable(nameof(x))]
        public static double SkipInsideBody(double x, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s = s * 0.5 + x * i * s + x;
                if (s > 2) i++;
            }
            return s;
        }

        /// <summary>An integer the adjoint needs, changed every trip.</summary>
        [Differentiable(nameof(x))]
        public static double IntegerChangedEachTrip(double x, int n)
        {
            double s = 1;
            int k = 1;
            for (int i = 0; i < n; i++)
            {
                s = 0.2 * s * k * x + Math.Sin(0.2 * s * k);
                k += 2;
            }
            return s;
        }

        /// <summary>A while loop whose counter grows non-linearly, used in the body.</summary>
        [Differentiable(nameof(x))]
        public static double WhileNonlinearCounter(double x, int n)
        {
            double s = x;
            int k = 1;
            while (k < n)
            {
                s = Math.Sin(0.05 * s * k) + x / k;
                k += k + 1;
            }
            return s;
        }

        /// <summary>The inner bound is an integer the outer body changes.</summary>
        [Differentiable(nameof(x))]
        public static double InnerBoundFromOuterBody(double x, int n)
        {
            double s = 0;
            int m = 1;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    s = s * 0.9 + Math.Sin(x * (j + 1)) * (i + 1);
                }
                m = (m * 2) % 5 + 1;
            }
            return s;
        }

        /// <summary>A value overwritten inside the loop, needed by a nonlinear adjoint, and read after the loop.</summary>
        [Differentiable(nameof(x))]
        public static double OverwrittenAndReadAfter(double x, int n)
        {
            double t = x, s = 1, r = 0;
            for (int i = 0; i < n; i++)
            {
                t = x * s;
                s = Math.Sin(t) + 0.5 * s;
                r += t * s;
            }
            return r + t * t;
        }

        /// <summary>A value used only in the next trip (usefulness also arrives one trip late, backwards).</summary>
        [Differentiable(nameof(x))]
        public static double UsedNextTrip(double x, int n)
        {
            double r = 0, s = 0;
            for (int i = 0; i < n; i++)
            {
                r += s * s;
                s = x * (i + 1) + Math.Exp(-s);
            }
            return r;
        }

        /// <summary>continue before an update, with the loop-carried value needed on both paths.</summary>
        [Differentiable(nameof(x))]
        public static double ContinueSkipsUpdate(double x, int n)
        {
            double s = x, p = 1;
            for (int i = 0; i < n; i++)
            {
                p *= s;
                if (i % 2 == 0) continue;
                s = Math.Sqrt(s * s + p * p);
            }
            return s + p;
        }
    

        /// <summary>Functions whose derivative reuses their result ({r} templates: Sqrt, Tanh, Exp, Sigmoid) on a value overwritten each trip.</summary>
        [Differentiable(nameof(x))]
        public static double ResultTemplatesInLoop(double x, int n)
        {
            double r = x;
            for (int i = 0; i < n; i++)
            {
                r = Math.Sqrt(r * r + x * x + 0.5);
                r = Math.Tanh(r * x);
                r = Math.Exp(-r) * x + GradMath.Sigmoid(r * x);
            }
            return r;
        }
    }
}
