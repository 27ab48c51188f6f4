using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GradGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>The GGxxxx catalogue is consistent with its release tracking file and its documentation links.</summary>
    public sealed class DescriptorCatalogueTests
    {
        public static IEnumerable<object[]> Ids => Descriptors.All.Select(d => new object[] { d.Id });

        private static Dictionary<string, string[]> UnshippedRows()
        {
            string path = Path.Combine(RepoPaths.Root, "src", "Generator", "AnalyzerReleases.Unshipped.md");
            Assert.True(File.Exists(path), path + " is missing");
            var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var line in File.ReadAllLines(path))
            {
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 3 || !cells[0].StartsWith("GG", StringComparison.Ordinal)) continue;
                Assert.False(rows.ContainsKey(cells[0]), cells[0] + " appears twice in AnalyzerReleases.Unshipped.md");
                rows[cells[0]] = cells;
            }
            return rows;
        }

        [Fact]
        public void Catalogue_IsNotEmpty_AndIdsAreUnique()
        {
            Assert.NotEmpty(Descriptors.All);
            var duplicates = Descriptors.All.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, "duplicate ids: " + string.Join(", ", duplicates));
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_HasAnUnshippedReleaseEntry(string id)
        {
            var d = Descriptors.Get(id);
            var rows = UnshippedRows();
            Assert.True(rows.TryGetValue(id, out var cells), id + " has no row in src/Generator/AnalyzerReleases.Unshipped.md");
            Assert.Equal(d.Category, cells![1]);
            Assert.Equal(d.DefaultSeverity.ToString(), cells[2]);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_HelpLinkPointsToItsDocsSection(string id)
        {
            var d = Descriptors.Get(id);
            Assert.EndsWith("docs/diagnostics.md#" + id.ToLowerInvariant(), d.HelpLinkUri, StringComparison.Ordinal);
        }

        [Fact]
        public void EveryUnshippedEntry_IsInTheCatalogue()
        {
            var ids = new HashSet<string>(Descriptors.All.Select(d => d.Id));
            var stale = UnshippedRows().Keys.Where(id => !ids.Contains(id)).ToList();
            Assert.True(stale.Count == 0, "AnalyzerReleases.Unshipped.md lists ids that Descriptors.All lacks: " + string.Join(", ", stale));
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_IsEnabled_AndHasTitleAndMessage(string id)
        {
            var d = Descriptors.Get(id);
            Assert.True(d.IsEnabledByDefault);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.MessageFormat.ToString()));
            Assert.Matches("^GG[0-9]{4}$", d.Id);
            Assert.True(d.DefaultSeverity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning or DiagnosticSeverity.Info);
        }
    }
}
