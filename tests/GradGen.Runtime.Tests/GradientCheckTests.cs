using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace GradGen.Runtime.Tests
{
    public class GradientCheckTests
    {
        private static double Rosenbrock(double[] x)
        {
            double sum = 0;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                sum += 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2);
            }

            return sum;
        }

        private static double[] RosenbrockGradient(double[] x)
        {
            var g = new double[x.Length];
            for (int i = 0; i + 1 < x.Length; i++)
            {
                double d = x[i + 1] - x[i] * x[i];
                g[i] += -400 * x[i] * d - 2 * (1 - x[i]);
                g[i + 1] += 200 * d;
            }

            return g;
        }

        [Fact]
        public void Richardson_is_exact_on_quartics_up_to_rounding()
        {
            // The extrapolation cancels the h² term; the h⁴ term involves f⁽⁵⁾, which is 0 here.
            static double Quartic(double x) => ((x - 3) * x * x * x) + x - 2;
            foreach (double x in new[] { -2.5, -0.3, 0.0, 1.3, 40.0 })
            {
                double exact = (4 * x * x * x) - (9 * x * x) + 1;
                Assert.True(GradientCheck.RelativeError(exact, GradientCheck.RichardsonDerivative(Quartic, x)) < 1e-11, $"at {x}");
            }
        }

        [Fact]
        public void Richardson_beats_plain_central_differences_on_a_smooth_function()
        {
            static double F(double x) => Math.Exp(Math.Sin(3 * x));
            static double DF(double x) => 3 * Math.Cos(3 * x) * Math.Exp(Math.Sin(3 * x));
            double worstPlain = 0, worstRichardson = 0;
            for (double x = -2; x <= 2; x += 0.37)
            {
                worstPlain = Math.Max(worstPlain, GradientCheck.RelativeError(DF(x), GradientCheck.Derivative(F, x)));
                worstRichardson = Math.Max(worstRichardson, GradientCheck.RelativeError(DF(x), GradientCheck.RichardsonDerivative(F, x)));
            }

            Assert.True(worstRichardson < 1e-10, $"Richardson error {worstRichardson}");
            Assert.True(worstRichardson < worstPlain, $"Richardson {worstRichardson} vs plain {worstPlain}");
        }

        [Fact]
        public void RichardsonDifferences_gives_every_component_and_flags_a_kink()
        {
            double[] x = { 1.2, -0.7, 0.4, 2.0 };
            double[] g = GradientCheck.RichardsonDifferences(Rosenbrock, x, out double[] errors);
            double[] exact = RosenbrockGradient(x);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(GradientCheck.RelativeError(exact[i], g[i]) < 1e-9, $"component {i}: {g[i]} vs {exact[i]}");
                Assert.True(errors[i] < 1e-4, $"component {i}: error estimate {errors[i]}");
            }

            // |x| straddled at 1e-5: the two step sizes disagree, and the estimate says so.
            GradientCheck.RichardsonDifferences(v => Math.Abs(v[0]), new[] { 1e-5 }, out double[] kink);
            Assert.True(kink[0] > 0.01, $"kink error estimate {kink[0]}");
        }

        [Fact]
        public void RichardsonDifferences_resolve_a_fast_oscillation_and_bound_their_error()
        {
            // The function a 10,000-program soak reduced seed 5777 to: exp(0.5 sin(l²)) with l ≈ 8.1 scaled
            // by (1 + 0.3 tanh(-c))⁶. One extrapolation left 1.0e-6 relative error here, enough to flag a
            // correct gradient; the Romberg step leaves 3e-10, inside its own error estimate.
            const double L = 3.0690685899934635;   // log(x2² + 1) − 6·x1 at the soak's point
            static double F(double c) { double l = L * Math.Pow(1 + 0.3 * Math.Tanh(-c), 6); return Math.Exp(0.5 * Math.Sin(l * l)); }
            static double DF(double c)
            {
                double t = Math.Tanh(-c), k = 1 + 0.3 * t, l = L * Math.Pow(k, 6);
                double dl = L * 6 * Math.Pow(k, 5) * 0.3 * -(1 - t * t);
                return F(c) * 0.5 * Math.Cos(l * l) * 2 * l * dl;
            }

            const double c = -0.673708893439597;
            double[] g = GradientCheck.RichardsonDifferences(v => F(v[0]), new[] { c }, out double[] errors);
            Assert.True(GradientCheck.RelativeError(DF(c), g[0]) < 1e-8, $"{g[0]} vs {DF(c)}");
            Assert.True(Math.Abs(g[0] - DF(c)) <= errors[0], $"error {Math.Abs(g[0] - DF(c))} beyond the estimate {errors[0]}");
        }

        [Fact]
        public void RelativeError_is_absolute_below_one_and_relative_above()
        {
            Assert.Equal(0.25, GradientCheck.RelativeError(0.25, 0.5));
            Assert.Equal(1.0 / 101.0, GradientCheck.RelativeError(100, 101));
            Assert.Equal(0.0, GradientCheck.RelativeError(double.PositiveInfinity, double.PositiveInfinity));
            Assert.Equal(double.PositiveInfinity, GradientCheck.RelativeError(double.NaN, double.NaN));
            Assert.Equal(double.PositiveInfinity, GradientCheck.RelativeError(1.0, double.NaN));
            Assert.Equal(double.PositiveInfinity, GradientCheck.RelativeError(double.NegativeInfinity, double.PositiveInfinity));
        }

        [Fact]
        public void CentralDifferences_are_accurate_and_leave_the_input_alone()
        {
            double[] x = [-1.2, 1.0, 0.5, 3.0];
            double[] before = (double[])x.Clone();
            var seen = new List<double[]>();
            double[] numerical = GradientCheck.CentralDifferences(
                v =>
                {
                    seen.Add((double[])v.Clone());
                    return Rosenbrock(v);
                },
                x);

            Assert.Equal(before, x);
            double[] exact = RosenbrockGradient(x);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(GradientCheck.RelativeError(exact[i], numerical[i]) < 1e-8, $"component {i}");
            }

            // Each evaluation moves exactly one component: the previous one was restored.
            Assert.Equal(2 * x.Length, seen.Count);
            for (int k = 0; k < seen.Count; k++)
            {
                Assert.Equal(1, seen[k].Zip(x).Count(p => p.First != p.Second));
                Assert.NotEqual(x[k / 2], seen[k][k / 2]);
            }
        }

        [Theory]
        [InlineData(0.1)]
        [InlineData(-3.3)]
        [InlineData(1e8 + 0.3)]
        [InlineData(0.0)]
        public void The_step_is_the_representable_distance_between_the_points(double x)
        {
            // The identity's difference quotient is exactly 1 only if the divisor is the true distance.
            Assert.Equal(1.0, GradientCheck.Derivative(v => v, x));
            Assert.Equal(1.0, GradientCheck.CentralDifferences(v => v[0], [x])[0]);
        }

        [Fact]
        public void Derivative_of_smooth_scalars_is_accurate()
        {
            for (double x = -5; x <= 5; x += 0.25)
            {
                Assert.True(Math.Abs(GradientCheck.Derivative(Math.Sin, x) - Math.Cos(x)) < 1e-10, $"sin' at {x}");
                Assert.True(GradientCheck.RelativeError(Math.Exp(x), GradientCheck.Derivative(Math.Exp, x)) < 1e-9, $"exp' at {x}");
            }

            // The step scales with |x|: with h = ∛ε alone, rounding error in ln(1e6) ≈ 13.8 would be
            // ulp(13.8) / 2h ≈ 1.5e-10, a relative error of 1.5e-4 in the derivative 1e-6.
            Close.Relative(1e-6, GradientCheck.Derivative(Math.Log, 1e6), 1e-9);
        }

        [Fact]
        public void A_correct_gradient_passes()
        {
            double[] x = [-1.2, 1.0, 0.5, 0.7, 2.0];
            GradientCheckResult result = GradientCheck.Check(Rosenbrock, x, RosenbrockGradient(x));

            Assert.True(result.Passed, result.ToString());
            Assert.Empty(result.Mismatches);
            Assert.True(result.MaxRelativeError < 1e-8);
            Assert.InRange(result.WorstIndex, 0, 4);
            Assert.Equal($"x[{result.WorstIndex}]", result.WorstName);
            Assert.StartsWith("gradient check passed: 5 components agree (tolerance 1e-06); worst x[", result.ToString());
        }

        [Fact]
        public void A_wrong_gradient_fails_naming_the_worst_component()
        {
            // f(w) = w·c is linear and evaluated at 0 with dyadic c, so the numerical gradient is exactly c.
            double[] c = [1.0, -2.0, 0.125, 0.5, 3.0];
            double[] w = new double[5];
            double[] analytic = [1.0, -2.5, 0.125, 0.25, 3.0];
            string[] names = Enumerable.Range(0, 5).Select(i => $"w[{i}]").ToArray();

            GradientCheckResult result = GradientCheck.Check(v => v.Zip(c).Sum(p => p.First * p.Second), w, analytic, names: names);

            Assert.False(result.Passed);
            Assert.Equal(3, result.WorstIndex);
            Assert.Equal("w[3]", result.WorstName);
            Assert.Equal(0.25, result.MaxRelativeError);
            Assert.Equal(c, result.Numerical);
            Assert.Equal(analytic, result.Analytic);
            Assert.Equal(
                [new GradientMismatch(1, "w[1]", -2.5, -2.0, 0.2), new GradientMismatch(3, "w[3]", 0.25, 0.5, 0.25)],
                result.Mismatches);
            Assert.Equal(
                "gradient check FAILED: 2 of 5 components differ (tolerance 1e-06); worst w[3]: analytic 0.25, numerical 0.5, rel. error 0.25"
                + Environment.NewLine + "  w[1]: analytic -2.5, numerical -2, rel. error 0.2"
                + Environment.NewLine + "  w[3]: analytic 0.25, numerical 0.5, rel. error 0.25",
                result.ToString());
        }

        [Fact]
        public void A_NaN_component_never_passes()
        {
            GradientCheckResult result = GradientCheck.Compare([1.0, 2.0], [1.0, double.NaN]);
            Assert.False(result.Passed);
            Assert.Equal("grad[1]", result.WorstName);
            Assert.Equal(double.PositiveInfinity, result.MaxRelativeError);
        }

        [Fact]
        public void Compare_reports_candidate_against_reference()
        {
            double[] reference = [0.5, 1.5, -4.0];
            GradientCheckResult same = GradientCheck.Compare(reference, [0.5, 1.5 + 1e-12, -4.0]);
            Assert.True(same.Passed, same.ToString());

            GradientCheckResult result = GradientCheck.Compare(reference, [0.5, 1.5, -3.0], names: ["a", "b", "c"]);
            Assert.False(result.Passed);
            Assert.Equal("c", result.WorstName);
            Assert.Equal(reference, result.Numerical);
            Assert.Equal([0.5, 1.5, -3.0], result.Analytic);
            Assert.Equal(
                "gradient comparison FAILED: 1 of 3 components differ (tolerance 1e-09); worst c: candidate -3, reference -4, rel. error 0.25"
                + Environment.NewLine + "  c: candidate -3, reference -4, rel. error 0.25",
                result.ToString());
        }

        [Fact]
        public void Results_are_copies()
        {
            double[] reference = [1.0, 2.0];
            double[] candidate = [1.0, 2.0];
            GradientCheckResult result = GradientCheck.Compare(reference, candidate);
            reference[0] = candidate[0] = 99;
            Assert.Equal([1.0, 2.0], result.Numerical);
            Assert.Equal([1.0, 2.0], result.Analytic);
        }

        [Fact]
        public void An_empty_gradient_passes_with_no_worst_component()
        {
            GradientCheckResult result = GradientCheck.Compare([], []);
            Assert.True(result.Passed);
            Assert.Equal(-1, result.WorstIndex);
            Assert.Null(result.WorstName);
            Assert.Equal("gradient comparison passed: 0 components agree (tolerance 1e-09)", result.ToString());
        }

        [Fact]
        public void Bad_arguments_are_rejected()
        {
            Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => GradientCheck.Check(v => v[0], [1.0], [1.0, 2.0])).ParamName);
            Assert.Equal("candidate", Assert.Throws<ArgumentException>(() => GradientCheck.Compare([1.0], [])).ParamName);
            Assert.Equal("names", Assert.Throws<ArgumentException>(() => GradientCheck.Compare([1.0], [1.0], names: ["a", "b"])).ParamName);
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Compare([1.0], [1.0], tolerance: -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Compare([1.0], [1.0], tolerance: double.NaN));
            Assert.Equal("candidate", Assert.Throws<ArgumentException>(() => GradientCheck.CompareJacobian(new double[2, 2], new double[2, 3])).ParamName);
        }

        // ------------------------------------------------------------------ Jacobians

        private static void Softmax(ReadOnlySpan<double> x, Span<double> y)
        {
            double max = double.NegativeInfinity;
            foreach (double v in x)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = Math.Exp(x[i] - max);
                sum += y[i];
            }

            for (int i = 0; i < x.Length; i++)
            {
                y[i] /= sum;
            }
        }

        /// <summary>∂y_i/∂x_j = y_i(δ_ij − y_j), or with the student's wrong diagonal y_i(1 + y_i).</summary>
        private static double[,] SoftmaxJacobian(double[] x, bool wrongDiagonal)
        {
            double[] y = new double[x.Length];
            Softmax(x, y);
            var j = new double[x.Length, x.Length];
            for (int r = 0; r < x.Length; r++)
            {
                for (int c = 0; c < x.Length; c++)
                {
                    j[r, c] = r != c ? -y[r] * y[c] : wrongDiagonal ? y[r] * (1 + y[r]) : y[r] * (1 - y[r]);
                }
            }

            return j;
        }

        [Fact]
        public void JacobianCentralDifferences_match_the_softmax_jacobian()
        {
            double[] x = [0.3, -1.0, 2.0, 0.5];
            double[,] numerical = GradientCheck.JacobianCentralDifferences(Softmax, x, 4);
            JacobianCheckResult result = GradientCheck.CompareJacobian(numerical, SoftmaxJacobian(x, wrongDiagonal: false), 1e-9);

            Assert.True(result.Passed, result.ToString());
            Assert.StartsWith("Jacobian check passed: 16 entries agree (tolerance 1e-09); worst J[", result.ToString());
        }

        [Fact]
        public void The_wrong_softmax_diagonal_is_reported_entry_by_entry()
        {
            double[] x = [0.3, -1.0, 2.0, 0.5];
            double[] y = new double[4];
            Softmax(x, y);
            double[,] numerical = GradientCheck.JacobianCentralDifferences(Softmax, x, 4);

            JacobianCheckResult result = GradientCheck.CompareJacobian(numerical, SoftmaxJacobian(x, wrongDiagonal: true), 1e-6);

            Assert.False(result.Passed);
            // Exactly the diagonal disagrees, each by y_i(1 + y_i) − y_i(1 − y_i) = 2y_i².
            Assert.Equal([(0, 0), (1, 1), (2, 2), (3, 3)], result.Mismatches.Select(m => (m.Row, m.Column)));
            foreach (JacobianMismatch m in result.Mismatches)
            {
                Assert.True(Math.Abs(m.Difference - 2 * y[m.Row] * y[m.Row]) < 1e-9);
                Assert.Equal(m.Candidate - m.Reference, m.Difference);
            }

            // The largest softmax output has the largest error.
            Assert.Equal((2, 2), (result.WorstRow, result.WorstColumn));
            Assert.Equal("J[2,2]", result.WorstName);
            string report = result.ToString();
            Assert.StartsWith("Jacobian check FAILED: 4 of 16 entries differ (tolerance 1e-06); worst J[2,2]: reference ", report);
            string[] lines = report.Split(Environment.NewLine);
            Assert.Equal(5, lines.Length);
            for (int i = 0; i < 4; i++)
            {
                Assert.StartsWith($"  J[{i},{i}]: reference ", lines[i + 1]);
                Assert.Contains(", candidate ", lines[i + 1]);
                Assert.Contains(", difference ", lines[i + 1]);
            }
        }

        [Fact]
        public void JacobianCentralDifferences_handle_non_square_maps()
        {
            // y = (x0·x1, sin x1) of three inputs: a 2 × 3 Jacobian with a zero column.
            static void F(ReadOnlySpan<double> x, Span<double> y)
            {
                y[0] = x[0] * x[1];
                y[1] = Math.Sin(x[1]);
            }

            double[,] j = GradientCheck.JacobianCentralDifferences(F, [2.0, 0.5, -1.0], 2);
            double[,] exact = { { 0.5, 2.0, 0.0 }, { 0.0, Math.Cos(0.5), 0.0 } };
            Assert.True(GradientCheck.CompareJacobian(exact, j, 1e-9).Passed);
            Assert.Equal(2, j.GetLength(0));
            Assert.Equal(3, j.GetLength(1));
        }
    }
}
