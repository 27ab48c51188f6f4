using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator
{
    /// <summary>One method's file as the plan sees it: no source text, so the plan changes only when these facts do.</summary>
    public sealed record FileSummary(string Key, string HintName, string QualifiedHintName, bool HasSource, EquatableArray<string> Callees);

    /// <summary>The file the generator adds for one method: its final hint name, or no source.</summary>
    public sealed record OutputFile(string HintName, string? Source);

    /// <summary>
    /// The decisions that need every method at once, as small equatable data: the final hint name of
    /// each file (two methods whose files would share a name, the same type and method name in two
    /// namespaces, are qualified with their namespace), and which files are withheld because a
    /// [Differentiable] method they call has no Pullback (it failed, or one of its own callees did):
    /// a generated file never calls a method that does not exist. The failing method's own
    /// diagnostic says why.
    /// </summary>
    public sealed record OutputPlan(EquatableArray<PlannedFile> Files)
    {
        public static FileSummary Summarize(GeneratedFile file)
            => new FileSummary(file.Key, file.HintName, file.QualifiedHintName, file.Source is not null, file.Callees);

        public static OutputPlan Create(ImmutableArray<FileSummary> all)
        {
            // Emitted: has a source, and every callee is emitted too (a fixed point over the call graph).
            var emitted = new HashSet<string>(all.Where(f => f.HasSource).Select(f => f.Key), StringComparer.Ordinal);
            for (bool changed = true; changed;)
            {
                changed = false;
                foreach (var f in all)
                {
                    if (emitted.Contains(f.Key) && f.Callees.Any(c => c != f.Key && !emitted.Contains(c)))
                    {
                        emitted.Remove(f.Key);
                        changed = true;
                    }
                }
            }

            var kept = all.Where(f => f.HasSource && emitted.Contains(f.Key)).ToList();
            var shared = new HashSet<string>(
                kept.GroupBy(f => f.HintName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key),
                StringComparer.OrdinalIgnoreCase);
            var used = new HashSet<string>(kept.Where(f => !shared.Contains(f.HintName)).Select(f => f.HintName), StringComparer.OrdinalIgnoreCase);
            var files = new List<PlannedFile>();
            foreach (var f in kept)
            {
                string hint = f.HintName;
                if (shared.Contains(hint))
                {
                    hint = f.QualifiedHintName;
                    for (int k = 2; !used.Add(hint); k++) hint = f.QualifiedHintName.Replace(".g.cs", "." + k + ".g.cs");
                }
                files.Add(new PlannedFile(f.Key, f.HintName, hint));
            }
            return new OutputPlan(files.ToEquatableArray());
        }

        /// <summary>The file to add for <paramref name="file"/>: under its final name, or none.</summary>
        public OutputFile Resolve(GeneratedFile file)
        {
            if (file.Source is null) return new OutputFile(file.HintName, null);
            foreach (var planned in Files)
            {
                if (planned.Key == file.Key && planned.HintName == file.HintName) return new OutputFile(planned.FinalHintName, file.Source);
            }
            return new OutputFile(file.HintName, null);
        }
    }

    /// <summary>A file the plan keeps, under <see cref="FinalHintName"/>.</summary>
    public sealed record PlannedFile(string Key, string HintName, string FinalHintName);
}
