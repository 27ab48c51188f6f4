using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Diagnostics
{
    /// <summary>
    /// A diagnostic as equatable data, created by any stage. Its location is relative to the
    /// [Differentiable] declaration, so only the analyzer, which has that declaration, reports it.
    /// </summary>
    public sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Args)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args)
            => new DiagnosticInfo(descriptor.Id, location, args.ToEquatableArray());

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args)
            => Create(descriptor, LocationInfo.From(node), args);

        public bool IsError => Descriptors.Get(Id).DefaultSeverity == DiagnosticSeverity.Error;

        /// <summary>The diagnostic at its place in <paramref name="anchor"/>'s tree (the declaration it was raised for).</summary>
        public Diagnostic ToDiagnostic(SyntaxNode anchor)
        {
            var location = Location?.ToLocation(anchor) ?? anchor.GetLocation();
            var args = new object[Args.Count];
            for (int i = 0; i < args.Length; i++) args[i] = Args[i];
            return Diagnostic.Create(Descriptors.Get(Id), location, args);
        }
    }
}
