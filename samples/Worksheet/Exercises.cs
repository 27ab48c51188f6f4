using System;
using GradGen;

namespace Worksheet;

/// <summary>
/// The course worksheet's exercises (a table of classic derivatives), each written the way the worksheet
/// states it. GradGen generates every gradient; <see cref="ClosedForms"/> holds the textbook answers.
/// </summary>
public static partial class Exercises
{
    // Row 1: σ(x)
    [Differentiable]
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    // Row 2: softmax, written the usual way: subtract the max, exponentiate into the output, divide in place.
    [Differentiable]
    public static void Softmax(ReadOnlySpan<double> x, Span<double> y)
    {
        double max = x[0];
        for (int i = 1; i < x.Length; i++) max = Math.Max(max, x[i]);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i] - max);
            sum += y[i];
        }
        for (int i = 0; i < x.Length; i++) y[i] /= sum;
    }

    // Row 3: softplus_β(x) = (1/β) ln(1 + e^(βx)), with respect to x and β.
    [Differentiable]
    public static double Softplus(double x, double beta) => Math.Log(1 + Math.Exp(beta * x)) / beta;

    // Row 4: Σ_i ln(1 + e^(w_i))
    [Differentiable]
    public static double SumSoftplus(double[] w)
    {
        double sum = 0;
        foreach (double wi in w) sum += Math.Log(1 + Math.Exp(wi));
        return sum;
    }

    // Row 5: √(1 + ‖w‖²)
    [Differentiable]
    public static double SqrtOnePlusNorm(double[] w)
    {
        double s = 1;
        for (int i = 0; i < w.Length; i++) s += w[i] * w[i];
        return Math.Sqrt(s);
    }

    // Row 6: wᵀAv + wᵀAᵀv + vᵀAw + vᵀAᵀw
    [Differentiable(nameof(w))]
    public static double FourBilinear(double[] w, double[,] A, double[] v)
    {
        double total = 0;
        for (int i = 0; i < w.Length; i++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                total += w[i] * A[i, j] * v[j];   // wᵀAv
                total += w[i] * A[j, i] * v[j];   // wᵀAᵀv
                total += v[i] * A[i, j] * w[j];   // vᵀAw
                total += v[i] * A[j, i] * w[j];   // vᵀAᵀw
            }
        }
        return total;
    }

    // Row 7: xᵀ(Ax + z)
    [Differentiable(nameof(x))]
    public static double QuadraticPlusLinear(double[] x, double[,] A, double[] z)
    {
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double ax = 0;
            for (int j = 0; j < x.Length; j++) ax += A[i, j] * x[j];
            total += x[i] * (ax + z[i]);
        }
        return total;
    }

    // Row 8: ½(wᵀx − y)²
    [Differentiable(nameof(w))]
    public static double HalfSquaredError(double[] w, double[] x, double y)
    {
        double r = -y;
        for (int i = 0; i < w.Length; i++) r += w[i] * x[i];
        return 0.5 * r * r;
    }

    // Row 9: ½‖Xw − y‖²
    [Differentiable(nameof(w))]
    public static double LeastSquares(double[] w, double[,] X, double[] y)
    {
        double total = 0;
        for (int n = 0; n < y.Length; n++)
        {
            double r = -y[n];
            for (int j = 0; j < w.Length; j++) r += X[n, j] * w[j];
            total += r * r;
        }
        return 0.5 * total;
    }

    // Row 10: ‖Wx + b − y‖², with respect to W and b.
    [Differentiable(nameof(W), nameof(b))]
    public static double AffineSquaredError(double[,] W, double[] b, double[] x, double[] y)
    {
        double total = 0;
        for (int i = 0; i < b.Length; i++)
        {
            double r = b[i] - y[i];
            for (int j = 0; j < x.Length; j++) r += W[i, j] * x[j];
            total += r * r;
        }
        return total;
    }

    // Row 11: E(w) = (1/N) Σ_n ln(1 + e^(−y_n wᵀx_n)), y_n ∈ {−1, +1}
    [Differentiable(nameof(w))]
    public static double LogisticMean(double[] w, double[][] xs, double[] ys)
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

    // Row 12: the same, summed, plus λ‖w‖²
    [Differentiable(nameof(w))]
    public static double LogisticRegularized(double[] w, double[][] xs, double[] ys, double lambda)
    {
        double sum = 0;
        foreach (double wj in w) sum += lambda * wj * wj;
        for (int n = 0; n < xs.Length; n++)
        {
            double s = 0;
            for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
            sum += Math.Log(1 + Math.Exp(-ys[n] * s));
        }
        return sum;
    }

    // Row 13: cross entropy −y ln p − (1 − y) ln(1 − p), p = σ(wᵀx), y ∈ {0, 1}
    [Differentiable(nameof(w))]
    public static double CrossEntropy(double[] w, double[] x, double y)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++) s += w[i] * x[i];
        double p = Sigmoid(s);
        return -y * Math.Log(p) - (1 - y) * Math.Log(1 - p);
    }

    // Row 14: ½(y − σ(wᵀφ))²
    [Differentiable(nameof(w))]
    public static double SquaredLossOnSigmoid(double[] w, double[] phi, double y)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++) s += w[i] * phi[i];
        double e = y - GradMath.Sigmoid(s);
        return 0.5 * e * e;
    }

    // Row 15: hinge loss max(0, 1 − y wᵀφ), summed over a data set of feature vectors.
    [Differentiable(nameof(w))]
    public static double Hinge(double[] w, double[][] phis, double[] ys)
    {
        double total = 0;
        for (int n = 0; n < phis.Length; n++)
        {
            double margin = 0;
            for (int j = 0; j < w.Length; j++) margin += w[j] * phis[n][j];
            total += Math.Max(0, 1 - ys[n] * margin);
        }
        return total;
    }

    // Row 16: one hidden layer, ln(1 + exp(−y wᵀσ̂(Vx + b))), σ̂ elementwise. (The worksheet calls the
    // hidden weights W; next to w both gradients would be named gradW, so they are V here.)
    [Differentiable(nameof(V), nameof(b), nameof(w))]
    public static double OneHiddenLayer(double[,] V, double[] b, double[] w, double[] x, double y)
    {
        double s = 0;
        for (int h = 0; h < b.Length; h++)
        {
            double z = b[h];
            for (int j = 0; j < x.Length; j++) z += V[h, j] * x[j];
            s += w[h] * Sigmoid(z);
        }
        return Math.Log(1 + Math.Exp(-y * s));
    }

    // Row 17: activations.
    [Differentiable] public static double Tanh(double x) => Math.Tanh(x);
    [Differentiable] public static double Erf(double x) => GradMath.Erf(x);
    [Differentiable] public static double Relu(double x) => Math.Max(0, x);
    [Differentiable] public static double LeakyRelu(double x) => Math.Max(0.01 * x, x);
    [Differentiable(nameof(x))]
    public static double Plu(double x, double alpha, double c) => Math.Max(alpha * (x + c) - c, Math.Min(alpha * (x - c) + c, x));
    [Differentiable] public static double Sin(double x) => Math.Sin(x);
    [Differentiable] public static double Gaussian(double x) => Math.Exp(-x * x);

    // Row 18: log-sum-exp ln Σ_i e^(a_i), and ln(1 + e^(1 − t)) as a smooth hinge.
    [Differentiable]
    public static double LogSumExp(double[] a)
    {
        double max = a[0];
        for (int i = 1; i < a.Length; i++) max = Math.Max(max, a[i]);
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Exp(a[i] - max);
        return max + Math.Log(sum);
    }

    [Differentiable]
    public static double SmoothHinge(double t) => Math.Log(1 + Math.Exp(1 - t));

    // Gradient descent: L(w) = ½(wx − y)².
    [Differentiable(nameof(w))]
    public static double Quadratic(double w, double x, double y)
    {
        double r = w * x - y;
        return 0.5 * r * r;
    }

    // Row 2 used inside a loss: cross entropy of softmax(z) against a one-hot label, through the Pullback of Softmax.
    [Differentiable(nameof(z))]
    public static double SoftmaxCrossEntropy(double[] z, int label)
    {
        Span<double> p = stackalloc double[z.Length];
        Softmax(z, p);
        return -Math.Log(p[label]);
    }
}
