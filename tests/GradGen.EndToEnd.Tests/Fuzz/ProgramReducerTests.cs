using System.Linq;
using GradGen.EndToEnd.Tests.Fuzz;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>The fuzzers' reducer, driven by artificial failure predicates (no generator bug needed).</summary>
    public class ProgramReducerTests
    {
        private static bool Parses(string members)
            => !CSharpSyntaxTree.ParseText("class C {\n" + members + "\n}").GetDiagnostics().Any();

        private static bool ParsesAsTemplate(string template) => Parses(RandomArrayProgramSource.UnderTest(template));

        private static bool ParsesAsStatements(string statements) => Parses("void M() {\n" + statements.Replace("§M", "Math") + "\n}");

        [Fact]
        public void Deletes_statements_and_blocks_down_to_a_one_minimal_program()
        {
            // A program with a scratch call and a Log somewhere: "fails" while it parses and keeps both.
            string template = Enumerable.Range(1, 200).Select(RandomArrayProgramGenerator.Generate)
                .First(t => t.Contains("Row§N(xs[") && t.Contains("§M.Log(") && t.Split('\n').Length > 40);
            bool Fails(string t) => ParsesAsTemplate(t) && t.Contains("Row§N(xs[") && t.Contains("§M.Log(");
            Assert.True(Fails(template));

            string reduced = ProgramReducer.Reduce(template, Fails, budget: 5000);

            Assert.True(Fails(reduced));
            Assert.True(reduced.Split('\n').Length < template.Split('\n').Length / 2, reduced);
            // One-minimal: deleting any one more statement or block makes the failure go away.
            var lines = reduced.Split('\n').ToList();
            foreach (var (start, end) in ProgramReducer.Deletions(lines))
            {
                string smaller = string.Join("\n", lines.Take(start).Concat(lines.Skip(end + 1)));
                Assert.False(Fails(smaller), $"lines {start}..{end} could still go:\n{reduced}");
            }
        }

        [Fact]
        public void Replaces_expressions_by_their_operands()
        {
            string program = "        s += (§M.Sin((a * w[0])) + (b / 2.0));";
            string reduced = ProgramReducer.Reduce(program, t => ParsesAsStatements(t) && t.Contains("w[0]"));

            Assert.Contains("w[0]", reduced);
            Assert.DoesNotContain("Sin", reduced);
            Assert.DoesNotContain("a *", reduced);
            Assert.DoesNotContain("b", reduced.Replace("s +=", ""));
        }

        [Fact]
        public void Keeps_a_program_that_does_not_fail_and_respects_the_budget()
        {
            string program = "        s += (a * b);\n        s += a;";
            int calls = 0;
            Assert.Equal(program, ProgramReducer.Reduce(program, _ => { calls++; return false; }, budget: 3));
            Assert.Equal(3, calls);
        }
    }
}
