using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GradGen
{
    /// <summary>
    /// Finite-difference checks for gradients and Jacobians, for use in tests: compare a generated
    /// or hand-derived derivative with central differences, or two derivatives with each other.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Components are compared by <see cref="RelativeError"/>, |a − b| / max(1, |a|, |b|): an absolute
    /// error for components of magnitude below 1 and a relative one above, so tiny components are
    /// not judged by their noise.
    /// </para>
    /// <para>
    /// Central differences use the step hᵢ = ∛ε · max(1, |xᵢ|) (ε = 2⁻⁵²), which balances truncation
    /// error O(h²) against rounding error O(ε/h): expect agreement to about 1e-10 relative for smooth
    /// functions of moderate curvature, so a tolerance of 1e-6 separates real bugs from noise.
    /// </para>
    /// </remarks>
    public static class GradientCheck
    {
        // ∛ε with ε = 2⁻⁵², the spacing of doubles at 1 (double.Epsilon is the smallest subnormal instead).
        private static readonly double StepScale = Math.Cbrt(1.0 / (1L << 52));

        /// <summary>The comparison measure: |a − b| / max(1, |a|, |b|).</summary>
        /// <param name="a">One value (e.g. analytic).</param>
        /// <param name="b">The other value (e.g. numerical).</param>
        /// <returns>
        /// The relative error; 0 when the values are equal (including equal infinities), +∞ when
        /// either is NaN or they are unequal infinities, so such components always fail.
        /// </returns>
        public static double RelativeError(double a, double b)
        {
            if (a == b)
            {
                return 0.0;
            }

            double error = Math.Abs(a - b) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
            return double.IsNaN(error) ? double.PositiveInfinity : error;
        }

        /// <summary>The gradient of <paramref name="f"/> at <paramref name="x"/> by central differences.</summary>
        /// <param name="f">The function; it is called 2n times with a scratch copy of x, which it must not keep or modify.</param>
        /// <param name="x">The point.</param>
        /// <returns>A new array with (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ) per component.</returns>
        public static double[] CentralDifferences(Func<double[], double> f, ReadOnlySpan<double> x)
        {
            ArgumentNullException.ThrowIfNull(f);
            double[] point = x.ToArray();
            double[] gradient = new double[point.Length];
            for (int i = 0; i < point.Length; i++)
            {
                double xi = point[i];
                (double plus, double minus) = StepPoints(xi);
                point[i] = plus;
                double fPlus = f(point);
                point[i] = minus;
                double fMinus = f(point);
                point[i] = xi;
                gradient[i] = (fPlus - fMinus) / (plus - minus);
            }

            return gradient;
        }

        /// <summary>The derivative of a scalar function by a central difference.</summary>
        /// <param name="f">The function.</param>
        /// <param name="x">The point.</param>
        /// <returns>(f(x + h) − f(x − h)) / (2h) with h = ∛ε · max(1, |x|).</returns>
        public static double Derivative(Func<double, double> f, double x)
        {
            ArgumentNullException.ThrowIfNull(f);
            (double plus, double minus) = StepPoints(x);
            return (f(plus) - f(minus)) / (plus - minus);
        }

        /// <summary>
        /// The gradient of <paramref name="f"/> at <paramref name="x"/> by Richardson-extrapolated
        /// central differences: with D(h) = (f(x + heᵢ) − f(x − heᵢ)) / (2h), R(h) = (4·D(h/2) − D(h)) / 3
        /// cancels the h² error term, leaving O(h⁴), and one more step, (16·R(h/2) − R(h)) / 15, cancels
        /// the h⁴ term (Romberg). The step h is a power of two near ε^(1/5) · max(1, |xᵢ|), so that every
        /// x ± h/2ᵏ used is exact.
        /// </summary>
        /// <param name="f">The function; it is called 6n times with a scratch copy of x, which it must not keep or modify.</param>
        /// <param name="x">The point.</param>
        /// <param name="errors">
        /// Per component, |R(h) − R(h/2)|: an upper estimate of the returned value's error. On a smooth
        /// function it is tiny (about 1e-12 relative); on a fast-oscillating one it measures what the
        /// steps cannot resolve; where the function is not smooth within h (a kink of Max or Abs, a
        /// branch) it is large: the estimate is then not to be trusted.
        /// </param>
        /// <returns>A new array with (16·R(h/2) − R(h)) / 15 per component.</returns>
        public static double[] RichardsonDifferences(Func<double[], double> f, ReadOnlySpan<double> x, out double[] errors)
        {
            ArgumentNullException.ThrowIfNull(f);
            double[] point = x.ToArray();
            double[] gradient = new double[point.Length];
            errors = new double[point.Length];
            for (int i = 0; i < point.Length; i++)
            {
                double xi = point[i];
                double h = RichardsonStep(xi);
                double Central(double step)
                {
                    point[i] = xi + step;
                    double fPlus = f(point);
                    point[i] = xi - step;
                    double fMinus = f(point);
                    point[i] = xi;
                    return (fPlus - fMinus) / (2 * step);
                }

                double d1 = Central(h), d2 = Central(h / 2), d4 = Central(h / 4);
                double r1 = (4 * d2 - d1) / 3, r2 = (4 * d4 - d2) / 3;
                gradient[i] = (16 * r2 - r1) / 15;
                errors[i] = Math.Abs(r1 - r2);
            }

            return gradient;
        }

        /// <summary>The derivative of a scalar function by Richardson-extrapolated central differences (see <see cref="RichardsonDifferences"/>).</summary>
        /// <param name="f">The function.</param>
        /// <param name="x">The point.</param>
        /// <returns>The Romberg estimate of <see cref="RichardsonDifferences"/>, accurate to O(h⁶).</returns>
        public static double RichardsonDerivative(Func<double, double> f, double x)
        {
            ArgumentNullException.ThrowIfNull(f);
            return RichardsonDifferences(v => f(v[0]), new[] { x }, out _)[0];
        }

        // ε^(1/5) ≈ 7.4e-4 balances the O(h⁴) truncation error against the O(ε/h) rounding error; a
        // power of two far above the ulp of x keeps x ± h, x ± h/2 and x ± h/4 exact.
        private static double RichardsonStep(double x)
        {
            int exponent = Math.ILogB(Math.Max(1.0, Math.Abs(x)));
            return Math.ScaleB(1.0, exponent - 10);
        }

        /// <summary>
        /// The Jacobian of a vector function by central differences:
        /// <c>J[i, j] = ∂y[i]/∂x[j]</c>.
        /// </summary>
        /// <param name="f">Writes y = f(x) into its second argument (every entry; unwritten ones read as 0).</param>
        /// <param name="x">The point.</param>
        /// <param name="outputLength">The length of y.</param>
        /// <returns>A new <paramref name="outputLength"/> × x.Length matrix.</returns>
        public static double[,] JacobianCentralDifferences(
            VectorFunction f, ReadOnlySpan<double> x, int outputLength)
        {
            ArgumentNullException.ThrowIfNull(f);
            ArgumentOutOfRangeException.ThrowIfNegative(outputLength);
            double[] point = x.ToArray();
            double[] yPlus = new double[outputLength];
            double[] yMinus = new double[outputLength];
            double[,] jacobian = new double[outputLength, point.Length];
            for (int j = 0; j < point.Length; j++)
            {
                double xj = point[j];
                (double plus, double minus) = StepPoints(xj);
                point[j] = plus;
                Array.Clear(yPlus);
                f(point, yPlus);
                point[j] = minus;
                Array.Clear(yMinus);
                f(point, yMinus);
                point[j] = xj;
                double width = plus - minus;
                for (int i = 0; i < outputLength; i++)
                {
                    jacobian[i, j] = (yPlus[i] - yMinus[i]) / width;
                }
            }

            return jacobian;
        }

        /// <summary>Checks an analytic gradient against central differences of <paramref name="f"/>.</summary>
        /// <param name="f">The function whose gradient <paramref name="gradient"/> claims to be (see <see cref="CentralDifferences"/>).</param>
        /// <param name="x">The point.</param>
        /// <param name="gradient">The analytic gradient at <paramref name="x"/>.</param>
        /// <param name="tolerance">The largest acceptable <see cref="RelativeError"/> per component.</param>
        /// <param name="names">Optional component names for the report (e.g. "w[3]"); default "x[i]".</param>
        /// <returns>The comparison; <see cref="GradientCheckResult.ToString"/> is a readable report.</returns>
        /// <exception cref="ArgumentException">Lengths of <paramref name="x"/>, <paramref name="gradient"/> or <paramref name="names"/> differ.</exception>
        public static GradientCheckResult Check(
            Func<double[], double> f,
            ReadOnlySpan<double> x,
            ReadOnlySpan<double> gradient,
            double tolerance = 1e-6,
            IReadOnlyList<string>? names = null)
        {
            if (gradient.Length != x.Length)
            {
                throw new ArgumentException(
                    $"gradient has length {gradient.Length} but x has length {x.Length}.", nameof(gradient));
            }

            // Validate everything before the 2n evaluations of f.
            CheckTolerance(tolerance);
            string[] resolved = ResolveNames(names, x.Length, "x");
            double[] numerical = CentralDifferences(f, x);
            return new GradientCheckResult(gradient.ToArray(), numerical, tolerance, resolved, "gradient check", "analytic", "numerical");
        }

        /// <summary>
        /// Compares a candidate gradient (e.g. derived by hand) with a reference one (e.g. generated).
        /// In the result, <see cref="GradientCheckResult.Analytic"/> holds the candidate and
        /// <see cref="GradientCheckResult.Numerical"/> the reference.
        /// </summary>
        /// <param name="reference">The gradient taken as correct.</param>
        /// <param name="candidate">The gradient under test.</param>
        /// <param name="tolerance">The largest acceptable <see cref="RelativeError"/> per component.</param>
        /// <param name="names">Optional component names for the report; default "grad[i]".</param>
        /// <returns>The comparison; <see cref="GradientCheckResult.ToString"/> is a readable report.</returns>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        public static GradientCheckResult Compare(
            ReadOnlySpan<double> reference,
            ReadOnlySpan<double> candidate,
            double tolerance = 1e-9,
            IReadOnlyList<string>? names = null)
        {
            if (candidate.Length != reference.Length)
            {
                throw new ArgumentException(
                    $"candidate has length {candidate.Length} but reference has length {reference.Length}.",
                    nameof(candidate));
            }

            CheckTolerance(tolerance);
            string[] resolved = ResolveNames(names, reference.Length, "grad");
            return new GradientCheckResult(
                candidate.ToArray(), reference.ToArray(), tolerance, resolved, "gradient comparison", "candidate", "reference");
        }

        /// <summary>
        /// Compares a candidate Jacobian (e.g. derived by hand) with a reference one (e.g. from
        /// <see cref="JacobianCentralDifferences"/> or generated), entry by entry.
        /// </summary>
        /// <param name="reference">The Jacobian taken as correct.</param>
        /// <param name="candidate">The Jacobian under test, of the same shape.</param>
        /// <param name="tolerance">The largest acceptable <see cref="RelativeError"/> per entry.</param>
        /// <returns>The comparison; <see cref="JacobianCheckResult.ToString"/> lists every disagreeing entry.</returns>
        /// <exception cref="ArgumentException">The shapes differ.</exception>
        public static JacobianCheckResult CompareJacobian(double[,] reference, double[,] candidate, double tolerance = 1e-9)
        {
            ArgumentNullException.ThrowIfNull(reference);
            ArgumentNullException.ThrowIfNull(candidate);
            CheckTolerance(tolerance);
            if (candidate.GetLength(0) != reference.GetLength(0) || candidate.GetLength(1) != reference.GetLength(1))
            {
                throw new ArgumentException(
                    $"candidate is {candidate.GetLength(0)}×{candidate.GetLength(1)} but reference is "
                    + $"{reference.GetLength(0)}×{reference.GetLength(1)}.",
                    nameof(candidate));
            }

            return new JacobianCheckResult(reference, candidate, tolerance);
        }

        private static string[] ResolveNames(IReadOnlyList<string>? names, int length, string defaultName)
        {
            if (names != null && names.Count != length)
            {
                throw new ArgumentException($"names has {names.Count} entries but the gradient has {length} components.", nameof(names));
            }

            string[] resolved = new string[length];
            for (int i = 0; i < length; i++)
            {
                resolved[i] = names?[i] ?? $"{defaultName}[{i}]";
            }

            return resolved;
        }

        private static void CheckTolerance(double tolerance)
        {
            if (!(tolerance >= 0.0))
            {
                throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a non-negative number.");
            }
        }

        /// <summary>Round-trip formatting with a lower-case exponent: 0.25, 1e-06.</summary>
        internal static string Format(double value) =>
            value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');

        /// <summary>The evaluation points x ± h, with h replaced by the step that x + h actually takes.</summary>
        private static (double Plus, double Minus) StepPoints(double x)
        {
            double h = StepScale * Math.Max(1.0, Math.Abs(x));
            // x + h rounds; (x + h) − x is the step actually taken. The caller divides by the actual
            // distance plus − minus, so a rounded x − h cannot bias the quotient either.
            h = (x + h) - x;
            return (x + h, x - h);
        }
    }

    /// <summary>One gradient component that differs by more than the tolerance.</summary>
    /// <param name="Index">The component's index.</param>
    /// <param name="Name">The component's name in the report.</param>
    /// <param name="Analytic">The value under test (the candidate, for <see cref="GradientCheck.Compare"/>).</param>
    /// <param name="Numerical">The value it is checked against (the reference, for <see cref="GradientCheck.Compare"/>).</param>
    /// <param name="RelativeError">Their <see cref="GradientCheck.RelativeError"/>.</param>
    public readonly record struct GradientMismatch(int Index, string Name, double Analytic, double Numerical, double RelativeError);

    /// <summary>The outcome of <see cref="GradientCheck.Check"/> or <see cref="GradientCheck.Compare"/>.</summary>
    public sealed class GradientCheckResult
    {
        private readonly string _title;
        private readonly string _testedLabel;
        private readonly string _referenceLabel;

        internal GradientCheckResult(
            double[] analytic, double[] numerical, double tolerance, string[] names,
            string title, string testedLabel, string referenceLabel)
        {
            Analytic = analytic;
            Numerical = numerical;
            Tolerance = tolerance;
            _title = title;
            _testedLabel = testedLabel;
            _referenceLabel = referenceLabel;

            var mismatches = new List<GradientMismatch>();
            WorstIndex = -1;
            for (int i = 0; i < analytic.Length; i++)
            {
                double error = GradientCheck.RelativeError(analytic[i], numerical[i]);
                if (WorstIndex < 0 || error > MaxRelativeError)
                {
                    WorstIndex = i;
                    MaxRelativeError = error;
                }

                if (error > tolerance)
                {
                    mismatches.Add(new GradientMismatch(i, names[i], analytic[i], numerical[i], error));
                }
            }

            WorstName = WorstIndex >= 0 ? names[WorstIndex] : null;
            Mismatches = mismatches;
        }

        /// <summary>True when every component is within <see cref="Tolerance"/>.</summary>
        public bool Passed => Mismatches.Count == 0;

        /// <summary>The tolerance the components were held to.</summary>
        public double Tolerance { get; }

        /// <summary>The largest relative error over all components (0 for an empty gradient).</summary>
        public double MaxRelativeError { get; }

        /// <summary>The index of the component with the largest error (the first such), or −1 for an empty gradient.</summary>
        public int WorstIndex { get; }

        /// <summary>The name of the component with the largest error, or <c>null</c> for an empty gradient.</summary>
        public string? WorstName { get; }

        /// <summary>The gradient under test (the candidate, for <see cref="GradientCheck.Compare"/>); a copy.</summary>
        public double[] Analytic { get; }

        /// <summary>The gradient it is checked against (the reference, for <see cref="GradientCheck.Compare"/>); a copy.</summary>
        public double[] Numerical { get; }

        /// <summary>The components whose relative error exceeds <see cref="Tolerance"/>, in index order.</summary>
        public IReadOnlyList<GradientMismatch> Mismatches { get; }

        /// <summary>
        /// A report: one summary line naming the worst component, e.g.
        /// "gradient check FAILED: 2 of 5 components differ (tolerance 1e-06); worst w[3]: analytic 0.25,
        /// numerical 0.5, rel. error 0.25", then one line per mismatching component.
        /// </summary>
        /// <returns>The report.</returns>
        public override string ToString()
        {
            int n = Analytic.Length;
            var text = new StringBuilder(_title);
            text.Append(Passed
                ? $" passed: {n} components agree"
                : $" FAILED: {Mismatches.Count} of {n} components differ");
            text.Append($" (tolerance {GradientCheck.Format(Tolerance)})");
            if (WorstIndex >= 0)
            {
                text.Append("; worst ");
                AppendComponent(text, WorstName!, Analytic[WorstIndex], Numerical[WorstIndex], MaxRelativeError);
            }

            foreach (GradientMismatch m in Mismatches)
            {
                text.AppendLine().Append("  ");
                AppendComponent(text, m.Name, m.Analytic, m.Numerical, m.RelativeError);
            }

            return text.ToString();
        }

        private void AppendComponent(StringBuilder text, string name, double tested, double reference, double error) =>
            text.Append($"{name}: {_testedLabel} {GradientCheck.Format(tested)}, {_referenceLabel} "
                + $"{GradientCheck.Format(reference)}, rel. error {GradientCheck.Format(error)}");
    }

    /// <summary>One Jacobian entry that differs by more than the tolerance.</summary>
    /// <param name="Row">The output index i.</param>
    /// <param name="Column">The input index j.</param>
    /// <param name="Reference">The reference value of ∂y[i]/∂x[j].</param>
    /// <param name="Candidate">The candidate value.</param>
    /// <param name="Difference">Candidate − reference.</param>
    /// <param name="RelativeError">Their <see cref="GradientCheck.RelativeError"/>.</param>
    public readonly record struct JacobianMismatch(
        int Row, int Column, double Reference, double Candidate, double Difference, double RelativeError)
    {
        /// <summary>The entry's name, "J[i,j]".</summary>
        public string Name => JacobianCheckResult.EntryName(Row, Column);
    }

    /// <summary>The outcome of <see cref="GradientCheck.CompareJacobian"/>.</summary>
    public sealed class JacobianCheckResult
    {
        internal JacobianCheckResult(double[,] reference, double[,] candidate, double tolerance)
        {
            Reference = (double[,])reference.Clone();
            Candidate = (double[,])candidate.Clone();
            Tolerance = tolerance;

            var mismatches = new List<JacobianMismatch>();
            WorstRow = WorstColumn = -1;
            for (int i = 0; i < reference.GetLength(0); i++)
            {
                for (int j = 0; j < reference.GetLength(1); j++)
                {
                    double r = reference[i, j], c = candidate[i, j];
                    double error = GradientCheck.RelativeError(c, r);
                    if (WorstRow < 0 || error > MaxRelativeError)
                    {
                        (WorstRow, WorstColumn, MaxRelativeError) = (i, j, error);
                    }

                    if (error > tolerance)
                    {
                        mismatches.Add(new JacobianMismatch(i, j, r, c, c - r, error));
                    }
                }
            }

            Mismatches = mismatches;
        }

        /// <summary>True when every entry is within <see cref="Tolerance"/>.</summary>
        public bool Passed => Mismatches.Count == 0;

        /// <summary>The tolerance the entries were held to.</summary>
        public double Tolerance { get; }

        /// <summary>The largest relative error over all entries (0 for an empty matrix).</summary>
        public double MaxRelativeError { get; }

        /// <summary>The row i of the worst entry (the first such), or −1 for an empty matrix.</summary>
        public int WorstRow { get; }

        /// <summary>The column j of the worst entry, or −1 for an empty matrix.</summary>
        public int WorstColumn { get; }

        /// <summary>The worst entry's name, "J[i,j]", or <c>null</c> for an empty matrix.</summary>
        public string? WorstName => WorstRow >= 0 ? EntryName(WorstRow, WorstColumn) : null;

        /// <summary>A copy of the reference Jacobian.</summary>
        public double[,] Reference { get; }

        /// <summary>A copy of the candidate Jacobian.</summary>
        public double[,] Candidate { get; }

        /// <summary>The entries whose relative error exceeds <see cref="Tolerance"/>, row by row.</summary>
        public IReadOnlyList<JacobianMismatch> Mismatches { get; }

        /// <summary>
        /// A report: a summary line naming the worst entry, e.g. "Jacobian check FAILED: 3 of 9 entries
        /// differ (tolerance 1e-09); worst J[1,1]: …", then one line per disagreeing entry with the
        /// reference, the candidate and their difference.
        /// </summary>
        /// <returns>The report.</returns>
        public override string ToString()
        {
            int n = Reference.Length;
            var text = new StringBuilder("Jacobian check");
            text.Append(Passed ? $" passed: {n} entries agree" : $" FAILED: {Mismatches.Count} of {n} entries differ");
            text.Append($" (tolerance {GradientCheck.Format(Tolerance)})");
            if (WorstRow >= 0)
            {
                double r = Reference[WorstRow, WorstColumn], c = Candidate[WorstRow, WorstColumn];
                text.Append("; worst ");
                AppendEntry(text, new JacobianMismatch(WorstRow, WorstColumn, r, c, c - r, MaxRelativeError));
            }

            foreach (JacobianMismatch m in Mismatches)
            {
                text.AppendLine().Append("  ");
                AppendEntry(text, m);
            }

            return text.ToString();
        }

        internal static string EntryName(int row, int column) =>
            string.Create(CultureInfo.InvariantCulture, $"J[{row},{column}]");

        private static void AppendEntry(StringBuilder text, JacobianMismatch m) =>
            text.Append($"{m.Name}: reference {GradientCheck.Format(m.Reference)}, candidate "
                + $"{GradientCheck.Format(m.Candidate)}, difference {GradientCheck.Format(m.Difference)}, "
                + $"rel. error {GradientCheck.Format(m.RelativeError)}");
    }
}
