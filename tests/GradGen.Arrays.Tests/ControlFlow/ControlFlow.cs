using System;
using GradGen;

namespace GradGen.Arrays.Tests
{
    /// <summary>Loops and branches over arrays (docs/reference.md §3), written as users write them.</summary>
    public static partial class ControlFlow
    {
        // ----- the loop forms -----

        /// <summary>for: Σ sin(xᵢ) + Σ xᵢ xᵢ₊₁.</summary>
        [Differentiable]
        public static double ForNeighbours(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += Math.Sin(x[i]);
                if (i + 1 < x.Length) s += x[i] * x[i + 1];
            }
            return s;
        }

        /// <summary>foreach over an array: Σ v³ − v.</summary>
        [Differentiable]
        public static double ForeachArray(double[] x)
        {
            double s = 0;
            foreach (double v in x) s += v * v * v - v;
            return s;
        }

        /// <summary>foreach over a ReadOnlySpan: Σ e^{v/2} v.</summary>
        [Differentiable]
        public static double ForeachReadOnlySpan(ReadOnlySpan<double> x)
        {
            double s = 0;
            foreach (double v in x) s += Math.Exp(0.5 * v) * v;
            return s;
        }

        /// <summary>foreach over a Span input, with a var loop variable: Π (1 + v²).</summary>
        [Differentiable]
        public static double ForeachSpan(Span<double> x)
        {
            double p = 1;
            foreach (var v in x) p *= 1 + v * v;
            return p;
        }

        /// <summary>while with an integer counter: Σ (i+1) xᵢ².</summary>
        [Differentiable]
        public static double While(double[] x)
        {
            int i = 0;
            double s = 0;
            while (i < x.Length)
            {
                s += (i + 1) * x[i] * x[i];
                i++;
            }
            return s;
        }

        /// <summary>while on a data-dependent condition: add xᵢ² until the sum passes the limit; returns s².</summary>
        [Differentiable(nameof(x))]
        public static double WhileBelow(double[] x, double limit)
        {
            double s = 0;
            int i = 0;
            while (s <= limit && i < x.Length)
            {
                s += x[i] * x[i];
                i++;
            }
            return s * s;
        }

        /// <summary>do-while over every other element: s ← s·cos(xᵢ) + xᵢ for i = 0, 2, 4, …</summary>
        [Differentiable]
        public static double DoWhileStride2(double[] x)
        {
            int i = 0;
            double s = 1;
            do
            {
                s = s * Math.Cos(x[i]) + x[i];
                i += 2;
            }
            while (i < x.Length);
            return s;
        }

        /// <summary>Nested loops over a triangle: Σ_{j ≤ i} (j+1) Aᵢⱼ Aⱼᵢ.</summary>
        [Differentiable]
        public static double NestedTriangle(double[,] A)
        {
            double s = 0;
            for (int i = 0; i < A.GetLength(0); i++)
            {
                for (int j = 0; j <= i; j++) s += (j + 1) * A[i, j] * A[j, i];
            }
            return s;
        }

        /// <summary>Three nested loops: ‖A B‖_F² for A (n×k) wrt, B (k×m) data.</summary>
        [Differentiable(nameof(A))]
        public static double ProductFrobenius(double[,] A, double[,] B)
        {
            double s = 0;
            for (int i = 0; i < A.GetLength(0); i++)
            {
                for (int j = 0; j < B.GetLength(1); j++)
                {
                    double c = 0;
                    for (int k = 0; k < A.GetLength(1); k++) c += A[i, k] * B[k, j];
                    s += c * c;
                }
            }
            return s;
        }

        // ----- break, continue, early return -----

        /// <summary>break on constant data: Σ cᵢ xᵢ² up to the first negative cᵢ.</summary>
        [Differentiable(nameof(x))]
        public static double BreakOnConstant(double[] x, double[] c)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (c[i] < 0) break;
                s += c[i] * x[i] * x[i];
            }
            return s;
        }

        /// <summary>break on active data: add xᵢ² until the sum passes the limit; returns s² .</summary>
        [Differentiable(nameof(x))]
        public static double BreakWhenLarge(double[] x, double limit)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += x[i] * x[i];
                if (s > limit) break;
            }
            return s * s;
        }

        /// <summary>continue on active data: Σ over positive xᵢ of xᵢ³, and continue on odd i for a second term.</summary>
        [Differentiable]
        public static double ContinueSkips(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] < 0) continue;
                s += x[i] * x[i] * x[i];
                if (i % 2 == 1) continue;
                s += Math.Exp(x[i]);
            }
            return s;
        }

        /// <summary>Early return inside a loop: the first time Σ e^{xᵢ} passes the limit, return (i+1) ln s; else −s.</summary>
        [Differentiable(nameof(x))]
        public static double ReturnInsideLoop(double[] x, double limit)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += Math.Exp(x[i]);
                if (s > limit) return (i + 1) * Math.Log(s);
            }
            return -s;
        }

        /// <summary>Early return inside a nested loop: a running dot product over rows; return acc² once it passes the limit.</summary>
        [Differentiable(nameof(w))]
        public static double ReturnInsideNestedLoop(double[] w, double[][] rows, double limit)
        {
            double acc = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                for (int j = 0; j < w.Length; j++)
                {
                    acc += w[j] * rows[i][j];
                    if (acc > limit) return acc * acc + i;
                }
                acc *= 0.5;
            }
            return acc;
        }

        // ----- loop bounds from data -----

        /// <summary>Bound from xs.Length (rows of a jagged data set) and w.Length: Σₙ (wᵀxₙ)².</summary>
        [Differentiable(nameof(w))]
        public static double SumOfSquaredScores(double[] w, double[][] xs)
        {
            double total = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
                total += s * s;
            }
            return total;
        }

        /// <summary>Bound from an int parameter: Σ_{i &lt; n} xᵢ² (the rest of x is ignored).</summary>
        [Differentiable(nameof(x))]
        public static double PrefixSquares(double[] x, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[i] * x[i];
            return s;
        }

        /// <summary>Bound computed from the length: the first ⌈n/2⌉ entries get xᵢ³, the rest xᵢ.</summary>
        [Differentiable]
        public static double BoundFromHalfLength(double[] x)
        {
            int m = (x.Length + 1) / 2;
            double s = 0;
            for (int i = 0; i < m; i++) s += x[i] * x[i] * x[i];
            for (int i = m; i < x.Length; i++) s += x[i];
            return s;
        }

        /// <summary>Bound computed from a constant double: the first ⌈count⌉ entries get xᵢ³, the rest xᵢ.</summary>
        [Differentiable(nameof(x))]
        public static double BoundFromConstantDouble(double[] x, double count)
        {
            int m = (int)Math.Ceiling(count);
            double s = 0;
            for (int i = 0; i < m; i++) s += x[i] * x[i] * x[i];
            for (int i = m; i < x.Length; i++) s += x[i];
            return s;
        }

        /// <summary>Bound computed from active data: the leading positive entries get xᵢ³, the rest 2xᵢ.</summary>
        [Differentiable]
        public static double BoundFromLeadingPositives(double[] x)
        {
            int m = 0;
            while (m < x.Length && x[m] > 0) m++;
            double s = 0;
            for (int i = 0; i < m; i++) s += x[i] * x[i] * x[i];
            for (int i = m; i < x.Length; i++) s += 2 * x[i];
            return s;
        }

        /// <summary>Bounds from an int[] of segment lengths: Σ over segments of (Σ segment)².</summary>
        [Differentiable(nameof(x))]
        public static double SegmentSquares(double[] x, int[] lengths)
        {
            double total = 0;
            int start = 0;
            for (int k = 0; k < lengths.Length; k++)
            {
                double s = 0;
                for (int i = start; i < start + lengths[k]; i++) s += x[i];
                total += s * s;
                start += lengths[k];
            }
            return total;
        }

        // ----- switch and if/else inside loops -----

        /// <summary>switch on i % 3 inside a loop: xᵢ, xᵢ², sin xᵢ.</summary>
        [Differentiable]
        public static double SwitchOnIndex(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                switch (i % 3)
                {
                    case 0:
                        s += x[i];
                        break;
                    case 1:
                        s += x[i] * x[i];
                        break;
                    default:
                        s += Math.Sin(x[i]);
                        break;
                }
            }
            return s;
        }

        /// <summary>switch on an int[] of kinds inside a loop, with a multi-label case and a running product.</summary>
        [Differentiable(nameof(x))]
        public static double SwitchOnKinds(double[] x, int[] kinds)
        {
            double s = 0;
            double p = 1;
            for (int i = 0; i < x.Length; i++)
            {
                switch (kinds[i])
                {
                    case 0:
                    case 3:
                        s += Math.Exp(x[i]);
                        break;
                    case 1:
                        p *= x[i];
                        break;
                    case 2:
                        s -= x[i] * x[i] * 0.5;
                        continue;
                    default:
                        s += 10;
                        break;
                }
                s += 0.1 * x[i];
            }
            return s + p;
        }

        /// <summary>if/else on a data-dependent condition inside a loop: the Huber loss of x − y.</summary>
        [Differentiable(nameof(x))]
        public static double Huber(double[] x, double[] y, double delta)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double r = x[i] - y[i];
                if (Math.Abs(r) <= delta)
                {
                    s += 0.5 * r * r;
                }
                else
                {
                    s += delta * (Math.Abs(r) - 0.5 * delta);
                }
            }
            return s;
        }

        /// <summary>else-if chain comparing neighbours, with ?: inside.</summary>
        [Differentiable]
        public static double NeighbourBranches(double[] x)
        {
            double s = 0;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                if (x[i] > x[i + 1])
                {
                    s += x[i] * x[i + 1];
                }
                else if (x[i] > 0)
                {
                    s += Math.Exp(x[i]) - x[i + 1];
                }
                else
                {
                    s += x[i] < -1 ? x[i + 1] * x[i + 1] : Math.Sin(x[i]);
                }
            }
            return s;
        }
    }
}
