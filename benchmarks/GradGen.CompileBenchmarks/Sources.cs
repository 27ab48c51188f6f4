using System.Globalization;
using System.Text;

namespace GradGen.CompileBenchmarks
{
    /// <summary>The synthetic inputs: realistic [Differentiable] methods, one huge expression, deep nesting.</summary>
    public static class Sources
    {
        public const int MethodsPerFile = 8;

        /// <summary>File <paramref name="file"/> of a project of <paramref name="methods"/> methods, eight per file.</summary>
        public static string File(int file, int methods)
        {
            var text = new StringBuilder();
            text.Append("using System;\nusing GradGen;\n\nnamespace Synthetic\n{\n    public static partial class Models").Append(file).Append("\n    {\n");
            text.Append("        [Differentiable]\n        public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));\n\n");
            for (int k = 0; k < MethodsPerFile; k++)
            {
                int index = file * MethodsPerFile + k;
                if (index >= methods) break;
                Method(text, index);
            }
            text.Append("    }\n}\n");
            return text.ToString();
        }

        /// <summary>One method of 38 lines: two loops, a branch, Math calls, a call to a [Differentiable] helper.</summary>
        private static void Method(StringBuilder text, int i)
        {
            string c = (0.5 + i % 7).ToString(CultureInfo.InvariantCulture);
            text.Append(@"        /// <summary>Synthetic loss " + i + @".</summary>
        [Differentiable(nameof(w))]
        public static double Loss" + i + @"(double[] w, double[] x, double[] y, int n)
        {
            // Regularisation first, then the data term.
            double total = 0;
            double reg = 0;
            for (int j = 0; j < w.Length; j++)
            {
                reg += w[j] * w[j];
            }
            for (int i = 0; i < n; i++)
            {
                double z = " + c + @";
                for (int j = 0; j < w.Length; j++)
                {
                    z += w[j] * x[i * w.Length + j];
                }
                double p = Sigmoid(z);
                double e = p - y[i];
                double t = Math.Log(1 + Math.Exp(-Math.Abs(z))) + Math.Max(z, 0) - y[i] * z;
                if (e > 0.5)
                {
                    total += t * 1.5;
                }
                else
                {
                    total += t + e * e * 0.25;
                }
                double s = Math.Sin(z) * Math.Cos(z) + Math.Sqrt(1 + z * z);
                total += 0.01 * s;
            }
            double scale = Math.Tanh(reg / (1 + n));
            double result = total / Math.Max(n, 1) + 0.001 * reg * scale;
            return result;
        }

");
        }

        /// <summary>A sum of <paramref name="terms"/> products over four inputs.</summary>
        public static string HugeExpression(int terms)
        {
            var text = new StringBuilder("using System;\nusing GradGen;\n\npublic static partial class Huge\n{\n    [Differentiable]\n    public static double F(double a, double b, double c, double d)\n        => ");
            string[] vars = { "a", "b", "c", "d" };
            for (int k = 0; k < terms; k++)
            {
                if (k > 0) text.Append(k % 4 == 0 ? "\n           + " : " + ");
                text.Append((k % 13 + 1).ToString(CultureInfo.InvariantCulture)).Append(" * ").Append(vars[k % 4]).Append(" * ").Append(vars[(k / 4) % 4]);
            }
            text.Append(";\n}\n");
            return text.ToString();
        }

        /// <summary><c>Math.Sin(Math.Sin(… x …))</c> nested <paramref name="depth"/> deep.</summary>
        public static string NestedCalls(int depth)
            => "using System;\nusing GradGen;\n\npublic static partial class Deep\n{\n    [Differentiable]\n    public static double F(double x) => "
                + Repeat("Math.Sin(", depth) + "x" + new string(')', depth) + ";\n}\n";

        /// <summary><c>((…(x + 1) * x + 1)…)</c> nested <paramref name="depth"/> deep.</summary>
        public static string NestedParentheses(int depth)
        {
            var text = new StringBuilder("using System;\nusing GradGen;\n\npublic static partial class Parens\n{\n    [Differentiable]\n    public static double F(double x) => ");
            text.Append('(', depth).Append('x');
            for (int k = 0; k < depth; k++) text.Append(k % 2 == 0 ? " + 1)" : " * x)");
            text.Append(";\n}\n");
            return text.ToString();
        }

        private static string Repeat(string s, int n)
        {
            var text = new StringBuilder(s.Length * n);
            for (int k = 0; k < n; k++) text.Append(s);
            return text.ToString();
        }
    }
}
