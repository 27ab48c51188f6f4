using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Parse
{
    /// <summary>
    /// The derivative table for System.Math and System.MathF, as data: one C# template per argument,
    /// with {0}, {1}, … for the arguments and {r} for the result (so the derivative of Exp reuses the
    /// computed exponential). Non-smooth points follow one convention: Abs'(0) = 0, and Max/Min on a
    /// tie pass the derivative to the first argument. [Derivative] attributes on user and GradMath
    /// methods take the same road.
    /// </summary>
    internal static class KnownDerivatives
    {
        private const string M = "global::System.Math.";

        private static readonly Dictionary<string, string[]> MathTable = new Dictionary<string, string[]>
        {
            ["Exp/1"] = new[] { "{r}" },
            ["Log/1"] = new[] { "1.0 / {0}" },
            ["Log/2"] = new[] { "1.0 / ({0} * " + M + "Log({1}))", "-{r} / ({1} * " + M + "Log({1}))" },
            ["Log10/1"] = new[] { "1.0 / ({0} * 2.302585092994046)" },
            ["Log2/1"] = new[] { "1.0 / ({0} * 0.6931471805599453)" },
            ["Sqrt/1"] = new[] { "0.5 / {r}" },
            ["Cbrt/1"] = new[] { "1.0 / (3.0 * {r} * {r})" },
            // x^0 and 0^y (y > 0) are constant in the other argument: avoid 0·∞ = NaN there.
            ["Pow/2"] = new[] { "({1} == 0.0 ? 0.0 : {1} * " + M + "Pow({0}, {1} - 1.0))", "({r} == 0.0 ? 0.0 : {r} * " + M + "Log({0}))" },
            ["Sin/1"] = new[] { M + "Cos({0})" },
            ["Cos/1"] = new[] { "-" + M + "Sin({0})" },
            ["Tan/1"] = new[] { "1.0 + {r} * {r}" },
            ["Asin/1"] = new[] { "1.0 / " + M + "Sqrt(1.0 - {0} * {0})" },
            ["Acos/1"] = new[] { "-1.0 / " + M + "Sqrt(1.0 - {0} * {0})" },
            ["Atan/1"] = new[] { "1.0 / (1.0 + {0} * {0})" },
            ["Atan2/2"] = new[] { "{1} / ({0} * {0} + {1} * {1})", "-{0} / ({0} * {0} + {1} * {1})" },
            ["Sinh/1"] = new[] { M + "Cosh({0})" },
            ["Cosh/1"] = new[] { M + "Sinh({0})" },
            ["Tanh/1"] = new[] { "1.0 - {r} * {r}" },
            ["Asinh/1"] = new[] { "1.0 / " + M + "Sqrt({0} * {0} + 1.0)" },
            ["Acosh/1"] = new[] { "1.0 / " + M + "Sqrt({0} * {0} - 1.0)" },
            ["Atanh/1"] = new[] { "1.0 / (1.0 - {0} * {0})" },
            ["Abs/1"] = new[] { "({0} > 0.0 ? 1.0 : {0} < 0.0 ? -1.0 : 0.0)" },
            ["Max/2"] = new[] { "({0} >= {1} ? 1.0 : 0.0)", "({0} >= {1} ? 0.0 : 1.0)" },
            ["Min/2"] = new[] { "({0} <= {1} ? 1.0 : 0.0)", "({0} <= {1} ? 0.0 : 1.0)" },
            ["Clamp/3"] = new[] { "({0} >= {1} && {0} <= {2} ? 1.0 : 0.0)", "({0} < {1} ? 1.0 : 0.0)", "({0} > {2} ? 1.0 : 0.0)" },
            ["FusedMultiplyAdd/3"] = new[] { "{1}", "{0}", "1.0" },
            ["CopySign/2"] = new[] { "(({0} < 0.0) == ({1} < 0.0) ? 1.0 : -1.0)", "" },
            // double.Hypot only; at the origin, where it has no derivative, pass zero.
            ["Hypot/2"] = new[] { "({r} == 0.0 ? 0.0 : {0} / {r})", "({r} == 0.0 ? 0.0 : {1} / {r})" },
        };

        /// <summary>The table as trees, parsed once: a bad entry is a bug in GradGen, found by the first test.</summary>
        private static readonly Dictionary<string, Expr[]> MathRules = ParseTable();

        private static Dictionary<string, Expr[]> ParseTable()
        {
            var rules = new Dictionary<string, Expr[]>();
            foreach (var kv in MathTable)
            {
                var types = kv.Value.Select(_ => Ty.Double).ToArray();
                rules[kv.Key] = kv.Value
                    .Select(t => t.Length == 0 ? NoPartial.Instance : DerivativeRules.Parse(t, types, Ty.Double, out var error) ?? throw new System.InvalidOperationException(kv.Key + ": " + error))
                    .ToArray();
            }
            return rules;
        }

        /// <summary>Functions whose derivative is zero almost everywhere: the gradient stops there (a warning when active).</summary>
        private static readonly HashSet<string> StepFunctions = new HashSet<string>
        {
            "Floor", "Ceiling", "Round", "Truncate", "Sign",
        };

        /// <summary>
        /// System.Math and System.MathF, and the generic-math statics of double and float
        /// (<c>double.Sqrt</c>, <c>float.Exp</c>, <c>double.Hypot</c>…), which are the same functions.
        /// </summary>
        public static bool IsMathType(INamedTypeSymbol? type)
        {
            if (type is null) return false;
            if (type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single) return true;
            string name = type.ToDisplayString();
            return name == "System.Math" || name == "System.MathF";
        }

        /// <summary>The Math function a library call can be rewritten with, for GG0008's suggestion, or null.</summary>
        public static string? MathEquivalent(IMethodSymbol method)
            => MathTable.ContainsKey(method.Name + "/" + method.Parameters.Length) || StepFunctions.Contains(method.Name) ? "Math." + method.Name : null;

        /// <summary>The partial derivatives of a Math/MathF function as trees over its arguments, or null if it has none.</summary>
        public static Expr[]? ForMath(IMethodSymbol method)
        {
            if (!IsMathType(method.ContainingType) || !method.IsStatic) return null;
            return MathRules.TryGetValue(method.Name + "/" + method.Parameters.Length, out var rules) ? rules : null;
        }

        /// <summary>A one-argument function of the table as a call: <c>owner.Sin(x)</c> (for Math.SinCos's two halves).</summary>
        public static Model.ElemCall MathCall(string owner, string name, Model.Expr argument, Model.Ty type)
            => new Model.ElemCall(owner + "." + name, Model.EquatableArray.Create(argument), Model.EquatableArray.Create(MathRules[name + "/1"]), type);

        public static bool IsStepFunction(IMethodSymbol method)
            => IsMathType(method.ContainingType) && method.IsStatic && StepFunctions.Contains(method.Name);

        /// <summary>
        /// The partials declared with [GradGen.Derivative(...)] on the method, parsed into trees, or
        /// null; <paramref name="error"/> says which template is not a usable C# expression.
        /// </summary>
        public static Expr[]? FromAttribute(IMethodSymbol method, out string? error)
        {
            error = null;
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != "GradGen.DerivativeAttribute") continue;
                if (attribute.ConstructorArguments.Length != 1) return null;
                var arg = attribute.ConstructorArguments[0];
                var types = method.Parameters.Select(p => TypeMapper.Map(p.Type)).ToArray();
                var resultType = TypeMapper.Map(method.ReturnType);
                var result = method.Parameters.Select(_ => (Expr)NoPartial.Instance).ToArray();
                if (arg.Kind == TypedConstantKind.Array && !arg.IsNull)
                {
                    for (int i = 0; i < result.Length && i < arg.Values.Length; i++)
                    {
                        string template = arg.Values[i].Value as string ?? "";
                        if (template.Trim().Length == 0) continue;
                        var rule = DerivativeRules.Parse(template, types, resultType, out var reason);
                        if (rule is null)
                        {
                            error = "of '" + method.Name + "' for its parameter '" + method.Parameters[i].Name + "' (it " + reason + ")";
                            return null;
                        }
                        result[i] = rule;
                    }
                }
                return result;
            }
            return null;
        }
    }
}
