using System;

namespace GradGen.Workloads
{
    /// <summary>A logistic regression problem: starting weights, examples and ±1 labels.</summary>
    public sealed class LogisticData
    {
        internal LogisticData(double[] weights, double[][] xs, double[] ys)
        {
            Weights = weights;
            Xs = xs;
            Ys = ys;
            XsFlat = new double[xs.Length * weights.Length];
            for (int n = 0; n < xs.Length; n++)
            {
                Array.Copy(xs[n], 0, XsFlat, n * weights.Length, weights.Length);
            }
        }

        /// <summary>Number of features.</summary>
        public int D => Weights.Length;

        /// <summary>Number of examples.</summary>
        public int N => Ys.Length;

        /// <summary>The point to evaluate at (small random weights, as at the start of training).</summary>
        public double[] Weights { get; }

        /// <summary>The examples, one row of <see cref="D"/> features each.</summary>
        public double[][] Xs { get; }

        /// <summary>The same examples, flat and row-major (for <see cref="Logistic.LossSpan"/>).</summary>
        public double[] XsFlat { get; }

        /// <summary>Labels, −1 or +1.</summary>
        public double[] Ys { get; }
    }

    /// <summary>A one-hidden-layer network's parameters and a mini-batch with ±1 labels.</summary>
    public sealed class NetworkData
    {
        internal NetworkData(double[,] hiddenWeights, double[] hiddenBiases, double[] outputWeights, double[][] xs, double[] ys)
        {
            HiddenWeights = hiddenWeights;
            HiddenBiases = hiddenBiases;
            OutputWeights = outputWeights;
            Xs = xs;
            Ys = ys;
        }

        /// <summary>W, hidden×d.</summary>
        public double[,] HiddenWeights { get; }

        /// <summary>b, one per hidden unit.</summary>
        public double[] HiddenBiases { get; }

        /// <summary>w, one per hidden unit.</summary>
        public double[] OutputWeights { get; }

        /// <summary>The mini-batch inputs, d features each.</summary>
        public double[][] Xs { get; }

        /// <summary>Labels, −1 or +1.</summary>
        public double[] Ys { get; }
    }

    /// <summary>A linear softmax classifier's parameters and a mini-batch with integer class labels.</summary>
    public sealed class SoftmaxData
    {
        internal SoftmaxData(double[,] weights, double[] biases, double[] xsFlat, int[] labels)
        {
            Weights = weights;
            Biases = biases;
            XsFlat = xsFlat;
            Labels = labels;
        }

        /// <summary>Number of classes.</summary>
        public int Classes => Biases.Length;

        /// <summary>Number of features.</summary>
        public int D => Weights.GetLength(1);

        /// <summary>Number of examples.</summary>
        public int N => Labels.Length;

        /// <summary>W, classes×d.</summary>
        public double[,] Weights { get; }

        /// <summary>b, one per class.</summary>
        public double[] Biases { get; }

        /// <summary>The examples, flat and row-major (N rows of d features).</summary>
        public double[] XsFlat { get; }

        /// <summary>Labels in [0, classes).</summary>
        public int[] Labels { get; }
    }

    /// <summary>
    /// Deterministic workload data from a seeded <see cref="Random"/> (whose seeded sequence is
    /// stable across .NET versions), so tests and benchmarks see the same numbers every run.
    /// </summary>
    public static class SyntheticData
    {
        /// <summary>
        /// <paramref name="n"/> examples of <paramref name="d"/> standard-normal features; labels drawn
        /// from a random "teacher" logistic model, so the classes overlap as in real data.
        /// </summary>
        public static LogisticData Logistic(int n, int d, int seed)
        {
            var random = new Random(seed);
            double[] teacher = Normals(random, d, 2.0 / Math.Sqrt(d));
            double[] weights = Normals(random, d, 0.1);
            double[][] xs = new double[n][];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++)
            {
                xs[i] = Normals(random, d, 1.0);
                ys[i] = Label(random, Dot(teacher, xs[i]));
            }

            return new LogisticData(weights, xs, ys);
        }

        /// <summary>
        /// A network with <paramref name="hidden"/> units on <paramref name="d"/> inputs, initialised
        /// with 1/√fan-in scaled normal weights, and a mini-batch of <paramref name="batch"/> examples
        /// labelled by a random linear teacher.
        /// </summary>
        public static NetworkData NetworkBatch(int batch, int d, int hidden, int seed)
        {
            var random = new Random(seed);
            var hiddenWeights = new double[hidden, d];
            for (int h = 0; h < hidden; h++)
            {
                for (int j = 0; j < d; j++)
                {
                    hiddenWeights[h, j] = Normal(random) / Math.Sqrt(d);
                }
            }

            double[] hiddenBiases = Normals(random, hidden, 0.1);
            double[] outputWeights = Normals(random, hidden, 1.0 / Math.Sqrt(hidden));
            double[] teacher = Normals(random, d, 2.0 / Math.Sqrt(d));
            double[][] xs = new double[batch][];
            double[] ys = new double[batch];
            for (int i = 0; i < batch; i++)
            {
                xs[i] = Normals(random, d, 1.0);
                ys[i] = Label(random, Dot(teacher, xs[i]));
            }

            return new NetworkData(hiddenWeights, hiddenBiases, outputWeights, xs, ys);
        }

        /// <summary>
        /// A softmax classifier over <paramref name="classes"/> classes on <paramref name="d"/> standard-normal
        /// features (small random starting weights) and <paramref name="n"/> examples whose labels are drawn
        /// from a random linear "teacher" softmax model, so the classes overlap as in real data.
        /// </summary>
        public static SoftmaxData SoftmaxBatch(int n, int d, int classes, int seed)
        {
            var random = new Random(seed);
            var teacher = new double[classes, d];
            var weights = new double[classes, d];
            for (int k = 0; k < classes; k++)
            {
                for (int j = 0; j < d; j++)
                {
                    teacher[k, j] = 2.0 * Normal(random) / Math.Sqrt(d);
                    weights[k, j] = 0.1 * Normal(random);
                }
            }

            double[] biases = Normals(random, classes, 0.1);
            double[] xsFlat = Normals(random, n * d, 1.0);
            int[] labels = new int[n];
            var scores = new double[classes];
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++)
                    {
                        s += teacher[k, j] * xsFlat[i * d + j];
                    }

                    scores[k] = s;
                    max = Math.Max(max, s);
                }

                double total = 0;
                for (int k = 0; k < classes; k++)
                {
                    scores[k] = Math.Exp(scores[k] - max);
                    total += scores[k];
                }

                // Inverse-CDF draw from the teacher's class probabilities.
                double u = random.NextDouble() * total;
                int label = classes - 1;
                for (int k = 0; k < classes; k++)
                {
                    u -= scores[k];
                    if (u < 0)
                    {
                        label = k;
                        break;
                    }
                }

                labels[i] = label;
            }

            return new SoftmaxData(weights, biases, xsFlat, labels);
        }

        /// <summary>A point with <paramref name="n"/> coordinates uniform in [−2, 2].</summary>
        public static double[] RosenbrockPoint(int n, int seed)
        {
            var random = new Random(seed);
            double[] x = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = 4 * random.NextDouble() - 2;
            }

            return x;
        }

        /// <summary>The standard starting point (−1.2, 1, −1.2, 1, …) of length <paramref name="n"/>.</summary>
        public static double[] RosenbrockStart(int n)
        {
            double[] x = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = i % 2 == 0 ? -1.2 : 1.0;
            }

            return x;
        }

        private static double Label(Random random, double score)
        {
            double probability = 1 / (1 + Math.Exp(-score));
            return random.NextDouble() < probability ? 1.0 : -1.0;
        }

        private static double Dot(double[] a, double[] b)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                s += a[i] * b[i];
            }

            return s;
        }

        private static double[] Normals(Random random, int count, double scale)
        {
            double[] values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = scale * Normal(random);
            }

            return values;
        }

        // Box–Muller; 1 − NextDouble() lies in (0, 1], so the logarithm is finite.
        private static double Normal(Random random)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }
}
