using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Parse
{
    /// <summary>
    /// What the generated signatures repeat of each original parameter: its declared type (with
    /// nullable annotations), its default value and the user's <c>&lt;param&gt;</c> documentation.
    /// </summary>
    internal static class ParameterSignatures
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static IReadOnlyList<(string TypeText, string? DefaultValue, string? Documentation)> Read(IMethodSymbol method, MethodDeclarationSyntax syntax)
        {
            var declared = syntax.ParameterList.Parameters;
            int keptDefaults = OmittableDefaults(method);
            string docs = DocumentationText(syntax);
            var result = new List<(string, string?, string?)>();
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                var p = method.Parameters[i];
                string? defaultValue = i >= method.Parameters.Length - keptDefaults && i < declared.Count && declared[i].Default is { } d
                    ? d.Value.WithoutTrivia().ToString()
                    : null;
                result.Add((p.Type.ToDisplayString(TypeFormat), defaultValue, ParamDocumentation(docs, p.Name)));
            }
            return result;
        }

        /// <summary>
        /// How many trailing parameters with default values the generated overloads may leave out:
        /// all of them, unless leaving some out gives the parameter list of another overload of the
        /// method, whose generated methods would then have the same signature.
        /// </summary>
        private static int OmittableDefaults(IMethodSymbol method)
        {
            var parameters = method.Parameters;
            int trailing = 0;
            while (trailing < parameters.Length && parameters[parameters.Length - 1 - trailing].HasExplicitDefaultValue) trailing++;
            var siblings = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
                .Where(m => !SymbolEqualityComparer.Default.Equals(m, method)).ToList();
            for (int k = 1; k <= trailing; k++)
            {
                int count = parameters.Length - k;
                bool clash = siblings.Any(m => m.Parameters.Length == count
                    && Enumerable.Range(0, count).All(i => SymbolEqualityComparer.Default.Equals(m.Parameters[i].Type, parameters[i].Type)));
                if (clash) return k - 1;
            }
            return trailing;
        }

        /// <summary>
        /// The method's <c>///</c> comment as plain text, read from the trivia so that it is found
        /// whether or not the project parses documentation comments.
        /// </summary>
        private static string DocumentationText(MethodDeclarationSyntax syntax)
        {
            var text = new StringBuilder();
            foreach (var trivia in syntax.GetLeadingTrivia())
            {
                if (!trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) && !trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)
                    && !trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                    continue;
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    string t = line.Trim();
                    if (t.StartsWith("///", System.StringComparison.Ordinal)) t = t.Substring(3);
                    else if (t.StartsWith("/**", System.StringComparison.Ordinal)) t = t.Substring(3);
                    else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)) continue;
                    if (t.EndsWith("*/", System.StringComparison.Ordinal)) t = t.Substring(0, t.Length - 2);
                    text.Append(t.TrimStart('*').Trim()).Append(' ');
                }
            }
            return text.ToString();
        }

        /// <summary>The text of <c>&lt;param name="name"&gt;…&lt;/param&gt;</c> on one line, or null.</summary>
        private static string? ParamDocumentation(string docs, string name)
        {
            if (docs.Length == 0) return null;
            var match = Regex.Match(docs, "<param\\s+name\\s*=\\s*\"" + Regex.Escape(name) + "\"\\s*>(.*?)</param>", RegexOptions.Singleline);
            if (!match.Success) return null;
            string content = Regex.Replace(match.Groups[1].Value, "\\s+", " ").Trim();
            return content.Length == 0 ? null : content;
        }
    }
}
