using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GradGen.TestKit
{
    /// <summary>
    /// The metadata references of an in-memory test compilation: the running framework's assemblies
    /// (the trusted platform assemblies in the runtime's directory) plus GradGen.Attributes and
    /// GradGen.Runtime.
    /// </summary>
    public static class TestReferences
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new Lazy<ImmutableArray<MetadataReference>>(Load);

        public static ImmutableArray<MetadataReference> All => LazyAll.Value;

        private static ImmutableArray<MetadataReference> Load()
        {
            string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
            var paths = tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
                .ToList();
            paths.Add(typeof(DifferentiableAttribute).Assembly.Location);
            paths.Add(typeof(GradMath).Assembly.Location);
            return paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        }
    }
}
