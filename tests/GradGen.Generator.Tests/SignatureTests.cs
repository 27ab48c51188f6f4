using System;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// The generated signatures keep what the original's say (nullable annotations, default values,
    /// parameter documentation), and compile without a warning under Nullable enable with
    /// documentation diagnostics on, as a project with warnings as errors builds them.
    /// </summary>
    public sealed class SignatureTests
    {
        private static GeneratorRun RunWithDocs(string source)
        {
            var parse = Harness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
            var input = CSharpCompilation.Create("SignatureTests", new[] { CSharpSyntaxTree.ParseText(source, parse, "/src/Input.cs") },
                Harness.References, Harness.CompilationOptions);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: parse);
            driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out _);
            var run = new GeneratorRun(input, output, driver);
            Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + Harness.Format(run.GeneratorDiagnostics));
            Assert.True(run.OutputDiagnostics.IsEmpty, "The output compilation must have no errors and no warnings:\n" + Harness.Format(run.OutputDiagnostics)
                + "\n" + string.Join("\n", run.GeneratedSources.Select(s => s.SourceText.ToString())));
            return run;
        }

        private const string Scaled = @"using System;
using GradGen;

namespace Samples
{
    /// <summary>Losses.</summary>
    public static partial class Losses
    {
        /// <summary>A weighted, scaled square.</summary>
        /// <param name=""x"">The point, in <see cref=""Math""/> units.</param>
        /// <param name=""weights"">Optional weights,
        ///   one per term (null: all 1).</param>
        /// <param name=""scale"">Multiplies <paramref name=""x""/>.</param>
        /// <returns>The loss.</returns>
        [Differentiable(nameof(x))]
        public static double Scaled(double x, double[]? weights = null, double scale = 2.0)
        {
            double w = 1.0;
            if (weights is not null) w = weights[0];
            return w * scale * x * x;
        }

        /// <summary>Uses every overload as the original can be called.</summary>
        public static double Callers()
        {
            double a = ScaledGradient(1.0, out double g1);
            double b = ScaledGradient(1.0, null, out double g2);
            double c = ScaledGradient(1.0, new[] { 3.0 }, 0.5, out double g3);
            double d = 0;
            double e = ScaledPullback(1.0, 1.0, ref d);
            return a + b + c + e + g1 + g2 + g3 + d;
        }
    }
}
";

        [Fact]
        public void DefaultValues_BecomeOverloadsThatLeaveThemOut()
        {
            var run = RunWithDocs(Scaled);
            var type = run.Output.GetTypeByMetadataName("Samples.Losses")!;
            static string Shape(IMethodSymbol m) => string.Join(", ", m.Parameters.Select(p => p.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat
                .AddParameterOptions(SymbolDisplayParameterOptions.IncludeDefaultValue)
                .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier))));
            var gradients = type.GetMembers("ScaledGradient").OfType<IMethodSymbol>().Select(Shape).OrderBy(s => s.Length).ToList();
            Assert.Equal(new[]
            {
                "double x, out double gradX",
                "double x, double[]? weights, out double gradX",
                "double x, double[]? weights, double scale, out double gradX",
            }, gradients);
            Assert.Equal(3, type.GetMembers("ScaledPullback").Length);
            string text = run.Source("Losses.Scaled.g.cs");
            Assert.Contains("return ScaledGradient(x, (double[]?)null, 2.0, out gradX);", text);
        }

        [Fact]
        public void NullableAnnotations_AreKept()
        {
            var run = RunWithDocs(Scaled);
            var type = run.Output.GetTypeByMetadataName("Samples.Losses")!;
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.Name.StartsWith("Scaled", StringComparison.Ordinal) && m.Name != "Scaled"))
            {
                var weights = method.Parameters.FirstOrDefault(p => p.Name == "weights");
                if (weights is not null) Assert.Equal(NullableAnnotation.Annotated, weights.NullableAnnotation);
            }
        }

        [Fact]
        public void EveryGeneratedParameter_IsDocumented_WithTheUsersTextWhenThereIsOne()
        {
            var run = RunWithDocs(Scaled + @"
namespace Samples
{
    /// <summary>Vector maps.</summary>
    public static partial class Maps
    {
        /// <summary>Elementwise square.</summary>
        [Differentiable]
        public static void Square(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < x.Length; i++) y[i] = x[i] * x[i];
        }
    }
}
");
            int checkedMethods = 0;
            foreach (var name in new[] { "Samples.Losses", "Samples.Maps" })
            {
                var type = run.Output.GetTypeByMetadataName(name)!;
                foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.GetAttributes().Any(a => a.AttributeClass?.Name == "GeneratedCodeAttribute")))
                {
                    var xml = XElement.Parse(method.GetDocumentationCommentXml()!);
                    var documented = xml.Elements("param").ToDictionary(e => (string)e.Attribute("name")!, e => string.Concat(e.Nodes()).Trim());
                    Assert.Equal(method.Parameters.Select(p => p.Name), documented.Keys);
                    Assert.All(documented, d => Assert.False(string.IsNullOrWhiteSpace(d.Value), method.Name + "'s " + d.Key + " has an empty <param>"));
                    if (documented.ContainsKey("x") && name == "Samples.Losses")
                        Assert.Equal("The point, in <see cref=\"T:System.Math\" /> units.", documented["x"]);
                    if (documented.ContainsKey("weights"))
                        Assert.Equal("Optional weights, one per term (null: all 1).", documented["weights"]);
                    if (documented.ContainsKey("seed")) Assert.Contains("adjoint of the result", documented["seed"], StringComparison.Ordinal);
                    if (documented.ContainsKey("seedY")) Assert.Contains("adjoint of the output", documented["seedY"], StringComparison.Ordinal);
                    if (documented.ContainsKey("gradX")) Assert.Contains(name == "Samples.Losses" ? "∂Scaled/∂x" : "Jᵀ·seed", documented["gradX"], StringComparison.Ordinal);
                    checkedMethods++;
                }
            }
            // Losses: 3 Gradient and 3 Pullback overloads; Maps: Pullback and Jacobian.
            Assert.Equal(8, checkedMethods);
        }

        /// <summary>
        /// Default values the caller leaves out are written into the generated code as literals:
        /// every double must print as valid C# (1e20 as "1E+20", not "1E+20.0"; infinities and NaN by name).
        /// </summary>
        [Theory]
        [InlineData("1e20")]
        [InlineData("-2.5e-30")]
        [InlineData("double.PositiveInfinity")]
        [InlineData("double.NaN")]
        [InlineData("3.0")]
        public void OmittedDefaultArguments_PrintAsValidLiterals(string value)
        {
            var run = Harness.Run(new SourceFile("/src/Defaults.cs", @"using System;
using GradGen;

public static partial class Defaults
{
    [Differentiable(nameof(x))]
    public static double Callee(double x, double c = " + value + @") => x * x + (c > 0 ? 1.0 : 2.0) * x;

    [Differentiable]
    public static double ViaCallee(double x) => Callee(x);

    [Differentiable]
    public static double ViaLocalFunction(double x)
    {
        double Local(double v, double c = " + value + @") => v * v + (c > 0 ? 1.0 : 2.0) * v;
        return Local(x);
    }
}
"));
            Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + Harness.Format(run.GeneratorDiagnostics));
            Assert.True(run.HasSource("Defaults.ViaCallee.g.cs") && run.HasSource("Defaults.ViaLocalFunction.g.cs"), "generated: " + string.Join(", ", run.HintNames));
            Assert.True(run.ErrorsInGeneratedCode.IsEmpty, "errors in generated code:\n" + Harness.Format(run.ErrorsInGeneratedCode)
                + "\n" + string.Join("\n", run.GeneratedSources.Select(s => s.SourceText.ToString())));
        }
    }
}

