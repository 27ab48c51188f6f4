using System;
using System.IO;

namespace GradGen.Workloads
{
    /// <summary>
    /// One ADBench GMM instance: "D K N", K alphas, K rows of D means, K rows of icf
    /// (D log-diagonal values, then D(D−1)/2 strictly-lower values column by column),
    /// N rows of D point coordinates, then "gamma m".
    /// </summary>
    public sealed class GmmInput
    {
        private GmmInput(int d, int k, int n, double[] alphas, double[] means, double[] icf, double[] x, double gamma, int m)
        {
            D = d;
            K = k;
            N = n;
            Alphas = alphas;
            Means = means;
            Icf = icf;
            X = x;
            Gamma = gamma;
            M = m;
        }

        /// <summary>Dimension of the data.</summary>
        public int D { get; }

        /// <summary>Number of mixture components.</summary>
        public int K { get; }

        /// <summary>Number of data points.</summary>
        public int N { get; }

        /// <summary>K unnormalised log mixture weights.</summary>
        public double[] Alphas { get; }

        /// <summary>Component means, K×D row-major.</summary>
        public double[] Means { get; }

        /// <summary>Inverse covariance factors, K×(D(D+1)/2) row-major.</summary>
        public double[] Icf { get; }

        /// <summary>Data points, N×D row-major.</summary>
        public double[] X { get; }

        /// <summary>Wishart prior parameter gamma.</summary>
        public double Gamma { get; }

        /// <summary>Wishart prior parameter m (degrees of freedom beyond D + 1).</summary>
        public int M { get; }

        /// <summary>Length of one component's icf row, D(D+1)/2.</summary>
        public int IcfSize => D * (D + 1) / 2;

        /// <summary>Number of differentiated parameters, K(D+1)(D+2)/2 (alphas, means, icf).</summary>
        public int ParameterCount => K + K * D + K * IcfSize;

        /// <summary>Reads an instance from an ADBench GMM text file.</summary>
        public static GmmInput Load(string path)
        {
            return Parse(File.ReadAllText(path), path);
        }

        /// <summary>Parses an instance from the text of an ADBench GMM file; <paramref name="source"/> names it in errors.</summary>
        public static GmmInput Parse(string text, string source = "GMM input")
        {
            var reader = new AdBenchText(text, source);
            int d = reader.ReadInt();
            int k = reader.ReadInt();
            int n = reader.ReadInt();
            if (d < 1 || k < 1 || n < 1)
            {
                throw new FormatException($"{source}: D, K and N must be positive, got {d} {k} {n}.");
            }

            double[] alphas = reader.ReadDoubles(k);
            double[] means = reader.ReadDoubles(k * d);
            double[] icf = reader.ReadDoubles(k * (d * (d + 1) / 2));
            double[] x = reader.ReadDoubles(n * d);
            double gamma = reader.ReadDouble();
            int m = reader.ReadInt();
            reader.ExpectEnd();
            return new GmmInput(d, k, n, alphas, means, icf, x, gamma, m);
        }
    }
}
