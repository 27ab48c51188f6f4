using System.Collections.Generic;

namespace GradGen.Generator.Model
{
    /// <summary>Hands out generated identifiers that collide with nothing the user's method mentions.</summary>
    public sealed class NameAllocator
    {
        private readonly HashSet<string> _taken;

        public NameAllocator(IEnumerable<string> reserved) => _taken = new HashSet<string>(reserved);

        /// <summary>The preferred name if free, else the preferred name with the smallest free number appended.</summary>
        public string Fresh(string preferred)
        {
            if (_taken.Add(preferred)) return preferred;
            for (int k = 2; ; k++)
            {
                string candidate = preferred + k;
                if (_taken.Add(candidate)) return candidate;
            }
        }

        /// <summary>Always numbered (exp1, exp2, …): for temporaries that recur.</summary>
        public string Numbered(string stem)
        {
            for (int k = 1; ; k++)
            {
                string candidate = stem + k;
                if (_taken.Add(candidate)) return candidate;
            }
        }

        public void Reserve(string name) => _taken.Add(name);

        /// <summary>"w" → "W", "learningRate" → "LearningRate", "@in" → "In" (a derived name needs no escape).</summary>
        public static string Capitalize(string name)
        {
            if (name.StartsWith("@", System.StringComparison.Ordinal)) name = name.Substring(1);
            return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
        }

        /// <summary>
        /// A symbol's name as C# source text: a keyword gets its <c>@</c> back ("in" → "@in"). The IR
        /// holds names in this form, so every place that prints one prints valid C#.
        /// </summary>
        public static string Identifier(string name)
            => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? name : "@" + name;
    }
}
