using System;
using Worksheet;
using Xunit;
using Xunit.Sdk;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    internal delegate void VectorFn(double[] x, Span<double> y);
    internal delegate void VectorPullbackFn(double[] x, Span<double> y, ReadOnlySpan<double> seed, Span<double> gradX);
    internal delegate void VectorJacobianFn(double[] x, Span<double> y, double[,] jacobian);

    public class VectorValuedTests
    {
        /// <summary>
        /// At seeded random points: FJacobian computes the outputs exactly as F does and overwrites a
        /// garbage-filled matrix; the Jacobian matches <paramref name="closedForm"/> (when given) and
        /// central differences (1e-7); FPullback computes the outputs and adds Jᵀ·seed to pre-filled
        /// gradients; a zero seed adds nothing.
        /// </summary>
        internal static void VerifyVector(
            string name, int outputs, VectorFn f, VectorPullbackFn pullback, VectorJacobianFn jacobian,
            Func<double[], double[,]>? closedForm, Func<Random, double[]> sample, int points = Points)
        {
            var random = new Random(StableSeed(name));
            for (int p = 0; p < points; p++) VerifyVectorAt(name, outputs, f, pullback, jacobian, closedForm, sample(random), random);
        }

        internal static void VerifyVectorAt(
            string name, int outputs, VectorFn f, VectorPullbackFn pullback, VectorJacobianFn jacobian,
            Func<double[], double[,]>? closedForm, double[] x, Random random)
        {
            string at = name + " at " + Format(x);
            double[] original = (double[])x.Clone();
            double[] y = new double[outputs];
            f((double[])x.Clone(), y);

            double[,] J = new double[outputs, x.Length];
            for (int i = 0; i < outputs; i++) for (int j = 0; j < x.Length; j++) J[i, j] = (i + j) % 2 == 0 ? double.NaN : 1e300;
            double[] yJ = Garbage(outputs);
            jacobian(x, yJ, J);
            Exactly(original, x, at + ": Jacobian modified its input");
            Exactly(y, yJ, at + ": Jacobian's outputs");
            foreach (double e in J) if (!double.IsFinite(e)) throw new XunitException(at + ": a Jacobian entry was not overwritten (or is not finite)");

            if (closedForm is not null) Close(closedForm((double[])x.Clone()), J, ClosedFormTolerance, at + ": Jacobian vs closed form");

            double[,] numerical = GradientCheck.JacobianCentralDifferences((xs, ys) => f(xs.ToArray(), ys), x, outputs);
            Close(numerical, J, DifferenceTolerance, at + ": Jacobian vs central differences");

            double[] seed = Uniform(random, outputs, -2, 2);
            double[] before = Prefilled(random, x.Length);
            double[] acc = (double[])before.Clone();
            double[] yP = Garbage(outputs);
            pullback(x, yP, seed, acc);
            Exactly(original, x, at + ": Pullback modified its input");
            Exactly(y, yP, at + ": Pullback's outputs");
            var expected = new double[x.Length];
            for (int j = 0; j < x.Length; j++)
            {
                expected[j] = before[j];
                for (int i = 0; i < outputs; i++) expected[j] += seed[i] * J[i, j];
            }
            Close(expected, acc, ClosedFormTolerance, at + ": Pullback accumulates Jᵀ·seed");

            double[] untouched = (double[])before.Clone();
            pullback(x, yP, new double[outputs], untouched);
            Exactly(before, untouched, at + ": Pullback with a zero seed changed the gradient");
        }

        // ----- softmax (samples/Worksheet Exercises.Softmax) -----

        private static double[,] SoftmaxClosedForm(ReadOnlySpan<double> y)
        {
            var J = new double[y.Length, y.Length];
            for (int i = 0; i < y.Length; i++) for (int j = 0; j < y.Length; j++) J[i, j] = y[i] * ((i == j ? 1 : 0) - y[j]);
            return J;
        }

        [Fact]
        public void Softmax_Jacobian_is_y_i_times_delta_ij_minus_y_j_to_1e_14()
        {
            var random = new Random(StableSeed("Softmax"));
            var points = new System.Collections.Generic.List<double[]>
            {
                new[] { 1000.0, 999, -5 },
                new[] { -1000.0, -1000.5, -999, -1200 },
                new[] { 0.0, 0, 0 },
                new[] { 2.5 },
            };
            while (points.Count < 10)
            {
                int n = 2 + random.Next(5);
                double scale = points.Count % 2 == 0 ? 3 : 60;
                points.Add(Uniform(random, n, -scale, scale));
            }

            foreach (double[] x in points)
            {
                double[] y = new double[x.Length];
                double[,] J = new double[x.Length, x.Length];
                Exercises.SoftmaxJacobian(x, y, J);
                double[] direct = new double[x.Length];
                Exercises.Softmax(x, direct);
                Exactly(direct, y, "softmax outputs at " + Format(x));
                AbsoluteClose(SoftmaxClosedForm(y), J, 1e-14, "softmax Jacobian at " + Format(x));
            }
        }

        [Fact]
        public void Softmax_against_differences_and_Pullback()
            => VerifyVector("Softmax", 5,
                (x, y) => Exercises.Softmax(x, y),
                (x, y, s, g) => Exercises.SoftmaxPullback(x, y, s, g),
                (x, y, J) => Exercises.SoftmaxJacobian(x, y, J),
                x =>
                {
                    double[] y = new double[x.Length];
                    Exercises.Softmax(x, y);
                    return SoftmaxClosedForm(y);
                },
                Uniform(5, -3, 3));

        // ----- other vector functions -----

        [Fact]
        public void Elementwise_map()
            => VerifyVector(nameof(VectorValued.Map), 6,
                (x, y) => VectorValued.Map(x, y),
                (x, y, s, g) => VectorValued.MapPullback(x, y, s, g),
                (x, y, J) => VectorValued.MapJacobian(x, y, J),
                x =>
                {
                    var J = new double[x.Length, x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        double t = Math.Tanh(x[i]);
                        J[i, i] = t + x[i] * (1 - t * t);
                    }
                    return J;
                },
                Uniform(6));

        [Fact]
        public void Matrix_vector_product_has_Jacobian_exactly_A()
        {
            var random = new Random(31);
            foreach ((int rows, int cols) in new[] { (3, 4), (4, 2), (1, 5), (5, 1) })
            {
                double[,] A = RandomMatrix(random, rows, cols, -3, 3);
                foreach (bool accumulate in new[] { false, true })
                {
                    string name = (accumulate ? "MatVecAccumulate" : "MatVec") + $" {rows}x{cols}";
                    VectorFn f = accumulate ? (x, y) => VectorValued.MatVecAccumulate(A, x, y) : (x, y) => VectorValued.MatVec(A, x, y);
                    VectorPullbackFn pb = accumulate
                        ? (x, y, s, g) => VectorValued.MatVecAccumulatePullback(A, x, y, s, g)
                        : (x, y, s, g) => VectorValued.MatVecPullback(A, x, y, s, g);
                    VectorJacobianFn jac = accumulate
                        ? (x, y, J) => VectorValued.MatVecAccumulateJacobian(A, x, y, J)
                        : (x, y, J) => VectorValued.MatVecJacobian(A, x, y, J);
                    VerifyVector(name, rows, f, pb, jac, _ => A, Uniform(cols, -5, 5));

                    // Exactly A, bit for bit: ∂yᵢ/∂xⱼ = Aᵢⱼ·1.
                    double[] x0 = Uniform(random, cols);
                    double[,] J0 = new double[rows, cols];
                    jac(x0, new double[rows], J0);
                    Assert.Equal(A, J0);
                }
            }
        }

        [Fact]
        public void Output_read_back_after_it_is_written()
            => VerifyVector(nameof(VectorValued.OutputRecurrence), 5,
                (x, y) => VectorValued.OutputRecurrence(x, y),
                (x, y, s, g) => VectorValued.OutputRecurrencePullback(x, y, s, g),
                (x, y, J) => VectorValued.OutputRecurrenceJacobian(x, y, J),
                x =>
                {
                    var J = new double[x.Length, x.Length];
                    for (int i = 0; i < x.Length; i++) for (int j = 0; j <= i; j++) J[i, j] = Math.Pow(0.5, i - j) * Math.Cos(x[j]);
                    return J;
                },
                Uniform(5, -3, 3));

        [Fact]
        public void Branch_per_element_and_fewer_outputs_than_inputs()
            => VerifyVector(nameof(VectorValued.LeakyReluPairs), 3,
                (x, y) => VectorValued.LeakyReluPairs(x, y),
                (x, y, s, g) => VectorValued.LeakyReluPairsPullback(x, y, s, g),
                (x, y, J) => VectorValued.LeakyReluPairsJacobian(x, y, J),
                x =>
                {
                    var J = new double[3, x.Length];
                    for (int k = 0; k < 3; k++)
                    {
                        double a = x[2 * k], b = x[2 * k + 1], z = a - b;
                        if (z > 0)
                        {
                            J[k, 2 * k] = z + a;
                            J[k, 2 * k + 1] = -a;
                        }
                        else
                        {
                            J[k, 2 * k] = 0.01;
                            J[k, 2 * k + 1] = -0.01;
                        }
                    }
                    return J;
                },
                Uniform(6).Where(x => Math.Abs(x[0] - x[1]) > 1e-3 && Math.Abs(x[2] - x[3]) > 1e-3 && Math.Abs(x[4] - x[5]) > 1e-3),
                points: 8);

        // ----- two outputs: a Pullback with two seeds -----

        [Fact]
        public void Two_outputs_Pullback_with_two_seeds()
        {
            const int n = 5;
            var random = new Random(StableSeed(nameof(VectorValued.SumsAndProducts)));
            for (int p = 0; p < Points; p++)
            {
                double[] x = Uniform(random, n, -2, 2);
                string at = "SumsAndProducts at " + Format(x);
                double[] sums = new double[n], products = new double[n];
                VectorValued.SumsAndProducts(x, sums, products);

                // Closed forms of both Jacobians, checked against differences of the concatenated outputs.
                var Js = new double[n, n];
                var Jp = new double[n, n];
                for (int i = 0; i < n; i++)
                {
                    for (int k = 0; k <= i; k++)
                    {
                        Js[i, k] = 1;
                        double prod = 1;
                        for (int j = 0; j <= i; j++) if (j != k) prod *= x[j];
                        Jp[i, k] = prod;
                    }
                }
                double[,] numerical = GradientCheck.JacobianCentralDifferences(
                    (xs, ys) => VectorValued.SumsAndProducts(xs, ys.Slice(0, n), ys.Slice(n, n)), x, 2 * n);
                var both = new double[2 * n, n];
                for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) (both[i, k], both[n + i, k]) = (Js[i, k], Jp[i, k]);
                Close(numerical, both, DifferenceTolerance, at + ": closed forms vs differences");

                double[] seedSums = Uniform(random, n, -2, 2), seedProducts = Uniform(random, n, -2, 2);
                double[] before = Prefilled(random, n);
                double[] acc = (double[])before.Clone();
                double[] s2 = Garbage(n), p2 = Garbage(n);
                VectorValued.SumsAndProductsPullback(x, s2, p2, seedSums, seedProducts, acc);
                Exactly(sums, s2, at + ": Pullback's sums");
                Exactly(products, p2, at + ": Pullback's products");
                var expected = new double[n];
                for (int k = 0; k < n; k++)
                {
                    expected[k] = before[k];
                    for (int i = 0; i < n; i++) expected[k] += seedSums[i] * Js[i, k] + seedProducts[i] * Jp[i, k];
                }
                Close(expected, acc, ClosedFormTolerance, at + ": Pullback with two seeds");

                // One seed at a time: the contributions add.
                double[] onlySums = new double[n], onlyProducts = new double[n];
                VectorValued.SumsAndProductsPullback(x, s2, p2, seedSums, new double[n], onlySums);
                VectorValued.SumsAndProductsPullback(x, s2, p2, new double[n], seedProducts, onlyProducts);
                for (int k = 0; k < n; k++) Close(acc[k] - before[k], onlySums[k] + onlyProducts[k], ClosedFormTolerance, at + $": seeds add [{k}]");
            }
        }

        // ----- two wrt inputs (matrix and vector) -----

        [Fact]
        public void Affine_layer_Pullback_to_a_matrix_and_a_vector()
        {
            const int m = 3, d = 4;
            double[] x = { 0.5, -1.0, 0.25, 2.0 };
            var random = new Random(StableSeed(nameof(VectorValued.AffineTanh)));
            for (int p = 0; p < Points; p++)
            {
                double[] flat = Uniform(random, m * d + m, -1, 1);
                double[,] W = Matrix(flat, 0, m, d);
                double[] b = Slice(flat, m * d, m);
                string at = "AffineTanh at " + Format(flat);
                double[] y = new double[m];
                VectorValued.AffineTanh(W, b, x, y);

                double[] seed = Uniform(random, m, -2, 2);
                double[] before = Prefilled(random, m * d + m);
                double[,] gW = Matrix(before, 0, m, d);
                double[] gB = Slice(before, m * d, m);
                double[] yP = Garbage(m);
                VectorValued.AffineTanhPullback(W, b, x, yP, seed, gW, gB);
                Exactly(y, yP, at + ": Pullback's outputs");

                var expected = (double[])before.Clone();
                for (int i = 0; i < m; i++)
                {
                    double dz = seed[i] * (1 - y[i] * y[i]);
                    for (int j = 0; j < d; j++) expected[i * d + j] += dz * x[j];
                    expected[m * d + i] += dz;
                }
                var actual = new double[m * d + m];
                Store(gW, actual, 0);
                Array.Copy(gB, 0, actual, m * d, m);
                Close(expected, actual, ClosedFormTolerance, at + ": Pullback vs closed form");

                double[,] numerical = GradientCheck.JacobianCentralDifferences(
                    (v, ys) => VectorValued.AffineTanh(Matrix(v.ToArray(), 0, m, d), Slice(v.ToArray(), m * d, m), x, ys), flat, m);
                var fromDifferences = (double[])before.Clone();
                for (int k = 0; k < flat.Length; k++) for (int i = 0; i < m; i++) fromDifferences[k] += seed[i] * numerical[i, k];
                Close(fromDifferences, actual, DifferenceTolerance, at + ": Pullback vs differences");
            }
        }

        // ----- wrongly sized seeds, gradients and Jacobians -----

        private static void Throws(string expectedName, Action call)
        {
            var e = Assert.ThrowsAny<ArgumentException>(call);
            Assert.Equal(expectedName, e.ParamName);
        }

        [Fact]
        public void Wrong_sizes_throw_naming_the_parameter_and_write_no_gradient()
        {
            double[] x = { 0.1, 0.2, 0.3 };
            double[] y = new double[3];
            double[] g = { 1, 2, 3 };
            Throws("seedY", () => Exercises.SoftmaxPullback(x, y, new double[2], g));
            Exactly(new double[] { 1, 2, 3 }, g, "gradX after a wrong seed");
            double[] shortGrad = { 4, 5 };
            Throws("gradX", () => Exercises.SoftmaxPullback(x, y, new double[3], shortGrad));
            Exactly(new double[] { 4, 5 }, shortGrad, "a wrong gradX");

            foreach (var bad in new[] { new double[3, 2], new double[2, 3], new double[4, 3] })
            {
                bad[0, 0] = 7;
                double[,] copy = Copy(bad);
                Throws("jacobian", () => Exercises.SoftmaxJacobian(x, y, bad));
                Assert.Equal(copy, bad);
            }

            double[,] A = new double[2, 3];
            Throws("jacobian", () => VectorValued.MatVecJacobian(A, x, new double[2], new double[3, 2]));

            double[] acc = { 1, 1, 1 };
            Throws("seedProducts", () => VectorValued.SumsAndProductsPullback(x, new double[3], new double[3], new double[3], new double[4], acc));
            Throws("seedSums", () => VectorValued.SumsAndProductsPullback(x, new double[3], new double[3], new double[1], new double[3], acc));
            Throws("gradX", () => VectorValued.SumsAndProductsPullback(x, new double[3], new double[3], new double[3], new double[3], new double[2]));
            Exactly(new double[] { 1, 1, 1 }, acc, "gradX after wrong seeds");

            double[,] gW = new double[3, 4];
            gW[2, 3] = 9;
            double[] gB = { 8, 8, 8 };
            double[,] W = new double[3, 4];
            Throws("gradW", () => VectorValued.AffineTanhPullback(W, new double[3], new double[4], new double[3], new double[3], new double[3, 3], gB));
            Throws("gradB", () => VectorValued.AffineTanhPullback(W, new double[3], new double[4], new double[3], new double[3], gW, new double[2]));
            Exactly(new double[] { 8, 8, 8 }, gB, "gradB after a wrong gradW");
            Assert.Equal(9, gW[2, 3]);
        }
    }
}
