using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Analyzer.Tests
{
    /// <summary>
    /// docs/diagnostics.md matches behaviour: every C# example is compiled and analyzed, and each
    /// line marked <c>// GGxxxx</c> gets that diagnostic from the analyzer, and no line gets a
    /// GradGen diagnostic the example does not mark.
    /// </summary>
    public class DocumentationExampleTests
    {
        private const string Prelude = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing GradGen;\n";

        public static IEnumerable<object[]> Examples()
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "GradGen.sln"))) dir = Path.GetDirectoryName(dir);
            string docs = File.ReadAllText(Path.Combine(dir!, "docs", "diagnostics.md")).Replace("\r\n", "\n");
            string section = "";
            int index = 0;
            foreach (Match m in Regex.Matches(docs, "^## (GG[0-9]{4})|^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline))
            {
                if (m.Groups[1].Success) { section = m.Groups[1].Value; index = 0; continue; }
                yield return new object[] { section + "#" + (++index), m.Groups[2].Value };
            }
        }

        [Theory]
        [MemberData(nameof(Examples))]
        public void ExampleReportsWhatItsCommentsSay(string name, string example)
        {
            bool wrapped = !Regex.IsMatch(example, "\\b(class|struct)\\s");
            string source = Prelude + (wrapped ? "public partial class Example\n{\n" + example + "}\n" : example);
            var compilation = Harness.Compile(source);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, name + " does not compile:\n" + Harness.Format(errors) + "\n" + source);

            var lines = source.Split('\n');
            var expected = new HashSet<(int Line, string Id)>();
            for (int i = 0; i < lines.Length; i++)
            {
                int comment = lines[i].IndexOf("//", StringComparison.Ordinal);
                if (comment < 0) continue;
                foreach (Match id in Regex.Matches(lines[i].Substring(comment), "GG[0-9]{4}")) expected.Add((i, id.Value));
            }
            Assert.True(expected.Count > 0, name + " marks no diagnostic");
            var actual = Harness.Analyze(compilation).Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.Id)).ToHashSet();
            Assert.True(expected.SetEquals(actual), name + ": expected " + Show(expected) + ", the analyzer reported " + Show(actual) + "\n" + source);
        }

        private static string Show(IEnumerable<(int Line, string Id)> set)
            => "[" + string.Join(", ", set.OrderBy(x => x.Line).Select(x => x.Id + "@" + (x.Line + 1))) + "]";
    }
}
