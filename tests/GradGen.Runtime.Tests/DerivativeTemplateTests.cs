using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GradGen.Runtime.Tests
{
    /// <summary>
    /// The [Derivative] templates of GradMath: their exact text (the generator's contract), and their
    /// meaning: each template is compiled the way the generator pastes it, then evaluated against
    /// central differences of the function it belongs to.
    /// </summary>
    public class DerivativeTemplateTests : IClassFixture<DerivativeTemplateTests.CompiledTemplates>
    {
        /// <summary>The expected templates, keyed by "Name(parameter types)".</summary>
        private static readonly Dictionary<string, string?[]> Expected = new()
        {
            ["Sigmoid(Double)"] = ["{r} * (1.0 - {r})"],
            ["Sigmoid(Single)"] = ["{r} * (1f - {r})"],
            ["Softplus(Double)"] = ["global::GradGen.GradMath.Sigmoid({0})"],
            ["Softplus(Single)"] = ["global::GradGen.GradMath.Sigmoid({0})"],
            ["Softplus(Double,Double)"] =
            [
                "global::GradGen.GradMath.Sigmoid(({1}) * ({0}))",
                "(({0}) * global::GradGen.GradMath.Sigmoid(({1}) * ({0})) - {r}) / ({1})",
            ],
            ["Softplus(Single,Single)"] =
            [
                "global::GradGen.GradMath.Sigmoid(({1}) * ({0}))",
                "(({0}) * global::GradGen.GradMath.Sigmoid(({1}) * ({0})) - {r}) / ({1})",
            ],
            ["Relu(Double)"] = ["({0}) > 0.0 ? 1.0 : 0.0"],
            ["Relu(Single)"] = ["({0}) > 0f ? 1f : 0f"],
            ["LeakyRelu(Double,Double)"] = ["({0}) > 0.0 ? 1.0 : ({1})", "({0}) > 0.0 ? 0.0 : ({0})"],
            ["LeakyRelu(Single,Single)"] = ["({0}) > 0f ? 1f : ({1})", "({0}) > 0f ? 0f : ({0})"],
            ["Erf(Double)"] = ["1.1283791670955126 * global::System.Math.Exp(-({0}) * ({0}))"],
            ["Erf(Single)"] = ["1.1283792f * global::System.MathF.Exp(-({0}) * ({0}))"],
            ["Erfc(Double)"] = ["-1.1283791670955126 * global::System.Math.Exp(-({0}) * ({0}))"],
            ["Erfc(Single)"] = ["-1.1283792f * global::System.MathF.Exp(-({0}) * ({0}))"],
        };

        /// <summary>Sample points per function, away from the kinks of Relu and LeakyRelu.</summary>
        private static readonly double[] Points =
            [-30, -12.5, -6, -3.7, -2, -1, -0.61, -0.3, -1e-3, 1e-3, 0.2, 0.4, 0.9, 1, 1.3, 2.5, 3.1, 7, 12.5, 25];

        // Below 0.1, Softplus(x, β) varies on a scale shorter than the central-difference step (∛ε · max(1, β)).
        private static readonly double[] SecondArguments = [0.1, 0.2, 0.5, 1, 3];

        private readonly CompiledTemplates _templates;

        public DerivativeTemplateTests(CompiledTemplates templates) => _templates = templates;

        [Fact]
        public void Templates_are_exactly_the_documented_ones()
        {
            Dictionary<string, string?[]> actual = DerivativeMethods()
                .ToDictionary(m => Key(m), m => m.GetCustomAttribute<DerivativeAttribute>()!.Partials);

            Assert.Equal(Expected.Keys.Order(), actual.Keys.Order());
            foreach ((string key, string?[] partials) in Expected)
            {
                Assert.Equal(partials, actual[key]);
            }
        }

        [Fact]
        public void Every_public_function_declares_its_derivative_or_a_pullback()
        {
            foreach (MethodInfo m in typeof(GradMath).GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                if (m.Name.EndsWith("Pullback", StringComparison.Ordinal))
                {
                    continue;
                }

                if (m.GetCustomAttribute<CustomPullbackAttribute>() != null)
                {
                    // The companion has the generated-contract signature: inputs, seed, one gradient output.
                    MethodInfo? pullback = typeof(GradMath).GetMethod(
                        m.Name + "Pullback", [typeof(ReadOnlySpan<double>), typeof(double), typeof(Span<double>)]);
                    Assert.NotNull(pullback);
                    Assert.Equal(typeof(double), pullback!.ReturnType);
                    Assert.Equal("gradA", pullback.GetParameters()[2].Name);
                    continue;
                }

                DerivativeAttribute? derivative = m.GetCustomAttribute<DerivativeAttribute>();
                Assert.True(derivative != null, $"{Key(m)} has no [Derivative]");
                Assert.Equal(m.GetParameters().Length, derivative!.Partials.Length);
            }
        }

        [Fact]
        public void Templates_compile_as_pasted_into_generated_code()
        {
            Assert.True(_templates.Diagnostics.Length == 0, string.Join(Environment.NewLine, _templates.Diagnostics));
        }

        [Fact]
        public void Double_templates_match_central_differences()
        {
            int checkedCount = 0;
            foreach (MethodInfo function in DerivativeMethods().Where(m => m.ReturnType == typeof(double)))
            {
                foreach (double[] args in Arguments(function))
                {
                    double result = (double)function.Invoke(null, args.Cast<object>().ToArray())!;
                    for (int p = 0; p < args.Length; p++)
                    {
                        double template = _templates.Evaluate(function, p, args, result);
                        int index = p;
                        double numerical = GradientCheck.Derivative(
                            v =>
                            {
                                object[] shifted = args.Cast<object>().ToArray();
                                shifted[index] = v;
                                return (double)function.Invoke(null, shifted)!;
                            },
                            args[p]);
                        double error = GradientCheck.RelativeError(template, numerical);
                        Assert.True(
                            error <= 1e-7,
                            $"∂{Key(function)}/∂arg{p} at ({string.Join(", ", args)}): template {template:R}, "
                            + $"central difference {numerical:R}, rel. error {error:R}");
                        checkedCount++;
                    }
                }
            }

            Assert.True(checkedCount > 300, $"only {checkedCount} partials checked");
        }

        [Fact]
        public void Float_templates_agree_with_the_double_ones()
        {
            foreach (MethodInfo single in DerivativeMethods().Where(m => m.ReturnType == typeof(float)))
            {
                Type[] doubles = single.GetParameters().Select(_ => typeof(double)).ToArray();
                MethodInfo twin = typeof(GradMath).GetMethod(single.Name, doubles)!;
                foreach (double[] args in Arguments(single))
                {
                    object[] floatArgs = args.Select(a => (object)(float)a).ToArray();
                    double[] rounded = args.Select(a => (double)(float)a).ToArray();
                    float floatResult = (float)single.Invoke(null, floatArgs)!;
                    double doubleResult = (double)twin.Invoke(null, rounded.Cast<object>().ToArray())!;
                    for (int p = 0; p < args.Length; p++)
                    {
                        double fromFloat = _templates.Evaluate(single, p, floatArgs, floatResult);
                        double fromDouble = _templates.Evaluate(twin, p, rounded, doubleResult);
                        // Loose: float arithmetic, and the ∂β template of Softplus cancels (x·σ(βx) ≈ r).
                        // A wrong formula would differ in the leading digits.
                        Assert.True(
                            GradientCheck.RelativeError(fromFloat, fromDouble) <= 1e-4,
                            $"∂{Key(single)}/∂arg{p} at ({string.Join(", ", args)}): float {fromFloat:R}, double {fromDouble:R}");
                    }
                }
            }
        }

        [Fact]
        public void Kinks_follow_the_documented_convention()
        {
            MethodInfo relu = typeof(GradMath).GetMethod(nameof(GradMath.Relu), [typeof(double)])!;
            MethodInfo leaky = typeof(GradMath).GetMethod(nameof(GradMath.LeakyRelu), [typeof(double), typeof(double)])!;

            Assert.Equal(0.0, _templates.Evaluate(relu, 0, [0.0], 0.0));        // Relu'(0) = 0
            Assert.Equal(0.2, _templates.Evaluate(leaky, 0, [0.0, 0.2], 0.0));  // LeakyRelu'(0) = slope
            Assert.Equal(0.0, _templates.Evaluate(leaky, 1, [0.0, 0.2], 0.0));  // ∂/∂slope at 0 = x = 0
            Assert.Equal(-3.0, _templates.Evaluate(leaky, 1, [-3.0, 0.2], -0.6));
        }

        private static IEnumerable<MethodInfo> DerivativeMethods() =>
            typeof(GradMath).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.GetCustomAttribute<DerivativeAttribute>() != null);

        private static string Key(MethodInfo m) =>
            $"{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name))})";

        private static IEnumerable<double[]> Arguments(MethodInfo function)
        {
            int arity = function.GetParameters().Length;
            foreach (double x in Points)
            {
                if (arity == 1)
                {
                    yield return [x];
                }
                else
                {
                    foreach (double second in SecondArguments)
                    {
                        yield return [x, second];
                    }
                }
            }
        }

        /// <summary>
        /// Every template compiled into a method <c>T{i}_{p}(a0, …, r)</c>, substituting <c>{k}</c>
        /// by the identifier <c>ak</c> and <c>{r}</c> by <c>r</c>, as the generator does.
        /// </summary>
        public sealed class CompiledTemplates
        {
            private readonly Dictionary<(MethodInfo, int), MethodInfo> _compiled = new();

            public CompiledTemplates()
            {
                MethodInfo[] functions = DerivativeMethods().ToArray();
                var source = new StringBuilder("namespace TemplateProbe { public static class T {\n");
                var names = new Dictionary<(MethodInfo, int), string>();
                for (int i = 0; i < functions.Length; i++)
                {
                    MethodInfo f = functions[i];
                    string type = f.ReturnType == typeof(float) ? "float" : "double";
                    ParameterInfo[] parameters = f.GetParameters();
                    string parameterList = string.Join(", ", parameters.Select((_, k) => $"{type} a{k}")) + $", {type} r";
                    string?[] partials = f.GetCustomAttribute<DerivativeAttribute>()!.Partials;
                    for (int p = 0; p < partials.Length; p++)
                    {
                        string body = partials[p]!.Replace("{r}", "r", StringComparison.Ordinal);
                        for (int k = 0; k < parameters.Length; k++)
                        {
                            body = body.Replace("{" + k.ToString(CultureInfo.InvariantCulture) + "}", "a" + k, StringComparison.Ordinal);
                        }

                        string name = $"T{i}_{p}";
                        names[(f, p)] = name;
                        source.Append($"  public static {type} {name}({parameterList}) => {body};\n");
                    }
                }

                source.Append("} }\n");
                var compilation = CSharpCompilation.Create(
                    "TemplateProbe",
                    [CSharpSyntaxTree.ParseText(source.ToString())],
                    References(),
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                using var stream = new MemoryStream();
                var result = compilation.Emit(stream);
                Diagnostics = result.Diagnostics
                    .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.IsInSource)
                    .Select(d => d.ToString())
                    .ToArray();
                if (!result.Success)
                {
                    return;
                }

                Type probe = Assembly.Load(stream.ToArray()).GetType("TemplateProbe.T")!;
                foreach (((MethodInfo, int) key, string name) in names)
                {
                    _compiled[key] = probe.GetMethod(name)!;
                }
            }

            /// <summary>Warnings and errors in the template code.</summary>
            public string[] Diagnostics { get; }

            /// <summary>Evaluates the template for parameter <paramref name="p"/> of <paramref name="function"/>.</summary>
            public double Evaluate(MethodInfo function, int p, double[] args, double result) =>
                Evaluate(function, p, args.Cast<object>().ToArray(), (object)result);

            /// <summary>Evaluates a template with arguments of the function's own type.</summary>
            public double Evaluate(MethodInfo function, int p, object[] args, object result)
            {
                Assert.True(_compiled.ContainsKey((function, p)), "the templates did not compile");
                object value = _compiled[(function, p)].Invoke(null, [.. args, result])!;
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }

            private static IEnumerable<MetadataReference> References()
            {
                // The running framework's assemblies plus this test's dependencies (GradGen.Runtime, GradGen.Attributes).
                string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
                return tpa.Split(Path.PathSeparator)
                    .Append(typeof(GradMath).Assembly.Location)
                    .Distinct(StringComparer.Ordinal)
                    .Select(path => MetadataReference.CreateFromFile(path));
            }
        }
    }
}
