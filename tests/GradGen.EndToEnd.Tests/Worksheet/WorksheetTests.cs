using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>The worksheet's scalar rows against their textbook closed forms and central differences.</summary>
    public class WorksheetTests
    {
        [Fact]
        public void Row1_sigmoid_by_hand()
            => Verify(nameof(Worksheet.SigmoidByHand),
                x => Worksheet.SigmoidByHand(x[0]),
                (x, g) => Worksheet.SigmoidByHandGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.SigmoidByHandPullback(x[0], s, ref g[0]),
                x => new[] { Sigma(x[0]) * (1 - Sigma(x[0])) },
                Uniform(1, -6, 6));

        [Fact]
        public void Row1_sigmoid_via_GradMath()
            => Verify(nameof(Worksheet.SigmoidViaGradMath),
                x => Worksheet.SigmoidViaGradMath(x[0]),
                (x, g) => Worksheet.SigmoidViaGradMathGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.SigmoidViaGradMathPullback(x[0], s, ref g[0]),
                x => new[] { Sigma(x[0]) * (1 - Sigma(x[0])) },
                Uniform(1, -6, 6));

        /// <summary>∂/∂x = σ(βx); ∂/∂β = (x·σ(βx) − f)/β.</summary>
        private static double[] SoftplusBetaClosedForm(double[] v)
        {
            double x = v[0], beta = v[1];
            double f = Math.Log(1 + Math.Exp(beta * x)) / beta;
            return new[] { Sigma(beta * x), (x * Sigma(beta * x) - f) / beta };
        }

        [Fact]
        public void Row3_softplus_beta_by_hand()
            => Verify(nameof(Worksheet.SoftplusBetaByHand),
                x => Worksheet.SoftplusBetaByHand(x[0], x[1]),
                (x, g) => Worksheet.SoftplusBetaByHandGradient(x[0], x[1], out g[0], out g[1]),
                (x, s, g) => Worksheet.SoftplusBetaByHandPullback(x[0], x[1], s, ref g[0], ref g[1]),
                SoftplusBetaClosedForm,
                Box((-3, 3), (0.5, 4)));

        [Fact]
        public void Row3_softplus_beta_via_GradMath()
            => Verify(nameof(Worksheet.SoftplusBetaViaGradMath),
                x => Worksheet.SoftplusBetaViaGradMath(x[0], x[1]),
                (x, g) => Worksheet.SoftplusBetaViaGradMathGradient(x[0], x[1], out g[0], out g[1]),
                (x, s, g) => Worksheet.SoftplusBetaViaGradMathPullback(x[0], x[1], s, ref g[0], ref g[1]),
                SoftplusBetaClosedForm,
                Box((-3, 3), (0.5, 4)));

        [Fact]
        public void Row8_half_squared_error_with_three_weights()
        {
            double[] data = { 0.7, -1.3, 2.1, 0.4 }; // x0, x1, x2, y
            Verify(nameof(Worksheet.HalfSquaredError3),
                w => Worksheet.HalfSquaredError3(w[0], w[1], w[2], data[0], data[1], data[2], data[3]),
                (w, g) => Worksheet.HalfSquaredError3Gradient(w[0], w[1], w[2], data[0], data[1], data[2], data[3], out g[0], out g[1], out g[2]),
                (w, s, g) => Worksheet.HalfSquaredError3Pullback(w[0], w[1], w[2], data[0], data[1], data[2], data[3], s, ref g[0], ref g[1], ref g[2]),
                w =>
                {
                    double r = w[0] * data[0] + w[1] * data[1] + w[2] * data[2] - data[3];
                    return new[] { r * data[0], r * data[1], r * data[2] };
                },
                Uniform(3));
        }

        /// <summary>Σ_n −y_n x_n σ(−y_n wᵀx_n) over the fixed data set.</summary>
        private static double[] LogisticSum(double[] w)
        {
            var g = new double[2];
            for (int n = 0; n < Worksheet.LogisticY.Length; n++)
            {
                double y = Worksheet.LogisticY[n];
                double s = w[0] * Worksheet.LogisticX[n, 0] + w[1] * Worksheet.LogisticX[n, 1];
                for (int j = 0; j < 2; j++) g[j] += -y * Worksheet.LogisticX[n, j] * Sigma(-y * s);
            }
            return g;
        }

        [Fact]
        public void Row11_logistic_regression_mean()
            => Verify(nameof(Worksheet.LogisticRegressionMean),
                w => Worksheet.LogisticRegressionMean(w[0], w[1]),
                (w, g) => Worksheet.LogisticRegressionMeanGradient(w[0], w[1], out g[0], out g[1]),
                (w, s, g) => Worksheet.LogisticRegressionMeanPullback(w[0], w[1], s, ref g[0], ref g[1]),
                w =>
                {
                    double[] g = LogisticSum(w);
                    int n = Worksheet.LogisticY.Length;
                    return new[] { g[0] / n, g[1] / n };
                },
                Uniform(2, -3, 3));

        [Fact]
        public void Row12_logistic_regression_sum_plus_ridge()
        {
            const double lambda = 0.35;
            Verify(nameof(Worksheet.LogisticRegressionRidge),
                w => Worksheet.LogisticRegressionRidge(w[0], w[1], lambda),
                (w, g) => Worksheet.LogisticRegressionRidgeGradient(w[0], w[1], lambda, out g[0], out g[1]),
                (w, s, g) => Worksheet.LogisticRegressionRidgePullback(w[0], w[1], lambda, s, ref g[0], ref g[1]),
                w =>
                {
                    double[] g = LogisticSum(w);
                    return new[] { g[0] + 2 * lambda * w[0], g[1] + 2 * lambda * w[1] };
                },
                Uniform(2, -3, 3));
        }

        [Theory]
        [InlineData(1.7, 0.0)]
        [InlineData(-0.8, 1.0)]
        [InlineData(0.25, 1.0)]
        public void Row13_cross_entropy_gradient_is_p_minus_y_times_x(double x, double y)
            => Verify(nameof(Worksheet.CrossEntropy) + x + y,
                w => Worksheet.CrossEntropy(w[0], x, y),
                (w, g) => Worksheet.CrossEntropyGradient(w[0], x, y, out g[0]),
                (w, s, g) => Worksheet.CrossEntropyPullback(w[0], x, y, s, ref g[0]),
                w => new[] { (Sigma(w[0] * x) - y) * x },
                Uniform(1, -3, 3));

        [Theory]
        [InlineData(1.5, 0.0)]
        [InlineData(-0.6, 1.0)]
        [InlineData(2.0, 0.3)]
        public void Row14_squared_loss_on_sigmoid(double phi, double y)
            => Verify(nameof(Worksheet.SquaredLossOnSigmoid) + phi + y,
                w => Worksheet.SquaredLossOnSigmoid(w[0], phi, y),
                (w, g) => Worksheet.SquaredLossOnSigmoidGradient(w[0], phi, y, out g[0]),
                (w, s, g) => Worksheet.SquaredLossOnSigmoidPullback(w[0], phi, y, s, ref g[0]),
                w =>
                {
                    double p = Sigma(w[0] * phi);
                    return new[] { (p - y) * p * (1 - p) * phi };
                },
                Uniform(1, -3, 3));

        [Fact]
        public void Row17_tanh()
            => Verify(nameof(Worksheet.TanhActivation),
                x => Worksheet.TanhActivation(x[0]),
                (x, g) => Worksheet.TanhActivationGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.TanhActivationPullback(x[0], s, ref g[0]),
                x => new[] { 1 - Math.Tanh(x[0]) * Math.Tanh(x[0]) },
                Uniform(1, -3, 3));

        [Fact]
        public void Row17_erf()
            => Verify(nameof(Worksheet.ErfActivation),
                x => Worksheet.ErfActivation(x[0]),
                (x, g) => Worksheet.ErfActivationGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.ErfActivationPullback(x[0], s, ref g[0]),
                x => new[] { 2 / Math.Sqrt(Math.PI) * Math.Exp(-x[0] * x[0]) },
                Uniform(1, -3, 3));

        [Fact]
        public void Row17_relu_as_Math_Max()
            => Verify(nameof(Worksheet.ReluAsMax),
                x => Worksheet.ReluAsMax(x[0]),
                (x, g) => Worksheet.ReluAsMaxGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.ReluAsMaxPullback(x[0], s, ref g[0]),
                x => new[] { x[0] > 0 ? 1.0 : 0.0 },
                Uniform(1, -3, 3).Where(x => Math.Abs(x[0]) > 1e-3));

        [Fact]
        public void Row17_leaky_relu_as_Math_Max()
            => Verify(nameof(Worksheet.LeakyReluAsMax),
                x => Worksheet.LeakyReluAsMax(x[0]),
                (x, g) => Worksheet.LeakyReluAsMaxGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.LeakyReluAsMaxPullback(x[0], s, ref g[0]),
                x => new[] { x[0] > 0 ? 1.0 : 0.01 },
                Uniform(1, -3, 3).Where(x => Math.Abs(x[0]) > 1e-3));

        [Theory]
        [InlineData(0.1, 1.0)]
        [InlineData(0.25, 0.5)]
        public void Row17_plu_slope_is_alpha_outside_and_one_inside(double alpha, double c)
            => Verify(nameof(Worksheet.Plu) + alpha + c,
                x => Worksheet.Plu(x[0], alpha, c),
                (x, g) => Worksheet.PluGradient(x[0], alpha, c, out g[0]),
                (x, s, g) => Worksheet.PluPullback(x[0], alpha, c, s, ref g[0]),
                x => new[] { Math.Abs(x[0]) < c ? 1.0 : alpha },
                Uniform(1, -3, 3).Where(x => Math.Abs(Math.Abs(x[0]) - c) > 1e-3),
                points: 10);

        [Fact]
        public void Row17_sin()
            => Verify(nameof(Worksheet.SinActivation),
                x => Worksheet.SinActivation(x[0]),
                (x, g) => Worksheet.SinActivationGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.SinActivationPullback(x[0], s, ref g[0]),
                x => new[] { Math.Cos(x[0]) },
                Uniform(1, -4, 4));

        [Fact]
        public void Row17_gaussian()
            => Verify(nameof(Worksheet.Gaussian),
                x => Worksheet.Gaussian(x[0]),
                (x, g) => Worksheet.GaussianGradient(x[0], out g[0]),
                (x, s, g) => Worksheet.GaussianPullback(x[0], s, ref g[0]),
                x => new[] { -2 * x[0] * Math.Exp(-x[0] * x[0]) },
                Uniform(1, -3, 3));

        [Fact]
        public void Row18_smooth_hinge()
            => Verify(nameof(Worksheet.SmoothHinge),
                t => Worksheet.SmoothHinge(t[0]),
                (t, g) => Worksheet.SmoothHingeGradient(t[0], out g[0]),
                (t, s, g) => Worksheet.SmoothHingePullback(t[0], s, ref g[0]),
                t => new[] { -Sigma(1 - t[0]) },
                Uniform(1, -4, 6));

        [Fact]
        public void Row18_log_sum_exp_of_two_is_softmax()
            => Verify(nameof(Worksheet.LogSumExp2),
                a => Worksheet.LogSumExp2(a[0], a[1]),
                (a, g) => Worksheet.LogSumExp2Gradient(a[0], a[1], out g[0], out g[1]),
                (a, s, g) => Worksheet.LogSumExp2Pullback(a[0], a[1], s, ref g[0], ref g[1]),
                a =>
                {
                    double z = Math.Exp(a[0]) + Math.Exp(a[1]);
                    return new[] { Math.Exp(a[0]) / z, Math.Exp(a[1]) / z };
                },
                Uniform(2, -5, 5).Where(a => Math.Abs(a[0] - a[1]) > 1e-3));
    }
}
