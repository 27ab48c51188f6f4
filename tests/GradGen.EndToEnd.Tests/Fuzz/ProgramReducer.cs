using System;
using System.Collections.Generic;
using System.Linq;

namespace GradGen.EndToEnd.Tests.Fuzz
{
    /// <summary>
    /// Shrinks a failing random program (one statement a line, blocks as a header line, "{" … "}"):
    /// greedily deletes statements and whole blocks, then replaces expressions by their operands
    /// (<c>(A * B)</c> by A or B, <c>Math.Sin(A)</c> by A), keeping each change under which the program
    /// still fails, until no single change keeps it failing or the budget of checks runs out.
    /// </summary>
    internal static class ProgramReducer
    {
        /// <summary>The smallest source found that still <paramref name="fails"/>; the source itself if it does not.</summary>
        /// <param name="source">The failing program.</param>
        /// <param name="fails">True when a candidate builds and still fails the same way (a candidate that does not build is no reproducer).</param>
        /// <param name="budget">How many candidates to check at most (each is a build and a run).</param>
        /// <param name="seconds">How long to search at most.</param>
        public static string Reduce(string source, Func<string, bool> fails, int budget = 300, double seconds = 180)
        {
            var lines = source.Split('\n').ToList();
            int checks = 0;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            bool Try(List<string> candidate)
            {
                if (checks >= budget || watch.Elapsed.TotalSeconds > seconds) return false;
                checks++;
                try
                {
                    return fails(string.Join("\n", candidate));
                }
                catch (Exception e) when (e is InvalidOperationException || e is Xunit.Sdk.XunitException)
                {
                    return false;   // the candidate itself does not compile, or breaks the harness: not a reproducer
                }
            }

            bool progress = true;
            while (progress && checks < budget)
            {
                progress = false;
                // Largest first: whole blocks, then single statements.
                foreach (var (start, end) in Deletions(lines).OrderByDescending(r => r.End - r.Start))
                {
                    if (end >= lines.Count) continue;
                    var candidate = lines.Take(start).Concat(lines.Skip(end + 1)).ToList();
                    if (Try(candidate))
                    {
                        lines = candidate;
                        progress = true;
                        break;
                    }
                }

                if (progress) continue;
                for (int l = 0; l < lines.Count && !progress; l++)
                {
                    foreach (string simpler in Simplifications(lines[l]))
                    {
                        var candidate = new List<string>(lines) { [l] = simpler };
                        if (Try(candidate))
                        {
                            lines = candidate;
                            progress = true;
                            break;
                        }
                    }
                }
            }

            return string.Join("\n", lines);
        }

        /// <summary>Line ranges that are one statement: a line ending in ';', or a block header with its braces.</summary>
        internal static IEnumerable<(int Start, int End)> Deletions(IReadOnlyList<string> lines)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                string t = lines[i].Trim();
                if (i + 1 < lines.Count && lines[i + 1].Trim() == "{" && t.Length > 0 && t != "{" && t != "}")
                {
                    int depth = 0;
                    for (int j = i + 1; j < lines.Count; j++)
                    {
                        string u = lines[j].Trim();
                        if (u == "{") depth++;
                        else if (u.StartsWith("}", StringComparison.Ordinal)) depth--;
                        if (depth == 0)
                        {
                            yield return (i, j);
                            break;
                        }
                    }
                }
                else if (t.EndsWith(";", StringComparison.Ordinal) && !t.StartsWith("}", StringComparison.Ordinal) && !t.StartsWith("return", StringComparison.Ordinal))
                {
                    yield return (i, i);
                }
            }
        }

        /// <summary>The line with one parenthesized expression replaced by one of its operands, or one math call by its argument.</summary>
        internal static IEnumerable<string> Simplifications(string line)
        {
            for (int open = line.IndexOf('('); open >= 0; open = line.IndexOf('(', open + 1))
            {
                int close = Matching(line, open);
                if (close < 0) yield break;
                string inner = line.Substring(open + 1, close - open - 1);
                int nameStart = open;
                while (nameStart > 0 && (char.IsLetterOrDigit(line[nameStart - 1]) || line[nameStart - 1] == '.' || line[nameStart - 1] == '§')) nameStart--;
                string name = line.Substring(nameStart, open - nameStart);
                if (name.Length > 0)
                {
                    // A one-argument math function: keep its argument.
                    if ((name.StartsWith("§M.", StringComparison.Ordinal) || name.StartsWith("Math.", StringComparison.Ordinal)) && TopLevel(inner, ',') < 0)
                        yield return line.Substring(0, nameStart) + "(" + inner + ")" + line.Substring(close + 1);
                    continue;
                }

                foreach (string op in new[] { " + ", " - ", " * ", " / " })
                {
                    int at = TopLevel(inner, op);
                    if (at < 0) continue;
                    yield return line.Substring(0, open) + "(" + inner.Substring(0, at) + ")" + line.Substring(close + 1);
                    yield return line.Substring(0, open) + "(" + inner.Substring(at + op.Length) + ")" + line.Substring(close + 1);
                    break;
                }
            }
        }

        private static int Matching(string s, int open)
        {
            int depth = 0;
            for (int i = open; i < s.Length; i++)
            {
                if (s[i] == '(') depth++;
                else if (s[i] == ')' && --depth == 0) return i;
            }

            return -1;
        }

        private static int TopLevel(string s, char c) => TopLevel(s, c.ToString());

        private static int TopLevel(string s, string token)
        {
            int depth = 0;
            for (int i = 0; i + token.Length <= s.Length; i++)
            {
                char ch = s[i];
                if (ch == '(' || ch == '[') depth++;
                else if (ch == ')' || ch == ']') depth--;
                else if (depth == 0 && string.CompareOrdinal(s, i, token, 0, token.Length) == 0) return i;
            }

            return -1;
        }
    }
}
