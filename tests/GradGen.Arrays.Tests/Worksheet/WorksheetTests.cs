using System;
using GradGen;
using Worksheet;
using Xunit;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// Every exercise of the course worksheet, as written in samples/Worksheet, against its closed
    /// form (1e-12 relative) and central differences (1e-7) at seeded random points.
    /// </summary>
    public class WorksheetTests
    {
        private const double ClosedFormTolerance = 1e-12;
        private const double DifferenceTolerance = 1e-7;
        private const int Points = 6;

        private static double[] Vec(Random r, int n) => GradAssert.Uniform(r, n, -1.5, 1.5);

        private static double[,] Mat(Random r, int rows, int cols) => GradAssert.Matrix(Vec(r, rows * cols), 0, rows, cols);

        private static double[] Flat(double[,] m)
        {
            var f = new double[m.Length];
            int k = 0;
            foreach (double v in m) f[k++] = v;
            return f;
        }

        private static void Agrees(double[] closedForm, double[] generated, string what)
            => GradAssert.Close(closedForm, generated, ClosedFormTolerance, what);

        private static void Differences(Func<double[], double> f, double[] x, double[] g, string what)
        {
            var result = GradientCheck.Check(f, x, g, DifferenceTolerance);
            Assert.True(result.Passed, what + ": " + result);
        }

        [Fact]
        public void Row01_sigmoid()
        {
            var r = new Random(101);
            for (int p = 0; p < Points; p++)
            {
                double x = r.NextDouble() * 8 - 4;
                double v = Exercises.SigmoidGradient(x, out double g);
                double s = ClosedForms.Sigma(x);
                Assert.Equal(Exercises.Sigmoid(x), v);
                Agrees(new[] { s * (1 - s) }, new[] { g }, "σ'");
            }
        }

        [Fact]
        public void Row02_softmax_jacobian()
        {
            var r = new Random(102);
            for (int p = 0; p < Points; p++)
            {
                var x = Vec(r, 5);
                var y = new double[5];
                var jacobian = new double[5, 5];
                Exercises.SoftmaxJacobian(x, y, jacobian);
                GradAssert.AbsoluteClose(ClosedForms.SoftmaxJacobian(y), jacobian, 1e-15, "softmax Jacobian");
                var numeric = GradientCheck.JacobianCentralDifferences((xs, ys) => Exercises.Softmax(xs, ys), x, 5);
                GradAssert.AbsoluteClose(numeric, jacobian, 1e-8, "softmax Jacobian vs differences");
            }
        }

        [Fact]
        public void Row02_the_wrong_hand_derivation_is_caught_on_the_diagonal()
        {
            var x = new[] { 0.5, -1.0, 2.0, 0.1 };
            var y = new double[4];
            var generated = new double[4, 4];
            Exercises.SoftmaxJacobian(x, y, generated);
            var report = GradientCheck.CompareJacobian(generated, ClosedForms.SoftmaxJacobianWrongDiagonal(y));
            Assert.False(report.Passed);
            Assert.Equal(4, report.Mismatches.Count);
            Assert.All(report.Mismatches, m => Assert.Equal(m.Row, m.Column));
            Assert.Equal("J[2,2]", report.WorstName);
        }

        [Fact]
        public void Row03_softplus_beta()
        {
            var r = new Random(103);
            for (int p = 0; p < Points; p++)
            {
                double x = r.NextDouble() * 4 - 2, beta = 0.5 + r.NextDouble() * 3;
                Exercises.SoftplusGradient(x, beta, out double gx, out double gb);
                Agrees(new[] { ClosedForms.SoftplusDx(x, beta) }, new[] { gx }, "∂/∂x");
                double sp = Exercises.Softplus(x, beta);
                Agrees(new[] { (x * ClosedForms.Sigma(beta * x) - sp) / beta }, new[] { gb }, "∂/∂β");
                Differences(v => Exercises.Softplus(v[0], v[1]), new[] { x, beta }, new[] { gx, gb }, "softplus_β");
            }
        }

        [Fact]
        public void Rows04_to_09_vectors_and_matrices()
        {
            var r = new Random(104);
            for (int p = 0; p < Points; p++)
            {
                var w = Vec(r, 5);
                var g = new double[5];
                Exercises.SumSoftplusGradient(w, g);
                Agrees(ClosedForms.SumSoftplus(w), g, "row 4");
                Differences(Exercises.SumSoftplus, w, g, "row 4");

                Exercises.SqrtOnePlusNormGradient(w, g);
                Agrees(ClosedForms.SqrtOnePlusNorm(w), g, "row 5");
                Differences(Exercises.SqrtOnePlusNorm, w, g, "row 5");

                var v = Vec(r, 5);
                var A = Mat(r, 5, 5);
                Exercises.FourBilinearGradient(w, A, v, g);
                Agrees(ClosedForms.FourBilinear(A, v), g, "row 6");

                var z = Vec(r, 5);
                Exercises.QuadraticPlusLinearGradient(w, A, z, g);
                Agrees(ClosedForms.QuadraticPlusLinear(w, A, z), g, "row 7");
                Differences(x => Exercises.QuadraticPlusLinear(x, A, z), w, g, "row 7");

                var x8 = Vec(r, 5);
                Exercises.HalfSquaredErrorGradient(w, x8, 0.4, g);
                Agrees(ClosedForms.HalfSquaredError(w, x8, 0.4), g, "row 8");

                var X = Mat(r, 7, 5);
                var y9 = Vec(r, 7);
                Exercises.LeastSquaresGradient(w, X, y9, g);
                Agrees(ClosedForms.LeastSquares(w, X, y9), g, "row 9");
                Differences(x => Exercises.LeastSquares(x, X, y9), w, g, "row 9");
            }
        }

        [Fact]
        public void Row10_affine_squared_error()
        {
            var r = new Random(110);
            for (int p = 0; p < Points; p++)
            {
                var W = Mat(r, 3, 4);
                var b = Vec(r, 3);
                var x = Vec(r, 4);
                var y = Vec(r, 3);
                var gW = new double[3, 4];
                var gb = new double[3];
                Exercises.AffineSquaredErrorGradient(W, b, x, y, gW, gb);
                var (cW, cb) = ClosedForms.AffineSquaredError(W, b, x, y);
                Agrees(Flat(cW), Flat(gW), "∂/∂W");
                Agrees(cb, gb, "∂/∂b");
            }
        }

        [Fact]
        public void Rows11_to_15_losses_over_data()
        {
            var r = new Random(111);
            for (int p = 0; p < Points; p++)
            {
                var xs = new double[12][];
                var ys = new double[12];
                for (int n = 0; n < 12; n++)
                {
                    xs[n] = Vec(r, 4);
                    ys[n] = r.NextDouble() < 0.5 ? -1 : 1;
                }
                var w = Vec(r, 4);
                var g = new double[4];
                Exercises.LogisticMeanGradient(w, xs, ys, g);
                Agrees(ClosedForms.Logistic(w, xs, ys, 1.0 / 12, 0), g, "row 11");
                Differences(v => Exercises.LogisticMean(v, xs, ys), w, g, "row 11");

                Exercises.LogisticRegularizedGradient(w, xs, ys, 0.3, g);
                Agrees(ClosedForms.Logistic(w, xs, ys, 1, 0.3), g, "row 12");

                var x = Vec(r, 4);
                Exercises.CrossEntropyGradient(w, x, 1, g);
                Agrees(ClosedForms.CrossEntropy(w, x, 1), g, "row 13, y = 1");
                Exercises.CrossEntropyGradient(w, x, 0, g);
                Agrees(ClosedForms.CrossEntropy(w, x, 0), g, "row 13, y = 0");

                Exercises.SquaredLossOnSigmoidGradient(w, x, 1, g);
                Agrees(ClosedForms.SquaredLossOnSigmoid(w, x, 1), g, "row 14");
                Differences(v => Exercises.SquaredLossOnSigmoid(v, x, 1), w, g, "row 14");

                Exercises.HingeGradient(w, xs, ys, g);
                Agrees(ClosedForms.Hinge(w, xs, ys), g, "row 15");
            }
        }

        [Fact]
        public void Row15_hinge_on_the_reviews_and_the_not_good_feature()
        {
            // Features [1, not, good, pretty, bad, plot, scenery]; descent reaches zero hinge loss.
            var reviews = new[] { new double[] { 1, 1, 1, 0, 0, 0, 0 }, new double[] { 1, 0, 0, 1, 1, 0, 0 }, new double[] { 1, 0, 1, 0, 0, 1, 0 }, new double[] { 1, 0, 0, 1, 0, 0, 1 } };
            var labels = new double[] { -1, -1, +1, +1 };
            var w = new double[7];
            var g = new double[7];
            double loss = double.PositiveInfinity;
            for (int step = 0; step < 50 && (loss = Exercises.HingeGradient(w, reviews, labels, g)) > 0; step++)
                for (int j = 0; j < 7; j++) w[j] -= 0.1 * g[j];
            Assert.Equal(0, loss);
            for (int n = 0; n < 4; n++) Assert.True(labels[n] * ClosedForms.Dot(w, reviews[n]) > 0);

            // The inseparable set with not×good: the worksheet's w classifies all four with margin, zero loss and gradient.
            var set = new[] { new double[] { 1, 0, 1, 0, 0 }, new double[] { 1, 1, 0, 0, 0 }, new double[] { 1, 0, 1, 1, 0 }, new double[] { 1, 1, 0, 1, 1 } };
            var setLabels = new double[] { -1, +1, +1, -1 };
            var g5 = new double[5];
            Assert.Equal(0, Exercises.HingeGradient(new double[] { 0, 1, -1, 2, -4 }, set, setLabels, g5));
            Assert.Equal(new double[5], g5);
        }

        [Fact]
        public void Row16_one_hidden_layer()
        {
            var r = new Random(116);
            for (int p = 0; p < Points; p++)
            {
                var V = Mat(r, 3, 4);
                var b = Vec(r, 3);
                var w = Vec(r, 3);
                var x = Vec(r, 4);
                double y = r.NextDouble() < 0.5 ? -1 : 1;
                var gV = new double[3, 4];
                var gb = new double[3];
                var gw = new double[3];
                Exercises.OneHiddenLayerGradient(V, b, w, x, y, gV, gb, gw);
                var (cV, cb, cw) = ClosedForms.OneHiddenLayer(V, b, w, x, y);
                Agrees(Flat(cV), Flat(gV), "∂/∂V");
                Agrees(cb, gb, "∂/∂b");
                Agrees(cw, gw, "∂/∂w");
            }
        }

        [Fact]
        public void Row17_activations()
        {
            var r = new Random(117);
            for (int p = 0; p < Points; p++)
            {
                double x = r.NextDouble() * 4 - 2;
                if (Math.Abs(x) < 1e-3) continue;
                double t = Math.Tanh(x);
                Exercises.TanhGradient(x, out double g);
                Agrees(new[] { 1 - t * t }, new[] { g }, "tanh");
                Exercises.ErfGradient(x, out g);
                Agrees(new[] { 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) }, new[] { g }, "erf");
                Exercises.ReluGradient(x, out g);
                Agrees(new[] { x > 0 ? 1.0 : 0.0 }, new[] { g }, "ReLU");
                Exercises.LeakyReluGradient(x, out g);
                Agrees(new[] { x > 0 ? 1.0 : 0.01 }, new[] { g }, "leaky ReLU");
                Exercises.SinGradient(x, out g);
                Agrees(new[] { Math.Cos(x) }, new[] { g }, "sin");
                Exercises.GaussianGradient(x, out g);
                Agrees(new[] { -2 * x * Math.Exp(-x * x) }, new[] { g }, "Gaussian");
            }
            // PLU, α = 0.1, c = 1: slope α outside [−c, c], 1 inside.
            foreach (var (x, slope) in new[] { (-3.0, 0.1), (-0.5, 1.0), (0.5, 1.0), (3.0, 0.1) })
            {
                Exercises.PluGradient(x, 0.1, 1, out double g);
                Assert.Equal(slope, g);
            }
        }

        [Fact]
        public void Row18_log_sum_exp_and_smooth_hinge()
        {
            var r = new Random(118);
            for (int p = 0; p < Points; p++)
            {
                var a = Vec(r, 6);
                var g = new double[6];
                Exercises.LogSumExpGradient(a, g);
                Agrees(ClosedForms.LogSumExp(a), g, "log-sum-exp");
                Differences(Exercises.LogSumExp, a, g, "log-sum-exp");
                double t = r.NextDouble() * 4 - 2;
                Exercises.SmoothHingeGradient(t, out double gt);
                Agrees(new[] { -ClosedForms.Sigma(1 - t) }, new[] { gt }, "smooth hinge");
            }
        }

        [Theory]
        [InlineData(0.5, new[] { 50.0, 75, 87.5, 93.75 })]
        [InlineData(1.5, new[] { 150.0, 75, 112.5, 93.75, 103.125 })]
        [InlineData(2.5, new[] { 250.0, -125, 437.5, -406.25 })]
        public void Gradient_descent_step_sizes(double alpha, double[] expected)
        {
            double w = 0;
            foreach (double e in expected)
            {
                Exercises.QuadraticGradient(w, 1, 100, out double g);
                w -= alpha * g;
                Assert.Equal(e, w);
            }
        }

        [Fact]
        public void Softmax_cross_entropy_through_the_softmax_pullback()
        {
            var r = new Random(119);
            for (int p = 0; p < Points; p++)
            {
                var z = Vec(r, 5);
                int label = r.Next(5);
                var g = new double[5];
                Exercises.SoftmaxCrossEntropyGradient(z, label, g);
                var softmax = ClosedForms.LogSumExp(z);
                for (int i = 0; i < 5; i++) softmax[i] -= i == label ? 1 : 0;
                Agrees(softmax, g, "softmax cross-entropy: p − onehot");
            }
        }
    }
}
