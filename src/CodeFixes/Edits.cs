using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.CodeFixes
{
    /// <summary>Syntax edits shared by the fixes, written to keep the user's layout and comments.</summary>
    internal static class Edits
    {
        /// <summary>Adds <c>partial</c> as the last modifier (C# requires it right before <c>class</c>/<c>struct</c>/<c>record</c>).</summary>
        public static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Any(SyntaxKind.PartialKeyword)) return type;
            var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (type.Modifiers.Count > 0) return type.WithModifiers(type.Modifiers.Add(partial));

            // No modifiers: 'partial' takes the keyword's place in the layout (its indentation).
            var keyword = type.Keyword;
            partial = partial.WithLeadingTrivia(keyword.LeadingTrivia);
            return type
                .ReplaceToken(keyword, keyword.WithLeadingTrivia(SyntaxTriviaList.Empty))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        /// <summary>Puts <c>[name]</c> on its own line above the method, after its doc comment.</summary>
        public static MethodDeclarationSyntax AddAttribute(MethodDeclarationSyntax method, string name, SyntaxTrivia endOfLine)
        {
            var leading = method.GetLeadingTrivia();
            var indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(name))))
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(endOfLine);
            var stripped = method.WithLeadingTrivia(indentation);
            return stripped.WithAttributeLists(stripped.AttributeLists.Insert(0, list));
        }

        /// <summary>Adds <c>using ns;</c> after the file's last top-level using (or at the top).</summary>
        public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string ns, SyntaxTrivia endOfLine)
        {
            if (unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns)) return unit;
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns).WithLeadingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(endOfLine);
            if (unit.Usings.Count > 0) return unit.WithUsings(unit.Usings.Add(directive));

            // First using of the file: above everything else, below a leading file header comment.
            if (unit.Externs.Count > 0) return unit.WithUsings(SyntaxFactory.SingletonList(directive));
            directive = directive.WithLeadingTrivia(unit.GetLeadingTrivia()).WithTrailingTrivia(endOfLine, endOfLine);
            return unit.WithoutLeadingTrivia().WithUsings(SyntaxFactory.SingletonList(directive));
        }

        /// <summary>The file's own line ending (so that a fix does not mix \n and \r\n).</summary>
        public static SyntaxTrivia EndOfLine(SyntaxNode root)
        {
            var existing = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.EndOfLine(existing.ToString()) : SyntaxFactory.EndOfLine("\n");
        }
    }
}
