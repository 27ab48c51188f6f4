using System;
using System.Globalization;
using System.Reflection;
using System.Runtime.Versioning;
using GradGen;

// Prints what .ci/run asserts: the framework this build targets, the one GradGen.Runtime was built
// for, and gradients from the generated methods (so the generator ran in this build).
static string Framework(Assembly assembly) => assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? "?";
static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

Console.WriteLine("consumer built for " + Framework(typeof(Losses).Assembly) + ", GradGen.Runtime built for " + Framework(typeof(GradMath).Assembly));

double f = Losses.RosenbrockGradient(-1.2, 1.0, out double dx, out double dy);
Console.WriteLine("rosenbrock at (-1.2, 1): f = " + N(f) + ", gradient = (" + N(dx) + ", " + N(dy) + ")");

// An array parameter: the generated code checks shapes with GradGen.Runtime; compare with central
// differences from GradGen.Runtime's GradientCheck.
double[] w = { 0.3, -0.2, 0.1 };
double[][] xs = { new[] { 1.0, 2.0, -1.0 }, new[] { -0.5, 0.4, 2.0 } };
double[] ys = { 1.0, -1.0 };
double[] gradW = new double[w.Length];
Losses.LogisticGradient(w, xs, ys, gradW);
double[] numeric = GradientCheck.CentralDifferences(v => Losses.Logistic(v, xs, ys), w);
double worst = 0;
for (int i = 0; i < w.Length; i++) worst = Math.Max(worst, GradientCheck.RelativeError(gradW[i], numeric[i]));
Console.WriteLine("logistic gradient vs central differences: " + (worst < 1e-6 ? "agree" : "DIFFER (" + worst + ")"));

bool ok = Math.Abs(dx + 215.6) < 1e-9 && Math.Abs(dy + 88) < 1e-9 && worst < 1e-6;
return ok ? 0 : 1;

public static partial class Losses
{
    [Differentiable]
    public static double Rosenbrock(double x, double y)
    {
        double a = 1 - x, b = y - x * x;
        return a * a + 100 * b * b;
    }

    [Differentiable(nameof(w))]
    public static double Logistic(double[] w, double[][] xs, double[] ys)
    {
        double sum = 0;
        for (int n = 0; n < xs.Length; n++)
        {
            double s = 0;
            for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
            sum += Math.Log(1 + Math.Exp(-ys[n] * s));
        }
        return sum / xs.Length;
    }
}
