using System.Text;

namespace GradGen.EndToEnd.Tests.Fuzz
{
    /// <summary>
    /// Turns a <see cref="RandomProgramGenerator"/> template into C#: one partial class per program
    /// holding the [Differentiable] method F, its forward-mode twin FTwin on the dual D, and
    /// array-only harness methods (reflection cannot pass a Span) that run FGradient, FPullback, F
    /// and the twin.
    /// </summary>
    internal static class RandomProgramSource
    {
        public const string Namespace = "GradGenFuzz";

        /// <summary>A forward-mode dual with one tangent; the same conventions as docs/reference.md §4.</summary>
        public const string DualSource = @"
    public readonly struct D
    {
        public readonly double V;
        public readonly double T;
        public D(double v, double t) { V = v; T = t; }
        public static implicit operator D(double c) => new D(c, 0);
        public static D operator +(D p, D q) => new D(p.V + q.V, p.T + q.T);
        public static D operator -(D p, D q) => new D(p.V - q.V, p.T - q.T);
        public static D operator -(D p) => new D(-p.V, -p.T);
        public static D operator *(D p, D q) => new D(p.V * q.V, p.T * q.V + p.V * q.T);
        public static D operator /(D p, D q) { double v = p.V / q.V; return new D(v, (p.T - v * q.T) / q.V); }
        public static bool operator <(D p, D q) => p.V < q.V;
        public static bool operator >(D p, D q) => p.V > q.V;
        public static D Sin(D p) => new D(System.Math.Sin(p.V), System.Math.Cos(p.V) * p.T);
        public static D Cos(D p) => new D(System.Math.Cos(p.V), -System.Math.Sin(p.V) * p.T);
        public static D Exp(D p) { double e = System.Math.Exp(p.V); return new D(e, e * p.T); }
        public static D Log(D p) => new D(System.Math.Log(p.V), p.T / p.V);
        public static D Sqrt(D p) { double s = System.Math.Sqrt(p.V); return new D(s, 0.5 / s * p.T); }
        public static D Tanh(D p) { double h = System.Math.Tanh(p.V); return new D(h, (1 - h * h) * p.T); }
        public static D Abs(D p) => p.V > 0 ? p : p.V < 0 ? -p : new D(0, 0);
        public static D Max(D p, D q) => p.V >= q.V ? p : q;
        public static D Min(D p, D q) => p.V <= q.V ? p : q;
    }
";

        public static string ClassName(int seed) => "P" + seed;

        /// <summary>The method under test alone, as a user would write it (for failure messages).</summary>
        public static string Method(string template, int scalars)
        {
            return "[Differentiable]\npublic static double F(" + Parameters(scalars, "double") + ")\n{\n"
                + Instantiate(template, "double", "Math") + "}\n";
        }

        public static string Class(int seed, string template, int scalars)
        {
            var sb = new StringBuilder();
            sb.Append("    public static partial class ").Append(ClassName(seed)).Append("\n    {\n");
            sb.Append("        [Differentiable]\n        public static double F(").Append(Parameters(scalars, "double")).Append(")\n        {\n");
            sb.Append(Instantiate(template, "double", "Math"));
            sb.Append("        }\n\n");
            sb.Append("        public static D FTwin(").Append(Parameters(scalars, "D")).Append(")\n        {\n");
            sb.Append(Instantiate(template, "D", "D"));
            sb.Append("        }\n\n");

            string args = Args(scalars);

            // The harness must compile before the generator runs (InMemoryGenerator checks the input),
            // so it reaches the generated methods through delegates bound by reflection.
            sb.Append("        public delegate double GradFn(").Append(Parameters(scalars, "double"));
            for (int k = 0; k < scalars; k++)
            {
                sb.Append(", out double g").Append(k);
            }

            sb.Append(", Span<double> gx);\n");
            sb.Append("        public delegate double PullFn(").Append(Parameters(scalars, "double")).Append(", double seed");
            for (int k = 0; k < scalars; k++)
            {
                sb.Append(", ref double g").Append(k);
            }

            sb.Append(", Span<double> gx);\n");
            sb.Append("        private static T Bind<T>(string name) where T : Delegate => (T)Delegate.CreateDelegate(typeof(T), typeof(")
                .Append(ClassName(seed)).Append(").GetMethod(name)!);\n");
            sb.Append("        private static readonly GradFn GradD = Bind<GradFn>(\"FGradient\");\n");
            sb.Append("        private static readonly PullFn PullD = Bind<PullFn>(\"FPullback\");\n\n");

            // [value, dF/da, dF/db, ..., dF/dx[0], ...]
            sb.Append("        public static double[] Rev(double[] p, double[] x)\n        {\n");
            sb.Append("            var r = new double[1 + p.Length + x.Length];\n");
            sb.Append("            var gx = new double[x.Length];\n");
            sb.Append("            r[0] = GradD(").Append(args).Append(", x");
            for (int k = 0; k < scalars; k++)
            {
                sb.Append(", out r[").Append(1 + k).Append(']');
            }

            sb.Append(", gx);\n");
            sb.Append("            gx.CopyTo(r, 1 + p.Length);\n            return r;\n        }\n\n");

            // FPullback adds seed * gradient to outputs that start at `start`
            sb.Append("        public static double[] Pull(double[] p, double[] x, double seed, double start)\n        {\n");
            sb.Append("            var r = new double[1 + p.Length + x.Length];\n");
            sb.Append("            var gx = new double[x.Length];\n");
            sb.Append("            for (int k = 0; k < r.Length; k++) r[k] = start;\n");
            sb.Append("            for (int k = 0; k < gx.Length; k++) gx[k] = start;\n");
            sb.Append("            r[0] = PullD(").Append(args).Append(", x, seed");
            for (int k = 0; k < scalars; k++)
            {
                sb.Append(", ref r[").Append(1 + k).Append(']');
            }

            sb.Append(", gx);\n");
            sb.Append("            gx.CopyTo(r, 1 + p.Length);\n            return r;\n        }\n\n");

            sb.Append("        public static double Plain(double[] p, double[] x) => F(").Append(args).Append(", x);\n\n");

            // forward mode, one tangent direction per input
            sb.Append("        public static double[] Fwd(double[] p, double[] x)\n        {\n");
            sb.Append("            var r = new double[1 + p.Length + x.Length];\n");
            sb.Append("            for (int d = 0; d < p.Length + x.Length; d++)\n            {\n");
            sb.Append("                var dp = new D[p.Length];\n");
            sb.Append("                for (int k = 0; k < p.Length; k++) dp[k] = new D(p[k], k == d ? 1 : 0);\n");
            sb.Append("                var dx = new D[x.Length];\n");
            sb.Append("                for (int k = 0; k < x.Length; k++) dx[k] = new D(x[k], p.Length + k == d ? 1 : 0);\n");
            sb.Append("                D y = FTwin(");
            for (int k = 0; k < scalars; k++)
            {
                sb.Append("dp[").Append(k).Append("], ");
            }

            sb.Append("dx);\n");
            sb.Append("                r[0] = y.V;\n                r[1 + d] = y.T;\n            }\n");
            sb.Append("            return r;\n        }\n    }\n\n");
            return sb.ToString();
        }

        public static string Unit(string classes)
        {
            return "using System;\nusing GradGen;\n\nnamespace " + Namespace + "\n{\n" + DualSource + "\n" + classes + "}\n";
        }

        private static string Instantiate(string template, string type, string math)
        {
            return template.Replace("§T", type).Replace("§M", math);
        }

        private static string Parameters(int scalars, string type)
        {
            var sb = new StringBuilder();
            for (int k = 0; k < scalars; k++)
            {
                sb.Append(type).Append(' ').Append((char)('a' + k)).Append(", ");
            }

            return sb.Append(type).Append("[] x").ToString();
        }

        private static string Args(int scalars)
        {
            var sb = new StringBuilder();
            for (int k = 0; k < scalars; k++)
            {
                sb.Append(k == 0 ? "" : ", ").Append("p[").Append(k).Append(']');
            }

            return sb.ToString();
        }
    }
}
