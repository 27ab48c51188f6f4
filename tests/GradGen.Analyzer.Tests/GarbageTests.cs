using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Analyzer.Tests
{
    /// <summary>
    /// Incomplete and broken code, as the IDE sees it while the user types: the analyzer and the
    /// generator report no exception (AD0001), no internal error (GG9999), and do not throw.
    /// </summary>
    public class GarbageTests
    {
        private static readonly string[] Sources =
        {
            "using GradGen; partial class C { [Differentiable] static double F(double x) { return x * ; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { return Missing(x) + Unknown.Thing; } }",
            "using GradGen; partial class C { [Differentiable] static MissingType F(MissingType x) => x; }",
            "using GradGen; partial class C { [Differentiable(nameof(q))] static double F(double x) => x; }",
            "using GradGen; partial class C { [Differentiable(null)] static double F(double x) => x; }",
            "using GradGen; partial class C { [Differentiable(null, null)] static double F(double x) => x; }",
            "using GradGen; partial class C { [Differentiable(42)] static double F(double x) => x; }",
            "using GradGen; partial class C { [Differentiable(] static double F(double x) => x; }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { for (;;) { x = x * 2 } } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { if (x > ) { return } else",
            "using GradGen; partial class C { [Differentiable] static double F(double x, ) => x; }",
            "using GradGen; partial class C { [Differentiable] static double F(double[] x) { x[0 = 1; return x[; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { double y = x switch { > 0 => x, _ => }; return y; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { var (a, b) = (x, x); return a * b; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { switch (x) { case > 0: return x; case 1.0: break; default: goto case 1.0; } return 0; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { foreach (var (a, b) in new[] { (1.0, 2.0) }) x += a; return x; } }",
            "using GradGen; partial class C { [Differentiable] double F(double x) => this[x]; double this[double i] { get => i; set { } } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { double[] a = { x, 2 }; int[] n = new int[3]; return a[0] + x is double ? 1 : 0; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { return F(x) + G<int>(x); } static double G<T>(double v) => v; }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { x++; ++x; x--; x %= 2; x = x++ + 1; return -x; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { ref double r = ref x; return r; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { Span<double> s = stackalloc double[] { x }; return s[^1] + s[0..1][0]; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) => checked((int)x) + default(double) + sizeof(double) + typeof(C).Name.Length; }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { string s = $\"{x}\"; object o = x; double? n = x; return n ?? 0; } }",
            "using GradGen; partial class C { [Differentiable] static extern double F(double x); }",
            "using GradGen; partial class C { [Differentiable] partial double F(double x); }",
            "using GradGen; interface I { [Differentiable] double F(double x); }",
            "using GradGen; partial record R(double A) { [Differentiable] public double F(double x) => x * A; }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { throw; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { return x; } [Differentiable] static double F(double x) { return x; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { double y; return y; } }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { int i = 0; while (i < 3) { if (i == 1) continue; i++; } do { x *= 2; } while (false); return x; } }",
            "using GradGen; namespace N { partial class C { [Differentiable] static double F(double[,] m, double[][] j) => m[0, 0] * j[0][0] + m.GetLength(0); } }",
            "using GradGen; [Differentiable] static double Top(double x) => x;",
            "using GradGen; partial class C { [Differentiable] static double",
            "[GradGen.Differentiable] partial class C { }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { unsafe { double* p = &x; return *p; } } }",
            "using GradGen; partial class C { [Differentiable] static double F(System.Func<double, double> f, double x) => f(x); }",
            "using GradGen; partial class C { [Differentiable] static double F(double x) { System.Action a = delegate { }; return x; } }",
            "using GradGen; partial class C { event System.Action E; [Differentiable] double F(double x) { E += () => { }; return x; } }",
        };

        public static TheoryData<string> Snippets => new TheoryData<string>(Sources);

        [Theory]
        [MemberData(nameof(Snippets))]
        public void NothingCrashes(string source)
        {
            var compilation = Harness.Compile(source);
            var fromAnalyzer = Harness.Analyze(compilation);
            var (fromGenerator, _, _) = Harness.Generate(compilation);
            Assert.DoesNotContain(fromAnalyzer, d => d.Id == "GG9999");
            Assert.DoesNotContain(fromGenerator, d => d.Id == "GG9999");
            // Every diagnostic is located in the source.
            Assert.All(fromAnalyzer, d => Assert.True(d.Location.IsInSource, d.ToString()));
        }

        [Fact]
        public void AllSnippetsInOneFile()
        {
            // The same garbage in one compilation unit (one file, many broken classes).
            var source = string.Join("\n", Sources);
            var compilation = Harness.Compile(source);
            var fromAnalyzer = Harness.Analyze(compilation);
            var (fromGenerator, _, _) = Harness.Generate(compilation);
            Assert.DoesNotContain(fromAnalyzer.Concat(fromGenerator), d => d.Id == "GG9999");
        }
    }
}
