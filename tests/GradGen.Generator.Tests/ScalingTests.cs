using System.Diagnostics;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// Generated code grows linearly with the method and compiles, however deep the expression:
    /// nested calls, deeply nested parentheses, very long sums. Times are written to the test output.
    /// </summary>
    public sealed class ScalingTests
    {
        private readonly ITestOutputHelper _output;

        public ScalingTests(ITestOutputHelper output) => _output = output;

        private static string Method(string body)
            => "using System;\nusing GradGen;\n\npublic static partial class Deep\n{\n    [Differentiable]\n    public static double F(double x, double y)\n    {\n        " + body + "\n    }\n}\n";

        /// <summary>Generates, checks that the output compiles cleanly and stays within <paramref name="factor"/> times the input's size.</summary>
        private void Check(string name, string source, int factor)
        {
            var clock = Stopwatch.StartNew();
            var run = Harness.Run(new SourceFile("/src/Deep.cs", source));
            clock.Stop();
            Assert.True(run.GeneratorDiagnostics.IsEmpty, Harness.Format(run.GeneratorDiagnostics));
            string generated = run.Source("Deep.F.g.cs");
            var generator = run.Driver.GetTimingInfo().ElapsedTime;
            _output.WriteLine(name + ": input " + source.Length + " chars, generated " + generated.Length + " chars; generator " + (int)generator.TotalMilliseconds + " ms, with both compilations " + clock.ElapsedMilliseconds + " ms");
            Assert.True(run.OutputDiagnostics.IsEmpty, Harness.Format(run.OutputDiagnostics.Take(5)));
            Assert.True(generated.Length < factor * source.Length + 4000, name + ": " + generated.Length + " chars generated from " + source.Length);
        }

        [Fact]
        public void Sin_nested_300_deep()
        {
            string call = "x";
            for (int i = 0; i < 300; i++) call = "Math.Sin(" + call + ")";
            Check("Sin nested 300 deep", Method("return " + call + ";"), 20);
        }

        /// <summary>
        /// 500 deep: at 1,000 the input method itself sometimes fails with CS8078 when the test's
        /// compilation binds it on a thread-pool thread (a smaller stack); the generated code's
        /// nesting is bounded by the operand temporaries either way.
        /// </summary>
        [Fact]
        public void Parentheses_nested_500_deep()
        {
            // 1 + x * (1 + x * (… (1 + x * y) …))
            var text = new StringBuilder("y");
            for (int i = 0; i < 500; i++) text.Insert(0, "1 + x * (").Append(')');
            Check("parentheses nested 500 deep", Method("return " + text + ";"), 20);
        }

        /// <summary>2,000 terms by default (GRADGEN_TERMS sets another count): 20,000 still takes minutes, in the front end's recursive lowering and analyses.</summary>
        private static readonly int Terms = int.TryParse(System.Environment.GetEnvironmentVariable("GRADGEN_TERMS"), out int n) ? n : 2000;

        [Fact]
        public void Long_sum()
        {
            var text = new StringBuilder("x * y");
            for (int i = 1; i < Terms; i++) text.Append(" + Math.Sin(x * ").Append(i).Append(".5) * y");
            Check("sum of " + Terms + " terms", Method("return " + text + ";"), 20);
        }
    }
}
