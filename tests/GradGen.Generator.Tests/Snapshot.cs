using System;
using System.IO;
using Xunit.Sdk;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// Compares generated code with Snapshots/&lt;name&gt;.g.cs. With GRADGEN_UPDATE_SNAPSHOTS=1 it
    /// rewrites the snapshot instead; on a mismatch it writes &lt;name&gt;.received.cs next to it
    /// (ignored by git) and fails with the first differing line.
    /// </summary>
    public static class Snapshot
    {
        public const string UpdateVariable = "GRADGEN_UPDATE_SNAPSHOTS";

        public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

        public static void Match(string name, string actual)
        {
            actual = Normalize(actual);
            string expectedPath = Path.Combine(RepoPaths.Snapshots, name + ".g.cs");
            string receivedPath = Path.Combine(RepoPaths.Snapshots, name + ".received.cs");

            if (Updating)
            {
                Directory.CreateDirectory(RepoPaths.Snapshots);
                File.WriteAllText(expectedPath, actual);
                if (File.Exists(receivedPath)) File.Delete(receivedPath);
                return;
            }

            if (!File.Exists(expectedPath))
            {
                File.WriteAllText(receivedPath, actual);
                throw new XunitException("Snapshot '" + name + "' does not exist: " + expectedPath + Environment.NewLine
                    + "The generated code was written to " + receivedPath + "; run with " + UpdateVariable + "=1 to accept it.");
            }

            string expected = Normalize(File.ReadAllText(expectedPath));
            if (WithoutVersion(expected) == WithoutVersion(actual))
            {
                if (File.Exists(receivedPath)) File.Delete(receivedPath);
                return;
            }

            File.WriteAllText(receivedPath, actual);
            throw new XunitException("Snapshot '" + name + "' differs. " + FirstDifference(expected, actual) + Environment.NewLine
                + "expected: " + expectedPath + Environment.NewLine
                + "received: " + receivedPath + Environment.NewLine
                + "Run with " + UpdateVariable + "=1 to accept the new output.");
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";

        // The generator's version (from the release tag) is in every header and [GeneratedCode]; a new
        // tag must not make every snapshot differ.
        private static readonly System.Text.RegularExpressions.Regex Version =
            new System.Text.RegularExpressions.Regex(@"(// GradGen |\(""GradGen"", "")\d+\.\d+\.\d+");

        private static string WithoutVersion(string text) => Version.Replace(text, "${1}<version>");

        internal static string FirstDifference(string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
            {
                string? el = i < e.Length ? e[i] : null;
                string? al = i < a.Length ? a[i] : null;
                if (el == al) continue;
                int column = 0;
                if (el is not null && al is not null)
                    while (column < el.Length && column < al.Length && el[column] == al[column]) column++;
                return "First difference at line " + (i + 1) + ", column " + (column + 1) + ":" + Environment.NewLine
                    + "  expected: " + (el is null ? "<end of file>" : Show(el)) + Environment.NewLine
                    + "  received: " + (al is null ? "<end of file>" : Show(al));
            }
            return "The texts differ only in line endings.";
        }

        private static string Show(string line) => "\"" + line.Replace("\t", "\\t") + "\"";
    }
}
