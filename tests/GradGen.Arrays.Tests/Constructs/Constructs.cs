using System;
using System.Collections.Generic;
using GradGen;

namespace GradGen.Arrays.Tests
{
    /// <summary>One rating of constant data, read through a record-struct local.</summary>
    public readonly record struct Rating(int Item, double Value);

    /// <summary>
    /// C# that people write naturally and that GradGen once rejected: array initializers, switch
    /// expressions, the generic-math statics of double, tuple deconstruction, span views, array
    /// copies, GetLength, local functions, foreach over lists and records, ping-pong buffers.
    /// </summary>
    public static partial class Constructs
    {
        // ----- array initializers -----

        /// <summary>Σ wᵢ vᵢ² with a constant stencil w = {1, 4, 1} and v = {ab, a + b, a − b}.</summary>
        [Differentiable]
        public static double Initializers(double a, double b)
        {
            double[] w = { 1, 4, 1 };
            double[] v = { a * b, a + b, a - b };
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += w[i] * v[i] * v[i];
            return s;
        }

        /// <summary>An initializer inside a loop (a fresh array per point) and one passed to a differentiable callee.</summary>
        [Differentiable]
        public static double InitializersInLoop(double[] x)
        {
            double s = 0;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                double[] pair = { x[i] * x[i + 1], Math.Sin(x[i]) };
                s += pair[0] + pair[1] * pair[1];
            }
            return s + WeightedSquares(new[] { x[0], x[1] * x[1] }) + WeightedSquares([x[0] * 2, 1.0]);
        }

        [Differentiable]
        public static double WeightedSquares(ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += (i + 1) * v[i] * v[i];
            return s;
        }

        // ----- switch expressions -----

        /// <summary>A piecewise function of one value: relational patterns and a discard.</summary>
        [Differentiable]
        public static double Piecewise(double r) => r switch
        {
            < -1.0 => -2 * r - 1,
            > 1.0 => r * r,
            _ => Math.Sin(r) + r,
        };

        /// <summary>A switch on a constant int: the derivative follows the chosen arm.</summary>
        [Differentiable(nameof(x))]
        public static double ByMode(double x, int mode) => mode switch
        {
            0 => x * x,
            1 or 2 => Math.Exp(x) * mode,
            _ => 3 * x,
        };

        /// <summary>A switch expression inside nested loops over a matrix, with and/not patterns and a when clause.</summary>
        [Differentiable(nameof(m))]
        public static double SwitchInNestedLoops(double[,] m, double cap)
        {
            double s = 0;
            for (int i = 0; i < m.GetLength(0); i++)
            {
                for (int j = 0; j < m.GetLength(1); j++)
                {
                    s += m[i, j] switch
                    {
                        > 0.5 and < 1.5 => m[i, j] * m[i, j],
                        not < 1.5 when i == j => cap * m[i, j],
                        >= 1.5 => Math.Log(m[i, j]),
                        _ => Math.Exp(m[i, j]) - 1,
                    };
                }
            }
            return s;
        }

        /// <summary>A switch on a computed value: in a loop (computed once per iteration) and in an expression body.</summary>
        [Differentiable]
        public static double SwitchOnComputedValue(double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
                s += (x[i] * 2 + Math.Sin(x[i])) switch { > 1 => x[i] * x[i], < -1 => -x[i], _ => 0.5 * x[i] };
            return s + Doubled(x[0]);
        }

        [Differentiable]
        public static double Doubled(double x) => (x * 2) switch { > 1 => x * x, _ => 3 * x };

        /// <summary>A switch statement with pattern case labels.</summary>
        [Differentiable]
        public static double SwitchStatementWithPatterns(double x)
        {
            double y;
            switch (x)
            {
                case < 0:
                    y = -x * x;
                    break;
                case >= 0 and < 2:
                    y = Math.Sin(x);
                    break;
                default:
                    y = x;
                    break;
            }
            return y * x;
        }

        // ----- the generic-math statics of double -----

        [Differentiable]
        public static double GenericMath(double x, double y)
            => double.Sqrt(x * x + 1) + double.Exp(y) * double.Sin(x) + double.Cos(x * y) + double.Log(x * x + 2)
                + double.Tanh(y) + double.Pow(x * x + 1, y) + double.Hypot(x, y) + double.Abs(x - y) + double.Max(x, y) + double.Atan2(y, x);

        /// <summary>double.X in a loop over an array.</summary>
        [Differentiable]
        public static double GenericMathInLoop(double[] x)
        {
            double s = 0;
            for (int i = 0; i + 1 < x.Length; i++) s += double.Hypot(x[i], x[i + 1]) + double.Cbrt(x[i] * x[i] + 1) * double.Exp(-x[i + 1]);
            return s;
        }

        // ----- tuple deconstruction -----

        [Differentiable]
        public static double Deconstruction(double t, double u)
        {
            var (c, s) = (Math.Cos(t), Math.Sin(t));
            var (sin, cos) = Math.SinCos(t * u);
            double a = t, b = u * u;
            (a, b) = (b, a);
            (double p, _) = (a * c, 0.0);
            return c * s + sin * cos + a * b * b + p;
        }

        /// <summary>A rotation applied point by point: deconstruction inside a loop.</summary>
        [Differentiable]
        public static double DeconstructionInLoop(double[] angles)
        {
            double x = 1, y = 0;
            for (int i = 0; i < angles.Length; i++)
            {
                var (s, c) = Math.SinCos(angles[i]);
                (x, y) = (c * x - s * y, s * x + c * y);
            }
            return x * x + 3 * y;
        }

        // ----- span views passed to differentiable callees -----

        [Differentiable]
        public static double Views(double[] w)
        {
            int k = 1;
            return WeightedSquares(w.AsSpan(1)) + WeightedSquares(w.AsSpan(k, 2)) + WeightedSquares(w[1..]) + WeightedSquares(w[..^1])
                + WeightedSquares(w.AsSpan().Slice(2, 2)) + WeightedSquares(w.AsSpan(^3)) + w.AsSpan(^3).Slice(1)[1] + w[^1];
        }

        /// <summary>A sliding window: a view per position inside a loop, and a view of a jagged row.</summary>
        [Differentiable]
        public static double WindowedViews(double[] x, double[][] rows)
        {
            double s = 0;
            for (int k = 0; k + 3 <= x.Length; k++) s += Math.Sqrt(1 + WeightedSquares(x.AsSpan(k, 3)));
            ReadOnlySpan<double> tail = x.AsSpan(1);
            for (int i = 0; i < rows.Length; i++) s += WeightedSquares(rows[i].AsSpan(1)) * tail[i];
            return s;
        }

        // ----- copying arrays into locals -----

        [Differentiable]
        public static double Copies(double[] x)
        {
            double[] u = (double[])x.Clone();
            double[] v = new double[x.Length];
            x.CopyTo(v, 0);
            double[] z = new double[x.Length + 1];
            Array.Copy(x, 0, z, 1, x.Length);
            double[] tail = x.AsSpan(1).ToArray();
            for (int i = 0; i < u.Length; i++) u[i] = u[i] * v[i] + z[i];
            double s = 0;
            for (int i = 0; i < u.Length; i++) s += u[i] * Math.Sin(z[i + 1]);
            for (int i = 0; i < tail.Length; i++) s += tail[i] * tail[i] * tail[i];
            return s;
        }

        /// <summary>A scratch copy per iteration, modified in place.</summary>
        [Differentiable]
        public static double CopiesInLoop(double[] x)
        {
            double[] scratch = new double[x.Length];
            double s = 0;
            for (int r = 0; r < 3; r++)
            {
                Array.Copy(x, scratch, x.Length);
                for (int i = 0; i < scratch.Length; i++) scratch[i] = Math.Tanh(scratch[i] * (r + 1));
                for (int i = 0; i < scratch.Length; i++) s += scratch[i] * x[i];
            }
            return s;
        }

        // ----- GetLength -----

        /// <summary>The mean of squares: a shape from GetLength divides an active value.</summary>
        [Differentiable]
        public static double MeanSquare(double[,] boxes)
        {
            double s = 0;
            for (int i = 0; i < boxes.GetLength(0); i++)
                for (int j = 0; j < boxes.GetLength(1); j++)
                    s += boxes[i, j] * boxes[i, j];
            return s / boxes.GetLength(0) + boxes[0, 0] * boxes.GetLength(1);
        }

        // ----- local functions -----

        [Differentiable]
        public static double LocalFunctions(double x, double y)
        {
            static double Square(double v) => v * v;
            static double Softplus(double v)
            {
                double e = Math.Exp(v);
                return Math.Log(1 + e);
            }
            double s = Square(x + y) + Softplus(x * y);
            for (int i = 0; i < 3; i++) s += Softplus(s * 0.1) + Square(i) * x;
            return s;
        }

        /// <summary>Several calls in one statement, a call as another's argument, and a local function that reads a local of the method.</summary>
        [Differentiable]
        public static double LocalFunctionsComposed(double[] x)
        {
            static double Softplus(double v)
            {
                double e = Math.Exp(v);
                return Math.Log(1 + e);
            }
            double a = 0;
            double Scaled(double v) => v * a;
            double s = Softplus(x[0]) * Softplus(x[1] * x[0]) + Softplus(Softplus(x[0]));
            for (int i = 0; i < x.Length; i++)
            {
                a = x[i];
                var (p, q) = (Scaled(x[0]), Scaled(2.0));
                s += p * q;
            }
            return s;
        }

        /// <summary>A local function over a span, called in nested loops.</summary>
        [Differentiable]
        public static double LocalFunctionInNestedLoops(double[] x)
        {
            static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double d = 0;
                for (int k = 0; k < a.Length; k++) d += a[k] * b[k];
                return d;
            }
            double s = 0;
            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    double d = Dot(x.AsSpan(i, 2), x.AsSpan(j + 1, 2));
                    s += Math.Sin(d);
                }
            }
            return s;
        }

        // ----- foreach over constant lists, record-struct locals -----

        [Differentiable(nameof(w))]
        public static double ConstantData(double[] w, List<double> data, IReadOnlyList<double> weights, Rating[] ratings)
        {
            double s = 0;
            foreach (double d in data) s += w[0] * d * d;
            foreach (var q in weights) s += Math.Exp(w[1] * q);
            for (int k = 0; k < ratings.Length; k++)
            {
                Rating r = ratings[k];
                double e = w[r.Item] - r.Value;
                s += e * e;
            }
            foreach (Rating rating in ratings) s += Math.Sin(w[rating.Item] * rating.Value);
            return s;
        }

        // ----- ping-pong buffers -----

        /// <summary>Explicit time stepping of a 1-D diffusion with a nonlinear source, swapping two buffers.</summary>
        [Differentiable(nameof(u0), nameof(kappa))]
        public static double Diffusion(double[] u0, double kappa, int steps)
        {
            int n = u0.Length;
            double[] u = new double[n];
            double[] next = new double[n];
            for (int i = 0; i < n; i++) u[i] = u0[i];
            for (int t = 0; t < steps; t++)
            {
                for (int i = 0; i < n; i++)
                {
                    double left = i > 0 ? u[i - 1] : 0.0;
                    double right = i < n - 1 ? u[i + 1] : 0.0;
                    next[i] = u[i] + kappa * (left - 2 * u[i] + right) + 0.1 * Math.Sin(u[i]);
                }
                double[] tmp = u;
                u = next;
                next = tmp;
            }
            double s = 0;
            for (int i = 0; i < n; i++) s += u[i] * u[i] * (i + 1);
            return s;
        }

        /// <summary>The same with a tuple swap.</summary>
        [Differentiable(nameof(u0))]
        public static double TupleSwap(double[] u0, int steps)
        {
            double[] u = (double[])u0.Clone();
            double[] next = new double[u0.Length];
            for (int t = 0; t < steps; t++)
            {
                for (int i = 0; i < u.Length; i++) next[i] = Math.Tanh(u[i] + (i > 0 ? u[i - 1] : 0.0));
                (u, next) = (next, u);
            }
            double s = 0;
            foreach (double v in u) s += v * v;
            return s;
        }
    }
}
