using System;
using System.IO;

namespace GradGen.Workloads.Tests
{
    /// <summary>
    /// Finds the ADBench data vendored in the repository: data/adbench under the repository root
    /// (the first ancestor of the test binaries that holds GradGen.sln).
    /// </summary>
    internal static class SharedData
    {
        private static readonly Lazy<string> AdBenchFolder = new Lazy<string>(FindAdBenchFolder);

        public static string AdBench(string relativePath)
        {
            string path = Path.Combine(AdBenchFolder.Value, relativePath);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"ADBench data file not found: {path}", path);
            }

            return path;
        }

        private static string FindAdBenchFolder()
        {
            string root = FindRepositoryRoot(AppContext.BaseDirectory)
                ?? throw new DirectoryNotFoundException($"No folder containing GradGen.sln above {AppContext.BaseDirectory}.");
            string folder = Path.Combine(root, "data", "adbench");
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"ADBench data folder not found: {folder}.");
            }

            return folder;
        }

        private static string? FindRepositoryRoot(string start)
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
