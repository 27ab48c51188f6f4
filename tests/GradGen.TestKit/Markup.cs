using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace GradGen.TestKit
{
    /// <summary><c>[|…|]</c> markup: marked text is an expected span; markers are removed.</summary>
    public static class Markup
    {
        public static (string Source, ImmutableArray<TextSpan> Spans) Parse(string markup)
        {
            var text = new StringBuilder(markup.Length);
            var spans = ImmutableArray.CreateBuilder<TextSpan>();
            int open = -1;
            for (int i = 0; i < markup.Length; i++)
            {
                if (i + 1 < markup.Length && markup[i] == '[' && markup[i + 1] == '|')
                {
                    if (open >= 0) throw new ArgumentException("Nested [| in markup.");
                    open = text.Length;
                    i++;
                    continue;
                }
                if (i + 1 < markup.Length && markup[i] == '|' && markup[i + 1] == ']' && open >= 0)
                {
                    spans.Add(TextSpan.FromBounds(open, text.Length));
                    open = -1;
                    i++;
                    continue;
                }
                text.Append(markup[i]);
            }
            if (open >= 0) throw new ArgumentException("Unclosed [| in markup.");
            return (text.ToString(), spans.ToImmutable());
        }
    }
}
