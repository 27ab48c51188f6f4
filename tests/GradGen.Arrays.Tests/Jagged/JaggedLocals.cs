using System;
using GradGen;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// Local jagged arrays: per-layer activations of a small MLP (widths 3 → 4 → 2 → 1, 29 weights:
    /// each neuron a bias then its input weights), rows of different lengths.
    /// </summary>
    public static partial class JaggedLocals
    {
        public const int Weights = 29;

        /// <summary>(MLP(w; x₀..x₂) − x₃)², rows allocated in a loop.</summary>
        [Differentiable(nameof(w))]
        public static double Mlp(double[] w, double[] x)
        {
            int[] width = { 3, 4, 2, 1 };
            int layers = width.Length;
            double[][] acts = new double[layers][];
            for (int l = 0; l < layers; l++) acts[l] = new double[width[l]];
            for (int j = 0; j < acts[0].Length; j++) acts[0][j] = x[j];
            int k = 0;
            for (int l = 0; l + 1 < layers; l++)
            {
                for (int i = 0; i < acts[l + 1].Length; i++)
                {
                    acts[l + 1][i] = w[k];
                    k += 1;
                    for (int j = 0; j < acts[l].Length; j++)
                    {
                        acts[l + 1][i] += w[k] * acts[l][j];
                        k += 1;
                    }
                    if (l + 2 < layers) acts[l + 1][i] = Math.Tanh(acts[l + 1][i]);
                }
            }
            double d = acts[layers - 1][0] - x[3];
            return d * d;
        }

        /// <summary>The same network written by hand with one flat activation array: widths {3, 4, 2, 1}, offsets {0, 3, 7, 9}.</summary>
        [Differentiable(nameof(w))]
        public static double MlpFlat(double[] w, double[] x, int[] width, int[] offset)
        {
            int layers = width.Length;
            double[] acts = new double[10];
            for (int j = 0; j < width[0]; j++) acts[j] = x[j];
            int k = 0;
            for (int l = 0; l + 1 < layers; l++)
            {
                for (int i = 0; i < width[l + 1]; i++)
                {
                    acts[offset[l + 1] + i] = w[k];
                    k += 1;
                    for (int j = 0; j < width[l]; j++)
                    {
                        acts[offset[l + 1] + i] += w[k] * acts[offset[l] + j];
                        k += 1;
                    }
                    if (l + 2 < layers) acts[offset[l + 1] + i] = Math.Tanh(acts[offset[l + 1] + i]);
                }
            }
            double d = acts[9] - x[3];
            return d * d;
        }

        /// <summary>
        /// Σ over data points (4 numbers each: 3 inputs, a target) of the squared error, the rows
        /// allocated once, one statement each, and overwritten for every point.
        /// </summary>
        [Differentiable(nameof(w))]
        public static double MlpOverData(double[] w, double[] data)
        {
            double[][] acts = new double[4][];
            acts[0] = new double[3];
            acts[1] = new double[4];
            acts[2] = new double[2];
            acts[3] = new double[1];
            double loss = 0;
            for (int p = 0; p + 3 < data.Length; p += 4)
            {
                for (int j = 0; j < 3; j++) acts[0][j] = data[p + j];
                int k = 0;
                for (int l = 0; l < 3; l++)
                {
                    for (int i = 0; i < acts[l + 1].Length; i++)
                    {
                        acts[l + 1][i] = w[k];
                        k += 1;
                        for (int j = 0; j < acts[l].Length; j++)
                        {
                            acts[l + 1][i] += w[k] * acts[l][j];
                            k += 1;
                        }
                        if (l < 2) acts[l + 1][i] = Math.Tanh(acts[l + 1][i]);
                    }
                }
                double d = acts[3][0] - data[p + 3];
                loss += d * d;
            }
            return loss;
        }

        /// <summary>The same loss with a flat activation array, written by hand.</summary>
        [Differentiable(nameof(w))]
        public static double MlpOverDataFlat(double[] w, double[] data, int[] width, int[] offset)
        {
            double loss = 0;
            for (int p = 0; p + 3 < data.Length; p += 4)
            {
                double d = MlpFlat(w, new[] { data[p], data[p + 1], data[p + 2], data[p + 3] }, width, offset);
                loss += d;
            }
            return loss;
        }

        /// <summary>Triangular rows a[i] of length i + 1 filled with products, then read: Σᵢⱼ sin(a[i][j]) · a[i][j].</summary>
        [Differentiable]
        public static double Triangle(double[] x)
        {
            int n = x.Length;
            double[][] a = new double[n][];
            for (int i = 0; i < n; i++) a[i] = new double[i + 1];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < a[i].Length; j++) a[i][j] = x[i] * x[j] + j;
            double s = 0;
            for (int i = 0; i < a.Length; i++)
                for (int j = 0; j <= i; j++) s += Math.Sin(a[i][j]) * a[i][j];
            // Row lengths inside larger int expressions.
            for (int i = 0; i < Math.Min(a.Length, 3); i++)
                for (int j = 0; j < Math.Max(a[i].Length - 1, 1); j++) s += a[i][j] * a[a.Length - 1][j];
            return s;
        }

        /// <summary>Reads one element past a short row when <paramref name="past"/> is set: C# throws there.</summary>
        [Differentiable(nameof(x))]
        public static double PastTheRow(double[] x, bool past)
        {
            double[][] a = new double[2][];
            a[0] = new double[1];
            a[1] = new double[2];
            a[0][0] = x[0];
            a[1][0] = x[1];
            a[1][1] = x[0] * x[1];
            return a[0][past ? 1 : 0] * a[1][1];
        }
    }
}
