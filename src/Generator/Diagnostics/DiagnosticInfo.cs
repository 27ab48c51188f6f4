using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Diagnostics
{
    /// <summary>A diagnostic as equatable data, created by any stage and reported by the generator or the analyzer.</summary>
    public sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Args)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args)
            => new DiagnosticInfo(descriptor.Id, location, args.ToEquatableArray());

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args)
            => Create(descriptor, LocationInfo.From(node), args);

        public bool IsError => Descriptors.Get(Id).DefaultSeverity == DiagnosticSeverity.Error;

        public Diagnostic ToDiagnostic() => Create(Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None);

        /// <summary>
        /// The diagnostic with a source location in the tree of <paramref name="compilation"/> that has
        /// this location's file (the analyzer's form: the IDE squiggles and code fixes need it),
        /// preferring <paramref name="preferred"/> when several trees share a path.
        /// </summary>
        public Diagnostic ToDiagnostic(Compilation compilation, SyntaxTree? preferred)
        {
            if (Location is null) return Create(Microsoft.CodeAnalysis.Location.None);
            SyntaxTree? tree = null;
            if (preferred is not null && preferred.FilePath == Location.FilePath) tree = preferred;
            else
            {
                foreach (var t in compilation.SyntaxTrees)
                {
                    if (t.FilePath == Location.FilePath) { tree = t; break; }
                }
            }
            var span = new Microsoft.CodeAnalysis.Text.TextSpan(Location.Start, Location.Length);
            if (tree is null || span.End > tree.Length) return Create(Location.ToLocation());
            return Create(Microsoft.CodeAnalysis.Location.Create(tree, span));
        }

        private Diagnostic Create(Location location)
        {
            var args = new object[Args.Count];
            for (int i = 0; i < args.Length; i++) args[i] = Args[i];
            return Diagnostic.Create(Descriptors.Get(Id), location, args);
        }
    }
}
