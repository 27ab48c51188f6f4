using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace ParallelTraining
{
    /// <summary>The Iris data (data/iris.csv; see data/README.md), features standardised, split into training and test rows.</summary>
    public sealed class Iris
    {
        public static readonly string[] Species = { "setosa", "versicolor", "virginica" };

        private Iris(double[] xs, int[] labels, int[] train, int[] test)
        {
            Xs = xs;
            Labels = labels;
            Train = train;
            Test = test;
        }

        public const int Features = 4;

        /// <summary>150 rows of 4 features, row-major, each feature scaled to mean 0 and standard deviation 1.</summary>
        public double[] Xs { get; }

        /// <summary>0 setosa, 1 versicolor, 2 virginica.</summary>
        public int[] Labels { get; }

        /// <summary>The training rows (four in five).</summary>
        public int[] Train { get; }

        /// <summary>The held-out rows (every fifth: 10 per species).</summary>
        public int[] Test { get; }

        /// <summary>data/iris.csv beside the program (copied to the output directory by the build).</summary>
        public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");

        public static Iris Load(string path)
        {
            var features = new List<double>();
            var labels = new List<int>();
            string[] lines = File.ReadAllLines(path);
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                string[] fields = lines[i].Split(',');
                if (fields.Length != Features + 1)
                {
                    throw new InvalidDataException($"{path}:{i + 1}: expected {Features + 1} fields, got {fields.Length}.");
                }

                for (int j = 0; j < Features; j++)
                {
                    features.Add(double.Parse(fields[j], CultureInfo.InvariantCulture));
                }

                int label = Array.IndexOf(Species, fields[Features].Trim());
                if (label < 0)
                {
                    throw new InvalidDataException($"{path}:{i + 1}: unknown species '{fields[Features]}'.");
                }

                labels.Add(label);
            }

            double[] xs = features.ToArray();
            Standardize(xs, labels.Count);
            var train = new List<int>();
            var test = new List<int>();
            for (int n = 0; n < labels.Count; n++)
            {
                (n % 5 == 4 ? test : train).Add(n);
            }

            return new Iris(xs, labels.ToArray(), train.ToArray(), test.ToArray());
        }

        private static void Standardize(double[] xs, int rows)
        {
            for (int j = 0; j < Features; j++)
            {
                double mean = 0;
                for (int n = 0; n < rows; n++)
                {
                    mean += xs[n * Features + j];
                }

                mean /= rows;
                double variance = 0;
                for (int n = 0; n < rows; n++)
                {
                    double c = xs[n * Features + j] - mean;
                    variance += c * c;
                }

                double scale = 1 / Math.Sqrt(variance / rows);
                for (int n = 0; n < rows; n++)
                {
                    xs[n * Features + j] = (xs[n * Features + j] - mean) * scale;
                }
            }
        }
    }
}
