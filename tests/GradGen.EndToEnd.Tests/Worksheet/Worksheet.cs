using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// The scalar rows of the course worksheet (a table of classic derivatives), written the way a student would write them.
    /// Row numbers refer to the worksheet table.
    /// </summary>
    public static partial class Worksheet
    {
        // ----- row 1: σ(x) -----

        [Differentiable]
        public static double SigmoidByHand(double x) => 1.0 / (1.0 + Math.Exp(-x));

        [Differentiable]
        public static double SigmoidViaGradMath(double x) => GradMath.Sigmoid(x);

        // ----- row 3: softplus_β(x) = (1/β) ln(1 + e^(βx)), wrt x and β -----

        [Differentiable]
        public static double SoftplusBetaByHand(double x, double beta)
        {
            return (1 / beta) * Math.Log(1 + Math.Exp(beta * x));
        }

        [Differentiable]
        public static double SoftplusBetaViaGradMath(double x, double beta) => GradMath.Softplus(x, beta);

        // ----- row 8: ½(wᵀx − y)², three weights as scalars, data as constant parameters -----

        [Differentiable(nameof(w0), nameof(w1), nameof(w2))]
        public static double HalfSquaredError3(double w0, double w1, double w2, double x0, double x1, double x2, double y)
        {
            double prediction = w0 * x0 + w1 * x1 + w2 * x2;
            double residual = prediction - y;
            return 0.5 * residual * residual;
        }

        // ----- rows 11 and 12: logistic regression with two weights over a fixed data set (fields) -----

        /// <summary>Features x_n (two per point) and labels y_n ∈ {−1, +1}: constants to the gradient.</summary>
        internal static readonly double[,] LogisticX =
        {
            { 1.0, 0.5 },
            { -0.3, 2.0 },
            { 0.8, -1.2 },
            { -1.5, -0.4 },
        };

        internal static readonly double[] LogisticY = { 1.0, -1.0, 1.0, -1.0 };

        /// <summary>Row 11: E(w) = (1/N) Σ ln(1 + e^(−y_n wᵀx_n)).</summary>
        [Differentiable]
        public static double LogisticRegressionMean(double w0, double w1)
        {
            int n = LogisticY.Length;
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                double margin = LogisticY[i] * (w0 * LogisticX[i, 0] + w1 * LogisticX[i, 1]);
                sum += Math.Log(1.0 + Math.Exp(-margin));
            }
            return sum / n;
        }

        /// <summary>Row 12: Σ ln(1 + e^(−y_n wᵀx_n)) + λ‖w‖², λ a constant parameter.</summary>
        [Differentiable(nameof(w0), nameof(w1))]
        public static double LogisticRegressionRidge(double w0, double w1, double lambda)
        {
            double sum = lambda * (w0 * w0 + w1 * w1);
            for (int i = 0; i < LogisticY.Length; i++)
            {
                double s = w0 * LogisticX[i, 0];
                s += w1 * LogisticX[i, 1];
                sum += Math.Log(1.0 + Math.Exp(-LogisticY[i] * s));
            }
            return sum;
        }

        // ----- row 13: cross entropy, p = σ(w·x), y ∈ {0, 1} -----

        [Differentiable(nameof(w))]
        public static double CrossEntropy(double w, double x, double y)
        {
            double p = 1.0 / (1.0 + Math.Exp(-w * x));
            return -y * Math.Log(p) - (1 - y) * Math.Log(1 - p);
        }

        // ----- row 14: ½(y − σ(wφ))² -----

        [Differentiable(nameof(w))]
        public static double SquaredLossOnSigmoid(double w, double phi, double y)
        {
            double p = GradMath.Sigmoid(w * phi);
            double d = y - p;
            return 0.5 * d * d;
        }

        // ----- row 17: activations -----

        [Differentiable]
        public static double TanhActivation(double x) => Math.Tanh(x);

        [Differentiable]
        public static double ErfActivation(double x) => GradMath.Erf(x);

        [Differentiable]
        public static double ReluAsMax(double x) => Math.Max(0, x);

        [Differentiable]
        public static double LeakyReluAsMax(double x) => Math.Max(0.01 * x, x);

        /// <summary>PLU(x) = max(α(x + c) − c, min(α(x − c) + c, x)), α and c constants.</summary>
        [Differentiable(nameof(x))]
        public static double Plu(double x, double alpha, double c)
        {
            return Math.Max(alpha * (x + c) - c, Math.Min(alpha * (x - c) + c, x));
        }

        [Differentiable]
        public static double SinActivation(double x) => Math.Sin(x);

        [Differentiable]
        public static double Gaussian(double x) => Math.Exp(-x * x);

        // ----- row 18: smooth hinge and log-sum-exp of two values -----

        [Differentiable]
        public static double SmoothHinge(double t) => Math.Log(1 + Math.Exp(1 - t));

        [Differentiable]
        public static double LogSumExp2(double a, double b)
        {
            double m = a > b ? a : b; // shift for stability; the gradient does not depend on it
            return m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
        }
    }
}
