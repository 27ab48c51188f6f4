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

        public Diagnostic ToDiagnostic()
        {
            var args = new object[Args.Count];
            for (int i = 0; i < args.Length; i++) args[i] = Args[i];
            return Diagnostic.Create(Descriptors.Get(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
        }
    }
}
