using System;

namespace ParallelTraining
{
    /// <summary>
    /// The classifier's parameters (or a gradient of the same shapes): plain arrays, so a gradient can
    /// be summed across threads here, or all-reduced across machines by any engine that moves arrays.
    /// </summary>
    public sealed class Parameters
    {
        public Parameters(int features, int hidden, int classes)
        {
            W1 = new double[hidden, features];
            B1 = new double[hidden];
            W2 = new double[classes, hidden];
            B2 = new double[classes];
        }

        public double[,] W1 { get; }

        public double[] B1 { get; }

        public double[,] W2 { get; }

        public double[] B2 { get; }

        /// <summary>All entries, W1, b1, W2, b2 in that order (a view for summing, updating and comparing).</summary>
        public Span<double> Flat(int block) => block switch
        {
            0 => System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref W1[0, 0], W1.Length),
            1 => B1,
            2 => System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref W2[0, 0], W2.Length),
            _ => B2,
        };

        /// <summary>The number of blocks <see cref="Flat"/> knows.</summary>
        public const int Blocks = 4;

        /// <summary>Glorot-style initialisation: normal entries scaled by 1/√fan-in, zero biases.</summary>
        public static Parameters Initial(int features, int hidden, int classes, int seed)
        {
            var p = new Parameters(features, hidden, classes);
            var random = new Random(seed);
            Fill(p.Flat(0), random, 1 / Math.Sqrt(features));
            Fill(p.Flat(2), random, 1 / Math.Sqrt(hidden));
            return p;
        }

        public void Clear()
        {
            for (int b = 0; b < Blocks; b++)
            {
                Flat(b).Clear();
            }
        }

        /// <summary>this += other.</summary>
        public void Add(Parameters other)
        {
            for (int b = 0; b < Blocks; b++)
            {
                Span<double> target = Flat(b);
                Span<double> source = other.Flat(b);
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] += source[i];
                }
            }
        }

        /// <summary>The largest |a − b| / max(1, |a|, |b|) over every entry.</summary>
        public double MaxRelativeDifference(Parameters other)
        {
            double worst = 0;
            for (int b = 0; b < Blocks; b++)
            {
                Span<double> x = Flat(b);
                Span<double> y = other.Flat(b);
                for (int i = 0; i < x.Length; i++)
                {
                    worst = Math.Max(worst, Math.Abs(x[i] - y[i]) / Math.Max(1, Math.Max(Math.Abs(x[i]), Math.Abs(y[i]))));
                }
            }

            return worst;
        }

        private static void Fill(Span<double> values, Random random, double scale)
        {
            for (int i = 0; i < values.Length; i++)
            {
                // Box–Muller; 1 − NextDouble() lies in (0, 1].
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                values[i] = scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            }
        }
    }
}
