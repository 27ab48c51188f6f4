using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// A source span as plain data, relative to the start of the [Differentiable] declaration it
    /// belongs to (its anchor). Relative, so that the models holding it do not change when text above
    /// the method changes: an edit elsewhere in the file leaves the method's model equal, and the
    /// generator's cache holds. Only the analyzer turns it back into a <see cref="Location"/>, against
    /// the declaration it is analysing (<see cref="ToLocation"/>).
    /// </summary>
    public sealed record LocationInfo(int Start, int Length)
    {
        /// <summary><paramref name="location"/> relative to <paramref name="anchor"/> (both in one syntax tree).</summary>
        public static LocationInfo? From(Location? location, SyntaxNode anchor)
        {
            if (location is null || location.SourceTree is null || location.SourceTree != anchor.SyntaxTree) return null;
            return new LocationInfo(location.SourceSpan.Start - anchor.SpanStart, location.SourceSpan.Length);
        }

        public static LocationInfo? From(SyntaxNode node, SyntaxNode anchor) => From(node.GetLocation(), anchor);

        /// <summary><paramref name="node"/> relative to the method declaration that contains it.</summary>
        public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation(), AnchorOf(node));

        /// <summary><paramref name="location"/> relative to the method declaration that contains it.</summary>
        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null) return null;
            var token = location.SourceTree.GetRoot().FindToken(location.SourceSpan.Start);
            return token.Parent is null ? null : From(location, AnchorOf(token.Parent));
        }

        /// <summary>The declaration a location inside a method is relative to: the method itself (the file's root outside one).</summary>
        public static SyntaxNode AnchorOf(SyntaxNode node)
            => node.AncestorsAndSelf().FirstOrDefault(n => n is MethodDeclarationSyntax) ?? node.SyntaxTree.GetRoot();

        /// <summary>The location in <paramref name="anchor"/>'s tree; null when the span no longer fits the text.</summary>
        public Location? ToLocation(SyntaxNode anchor)
        {
            var span = new TextSpan(anchor.SpanStart + Start, Length);
            return span.Start < 0 || span.End > anchor.SyntaxTree.Length ? null : Location.Create(anchor.SyntaxTree, span);
        }
    }
}
