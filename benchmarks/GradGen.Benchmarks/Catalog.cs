using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GradGen.Workloads;

namespace GradGen.Benchmarks
{
    /// <summary>The benchmarked workloads, their sizes and seeds, and where their data lives.</summary>
    public static class Catalog
    {
        /// <summary>Logistic regression: N examples of d features.</summary>
        public const int LogisticN = 4000, LogisticD = 100, LogisticSeed = 11;

        /// <summary>The network (worksheet row 16): d inputs, hidden units, mini-batch size.</summary>
        public const int NetworkD = 64, NetworkHidden = 32, NetworkBatch = 64, NetworkSeed = 16;

        /// <summary>Softmax cross-entropy of a linear classifier: N examples, d features, classes.</summary>
        public const int SoftmaxN = 1000, SoftmaxD = 64, SoftmaxClasses = 10, SoftmaxSeed = 31;

        /// <summary>Extended Rosenbrock (Moré–Garbow–Hillstrom problem 21) dimension.</summary>
        public const int RosenbrockN = 10_000, RosenbrockSeed = 21;

        /// <summary>Every workload name, in table order.</summary>
        public static IReadOnlyList<string> Names { get; } = new[]
        {
            "logistic", "logistic-span", "network", "gmm-d2-K5", "gmm-d10-K25", "lstm-l2-c1024", "rosenbrock", "softmax-ce",
        };

        /// <summary>Creates the workload called <paramref name="name"/> with fresh data.</summary>
        public static Workload Create(string name)
        {
            switch (name)
            {
                case "logistic":
                    return new LogisticJaggedWorkload(SyntheticData.Logistic(LogisticN, LogisticD, LogisticSeed));
                case "logistic-span":
                    return new LogisticSpanWorkload(SyntheticData.Logistic(LogisticN, LogisticD, LogisticSeed));
                case "network":
                    return new NetworkWorkload(SyntheticData.NetworkBatch(NetworkBatch, NetworkD, NetworkHidden, NetworkSeed));
                case "gmm-d2-K5":
                    return Gmm(name, "gmm/gmm_d2_K5.txt");
                case "gmm-d10-K25":
                    return Gmm(name, "gmm/gmm_d10_K25.txt");
                case "lstm-l2-c1024":
                    string lstm = Paths.AdBench("lstm/lstm_l2_c1024.txt");
                    return new LstmWorkload(name, lstm, LstmInput.Load(lstm));
                case "rosenbrock":
                    return new RosenbrockWorkload(SyntheticData.RosenbrockPoint(RosenbrockN, RosenbrockSeed));
                case "softmax-ce":
                    return new SoftmaxWorkload(SyntheticData.SoftmaxBatch(SoftmaxN, SoftmaxD, SoftmaxClasses, SoftmaxSeed));
                default:
                    throw new ArgumentException($"Unknown workload '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
            }
        }

        /// <summary>Creates every workload, or those whose names are listed in <paramref name="only"/>.</summary>
        public static IReadOnlyList<Workload> CreateAll(IReadOnlyCollection<string>? only = null)
        {
            return Names.Where(n => only is null || only.Count == 0 || only.Contains(n)).Select(Create).ToArray();
        }

        private static Workload Gmm(string name, string relative)
        {
            string path = Paths.AdBench(relative);
            return new GmmWorkload(name, path, GmmInput.Load(path));
        }
    }

    /// <summary>
    /// Locates the repository (the first ancestor holding GradGen.sln) and the ADBench data vendored
    /// in it under data/adbench.
    /// </summary>
    public static class Paths
    {
        private static readonly Lazy<string?> Root = new Lazy<string?>(() => FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory()));

        /// <summary>The repository root, or null when the program runs outside it.</summary>
        public static string? RepositoryRoot => Root.Value;

        /// <summary>The full path of an ADBench data file given relative to data/adbench.</summary>
        public static string AdBench(string relativePath)
        {
            string root = RepositoryRoot ?? throw new DirectoryNotFoundException(
                $"No folder containing GradGen.sln above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}.");
            string path = Path.Combine(root, "data", "adbench", relativePath);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"ADBench data file not found: {path}", path);
            }

            return path;
        }

        /// <summary>benchmarks/peer/out under the repository root (data exported for the peer, and its results).</summary>
        public static string PeerOutput => Path.Combine(RepositoryRoot ?? Directory.GetCurrentDirectory(), "benchmarks", "peer", "out");

        private static string? FindRoot(string start)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "GradGen.sln")))
                {
                    return directory.FullName;
                }
            }

            return null;
        }
    }
}
