using System;
using GradGen;

namespace Quickstart;

/// <summary>The losses of the quickstart: ordinary C#, marked [Differentiable].</summary>
public static partial class Losses
{
    /// <summary>Mean logistic loss of a linear classifier: (1/N) Σ ln(1 + exp(−yₙ wᵀxₙ)).</summary>
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

    /// <summary>The Rosenbrock banana function, the classic test of optimizers.</summary>
    [Differentiable]
    public static double Rosenbrock(double x, double y)
    {
        double a = 1 - x;
        double b = y - x * x;
        return a * a + 100 * b * b;
    }
}
