using System;

namespace Worksheet;

/// <summary>The textbook answers to the course worksheet's exercises, written out by hand.</summary>
public static class ClosedForms
{
    public static double Sigma(double z) => 1.0 / (1.0 + Math.Exp(-z));

    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Row 2: ∂y_i/∂x_j = y_i(δ_ij − y_j).</summary>
    public static double[,] SoftmaxJacobian(double[] y)
    {
        var j = new double[y.Length, y.Length];
        for (int a = 0; a < y.Length; a++)
            for (int b = 0; b < y.Length; b++)
                j[a, b] = y[a] * ((a == b ? 1 : 0) - y[b]);
        return j;
    }

    /// <summary>The wrong hand derivation the worksheet warns about: y_i(1 + y_i) on the diagonal.</summary>
    public static double[,] SoftmaxJacobianWrongDiagonal(double[] y)
    {
        var j = SoftmaxJacobian(y);
        for (int a = 0; a < y.Length; a++) j[a, a] = y[a] * (1 + y[a]);
        return j;
    }

    public static double SoftplusDx(double x, double beta) => 1.0 / (1.0 + Math.Exp(-beta * x));

    public static double[] SumSoftplus(double[] w) => Array.ConvertAll(w, Sigma);

    public static double[] SqrtOnePlusNorm(double[] w)
    {
        double r = Math.Sqrt(1 + Dot(w, w));
        return Array.ConvertAll(w, wi => wi / r);
    }

    /// <summary>Row 6: 2(A + Aᵀ)v.</summary>
    public static double[] FourBilinear(double[,] A, double[] v)
    {
        int n = v.Length;
        var g = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) g[i] += 2 * (A[i, j] + A[j, i]) * v[j];
        return g;
    }

    /// <summary>Row 7: (A + Aᵀ)x + z.</summary>
    public static double[] QuadraticPlusLinear(double[] x, double[,] A, double[] z)
    {
        int n = x.Length;
        var g = (double[])z.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) g[i] += (A[i, j] + A[j, i]) * x[j];
        return g;
    }

    /// <summary>Row 8: (wᵀx − y)x.</summary>
    public static double[] HalfSquaredError(double[] w, double[] x, double y)
    {
        double r = Dot(w, x) - y;
        return Array.ConvertAll(x, xi => r * xi);
    }

    /// <summary>Row 9: Xᵀ(Xw − y).</summary>
    public static double[] LeastSquares(double[] w, double[,] X, double[] y)
    {
        var g = new double[w.Length];
        for (int n = 0; n < y.Length; n++)
        {
            double r = -y[n];
            for (int j = 0; j < w.Length; j++) r += X[n, j] * w[j];
            for (int j = 0; j < w.Length; j++) g[j] += X[n, j] * r;
        }
        return g;
    }

    /// <summary>Row 10: 2(Wx + b − y)xᵀ and 2(Wx + b − y).</summary>
    public static (double[,] W, double[] b) AffineSquaredError(double[,] W, double[] b, double[] x, double[] y)
    {
        var gW = new double[b.Length, x.Length];
        var gb = new double[b.Length];
        for (int i = 0; i < b.Length; i++)
        {
            double r = b[i] - y[i];
            for (int j = 0; j < x.Length; j++) r += W[i, j] * x[j];
            gb[i] = 2 * r;
            for (int j = 0; j < x.Length; j++) gW[i, j] = 2 * r * x[j];
        }
        return (gW, gb);
    }

    /// <summary>Row 11 (scale 1/N) and row 12 (scale 1, plus 2λw): Σ_n −y_n x_n σ(−y_n wᵀx_n).</summary>
    public static double[] Logistic(double[] w, double[][] xs, double[] ys, double scale, double lambda)
    {
        var g = new double[w.Length];
        for (int j = 0; j < w.Length; j++) g[j] = 2 * lambda * w[j];
        for (int n = 0; n < xs.Length; n++)
        {
            double c = -ys[n] * Sigma(-ys[n] * Dot(w, xs[n])) * scale;
            for (int j = 0; j < w.Length; j++) g[j] += c * xs[n][j];
        }
        return g;
    }

    /// <summary>Row 13: (p − y)x.</summary>
    public static double[] CrossEntropy(double[] w, double[] x, double y)
    {
        double p = Sigma(Dot(w, x));
        return Array.ConvertAll(x, xi => (p - y) * xi);
    }

    /// <summary>Row 14: (p − y)p(1 − p)φ.</summary>
    public static double[] SquaredLossOnSigmoid(double[] w, double[] phi, double y)
    {
        double p = Sigma(Dot(w, phi));
        return Array.ConvertAll(phi, f => (p - y) * p * (1 - p) * f);
    }

    /// <summary>Row 15: Σ −y φ over the examples with 1 − y wᵀφ &gt; 0.</summary>
    public static double[] Hinge(double[] w, double[][] phis, double[] ys)
    {
        var g = new double[w.Length];
        for (int n = 0; n < phis.Length; n++)
        {
            if (1 - ys[n] * Dot(w, phis[n]) <= 0) continue;
            for (int j = 0; j < w.Length; j++) g[j] -= ys[n] * phis[n][j];
        }
        return g;
    }

    /// <summary>Row 16 by the chain rule: g = −yσ(−ys), ∂w = g·h, ∂b = g·w⊙h(1−h), ∂V = ∂b xᵀ.</summary>
    public static (double[,] V, double[] b, double[] w) OneHiddenLayer(double[,] V, double[] b, double[] w, double[] x, double y)
    {
        int hidden = b.Length;
        var h = new double[hidden];
        double s = 0;
        for (int k = 0; k < hidden; k++)
        {
            double z = b[k];
            for (int j = 0; j < x.Length; j++) z += V[k, j] * x[j];
            h[k] = Sigma(z);
            s += w[k] * h[k];
        }
        double g = -y * Sigma(-y * s);
        var gV = new double[hidden, x.Length];
        var gb = new double[hidden];
        var gw = new double[hidden];
        for (int k = 0; k < hidden; k++)
        {
            gw[k] = g * h[k];
            gb[k] = g * w[k] * h[k] * (1 - h[k]);
            for (int j = 0; j < x.Length; j++) gV[k, j] = gb[k] * x[j];
        }
        return (gV, gb, gw);
    }

    /// <summary>Row 18: softmax(a).</summary>
    public static double[] LogSumExp(double[] a)
    {
        double max = double.NegativeInfinity;
        foreach (double v in a) max = Math.Max(max, v);
        double sum = 0;
        foreach (double v in a) sum += Math.Exp(v - max);
        return Array.ConvertAll(a, v => Math.Exp(v - max) / sum);
    }
}
