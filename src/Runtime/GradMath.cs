using System;

namespace GradGen
{
    /// <summary>
    /// Numerically careful scalar functions that GradGen knows how to differentiate.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Each function declares its partial derivatives with <see cref="DerivativeAttribute"/> (or, for
    /// functions of a whole vector, a hand-written pullback marked with
    /// <see cref="CustomPullbackAttribute"/>), so the generator differentiates calls to them without
    /// reading their bodies. The templates are pasted into generated code, which is why they use
    /// fully qualified names and typed literals only.
    /// </para>
    /// <para>
    /// Non-smooth points follow one convention: the derivative at a kink is the one-sided derivative
    /// from the left, so <c>Relu'(0) = 0</c> and <c>LeakyRelu'(0) = slope</c>.
    /// </para>
    /// <para>
    /// None of these methods allocates. LogSumExp is <c>double</c>-only; the scalar functions also have
    /// <c>float</c> overloads, and as with any such pair an integer argument binds to the <c>float</c>
    /// one, so write <c>Sigmoid(2.0)</c>, not <c>Sigmoid(2)</c>.
    /// </para>
    /// </remarks>
    public static class GradMath
    {
        // ---------------------------------------------------------------- Sigmoid

        /// <summary>The logistic function σ(x) = 1 / (1 + e^−x).</summary>
        /// <param name="x">The argument.</param>
        /// <returns>σ(x) in [0, 1]; never overflows, for any finite or infinite <paramref name="x"/>.</returns>
        /// <remarks>Derivative: σ'(x) = σ(x)(1 − σ(x)).</remarks>
        [Derivative("{r} * (1.0 - {r})")]
        public static double Sigmoid(double x)
        {
            // Only ever exponentiate a non-positive number: e^−|x| ≤ 1 cannot overflow, and for
            // x < 0 the form e^x / (1 + e^x) keeps full relative accuracy in the tiny left tail.
            if (x >= 0.0)
            {
                return 1.0 / (1.0 + Math.Exp(-x));
            }

            double e = Math.Exp(x); // NaN propagates through here
            return e / (1.0 + e);
        }

        /// <summary>The logistic function σ(x) = 1 / (1 + e^−x), in single precision.</summary>
        /// <param name="x">The argument.</param>
        /// <returns>σ(x) in [0, 1].</returns>
        /// <remarks>Derivative: σ'(x) = σ(x)(1 − σ(x)).</remarks>
        [Derivative("{r} * (1f - {r})")]
        public static float Sigmoid(float x)
        {
            if (x >= 0f)
            {
                return 1f / (1f + MathF.Exp(-x));
            }

            float e = MathF.Exp(x);
            return e / (1f + e);
        }

        // ---------------------------------------------------------------- Softplus

        /// <summary>The softplus function ln(1 + e^x), a smooth ReLU.</summary>
        /// <param name="x">The argument.</param>
        /// <returns>ln(1 + e^x) &gt; 0; exact to a few ulps for all x (no overflow for large x,
        /// full relative accuracy for very negative x, where it equals e^x).</returns>
        /// <remarks>Derivative: σ(x), the <see cref="Sigmoid(double)"/>.</remarks>
        [Derivative("global::GradGen.GradMath.Sigmoid({0})")]
        public static double Softplus(double x)
        {
            // ln(1 + e^x) = max(x, 0) + ln(1 + e^−|x|): the exponent is never positive.
            return x > 0.0 ? x + Log1P(Math.Exp(-x)) : Log1P(Math.Exp(x));
        }

        /// <summary>The softplus function ln(1 + e^x), in single precision.</summary>
        /// <param name="x">The argument.</param>
        /// <returns>ln(1 + e^x), correctly rounded from the double-precision result.</returns>
        /// <remarks>Derivative: σ(x), the <see cref="Sigmoid(float)"/>.</remarks>
        [Derivative("global::GradGen.GradMath.Sigmoid({0})")]
        public static float Softplus(float x) => (float)Softplus((double)x);

        /// <summary>The scaled softplus (1/β) ln(1 + e^(βx)), which tends to max(x, 0) as β grows.</summary>
        /// <param name="x">The argument.</param>
        /// <param name="beta">The sharpness β; must be non-zero (normally positive).</param>
        /// <returns>(1/β) ln(1 + e^(βx)), computed stably.</returns>
        /// <remarks>
        /// Partials: ∂/∂x = σ(βx); ∂/∂β = (x·σ(βx) − r) / β where r is the result.
        /// </remarks>
        [Derivative(
            "global::GradGen.GradMath.Sigmoid(({1}) * ({0}))",
            "(({0}) * global::GradGen.GradMath.Sigmoid(({1}) * ({0})) - {r}) / ({1})")]
        public static double Softplus(double x, double beta) => Softplus(beta * x) / beta;

        /// <summary>The scaled softplus (1/β) ln(1 + e^(βx)), in single precision.</summary>
        /// <param name="x">The argument.</param>
        /// <param name="beta">The sharpness β; must be non-zero (normally positive).</param>
        /// <returns>(1/β) ln(1 + e^(βx)).</returns>
        /// <remarks>
        /// Partials: ∂/∂x = σ(βx); ∂/∂β = (x·σ(βx) − r) / β where r is the result.
        /// </remarks>
        [Derivative(
            "global::GradGen.GradMath.Sigmoid(({1}) * ({0}))",
            "(({0}) * global::GradGen.GradMath.Sigmoid(({1}) * ({0})) - {r}) / ({1})")]
        public static float Softplus(float x, float beta) => (float)Softplus((double)x, beta);

        // ---------------------------------------------------------------- ReLU family

        /// <summary>The rectifier max(0, x).</summary>
        /// <param name="x">The argument.</param>
        /// <returns><paramref name="x"/> if positive, otherwise 0 (NaN stays NaN).</returns>
        /// <remarks>Derivative: 1 for x &gt; 0, 0 for x ≤ 0 (convention: Relu'(0) = 0).</remarks>
        [Derivative("({0}) > 0.0 ? 1.0 : 0.0")]
        public static double Relu(double x) => Math.Max(x, 0.0);

        /// <summary>The rectifier max(0, x), in single precision.</summary>
        /// <param name="x">The argument.</param>
        /// <returns><paramref name="x"/> if positive, otherwise 0 (NaN stays NaN).</returns>
        /// <remarks>Derivative: 1 for x &gt; 0, 0 for x ≤ 0 (convention: Relu'(0) = 0).</remarks>
        [Derivative("({0}) > 0f ? 1f : 0f")]
        public static float Relu(float x) => MathF.Max(x, 0f);

        /// <summary>The leaky rectifier: x for x &gt; 0, slope·x otherwise.</summary>
        /// <param name="x">The argument.</param>
        /// <param name="slope">The slope for non-positive x.</param>
        /// <returns><paramref name="x"/> if positive, otherwise <paramref name="slope"/>·<paramref name="x"/>.</returns>
        /// <remarks>
        /// Partials: ∂/∂x = 1 for x &gt; 0, slope for x ≤ 0 (convention: LeakyRelu'(0) = slope);
        /// ∂/∂slope = 0 for x &gt; 0, x for x ≤ 0.
        /// </remarks>
        [Derivative("({0}) > 0.0 ? 1.0 : ({1})", "({0}) > 0.0 ? 0.0 : ({0})")]
        public static double LeakyRelu(double x, double slope = 0.01) => x > 0.0 ? x : slope * x;

        /// <summary>The leaky rectifier: x for x &gt; 0, slope·x otherwise, in single precision.</summary>
        /// <param name="x">The argument.</param>
        /// <param name="slope">The slope for non-positive x.</param>
        /// <returns><paramref name="x"/> if positive, otherwise <paramref name="slope"/>·<paramref name="x"/>.</returns>
        /// <remarks>
        /// Partials: ∂/∂x = 1 for x &gt; 0, slope for x ≤ 0 (convention: LeakyRelu'(0) = slope);
        /// ∂/∂slope = 0 for x &gt; 0, x for x ≤ 0.
        /// </remarks>
        [Derivative("({0}) > 0f ? 1f : ({1})", "({0}) > 0f ? 0f : ({0})")]
        public static float LeakyRelu(float x, float slope = 0.01f) => x > 0f ? x : slope * x;

        // ---------------------------------------------------------------- LogSumExp

        /// <summary>The log-sum-exp ln Σᵢ e^(aᵢ), computed without overflow.</summary>
        /// <param name="a">The values; may be empty.</param>
        /// <returns>
        /// ln Σ e^(aᵢ): −∞ for an empty span or when every value is −∞, +∞ when any value is +∞,
        /// NaN when any value is NaN.
        /// </returns>
        /// <remarks>
        /// Its gradient is softmax(a); GradGen differentiates calls through the hand-written
        /// <see cref="LogSumExpPullback"/>.
        /// </remarks>
        [CustomPullback]
        public static double LogSumExp(ReadOnlySpan<double> a)
        {
            double shift = StableShift(a);
            return shift + Math.Log(SumExp(a, shift));
        }

        /// <summary>
        /// Computes <see cref="LogSumExp"/> and adds <paramref name="seed"/>·softmax(a)ᵢ to
        /// <paramref name="gradA"/>[i] (the pullback of the generated-code contract, docs/reference.md §2).
        /// </summary>
        /// <param name="a">The values.</param>
        /// <param name="seed">The adjoint of the result.</param>
        /// <param name="gradA">Accumulates the gradient; must have the length of <paramref name="a"/>.</param>
        /// <returns>ln Σ e^(aᵢ), as <see cref="LogSumExp"/> returns it.</returns>
        /// <exception cref="ArgumentException">The lengths differ; nothing has been written.</exception>
        public static double LogSumExpPullback(ReadOnlySpan<double> a, double seed, Span<double> gradA)
        {
            if (gradA.Length != a.Length)
            {
                throw new ArgumentException(
                    $"gradA has length {gradA.Length} but a has length {a.Length}.", nameof(gradA));
            }

            double shift = StableShift(a);
            double sum = SumExp(a, shift);
            // softmax(a)ᵢ = e^(aᵢ−shift) / sum; fold seed/sum into one factor.
            double scale = seed / sum;
            for (int i = 0; i < a.Length; i++)
            {
                gradA[i] += scale * Math.Exp(a[i] - shift);
            }

            return shift + Math.Log(sum);
        }

        /// <summary>The largest value, or 0 when it is infinite, so that a − shift never is ∞ − ∞.</summary>
        private static double StableShift(ReadOnlySpan<double> a)
        {
            double max = double.NegativeInfinity;
            foreach (double v in a)
            {
                if (double.IsNaN(v))
                {
                    return v;
                }

                max = Math.Max(max, v);
            }

            return double.IsInfinity(max) ? 0.0 : max;
        }

        private static double SumExp(ReadOnlySpan<double> a, double shift)
        {
            double sum = 0.0;
            foreach (double v in a)
            {
                sum += Math.Exp(v - shift);
            }

            return sum;
        }

        // ---------------------------------------------------------------- Erf / Erfc

        /// <summary>The error function erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt.</summary>
        /// <param name="x">The argument.</param>
        /// <returns>erf(x) in [−1, 1], within 1e-15 relative error for every normal x (±1 beyond |x| ≥ 6).</returns>
        /// <remarks>Derivative: (2/√π) e^(−x²).</remarks>
        [Derivative("1.1283791670955126 * global::System.Math.Exp(-({0}) * ({0}))")]
        public static double Erf(double x)
        {
            double ax = Math.Abs(x);
            if (ax < 0.84375)
            {
                // erf(x) = x + x·R(x²): the correction term is small, so the result keeps x's accuracy.
                return x + x * ErfSmallRatio(x * x);
            }

            if (ax < 1.25)
            {
                double v = Erx + ErfNearOne(ax - 1.0);
                return x < 0 ? -v : v;
            }

            if (ax < 6.0)
            {
                double v = 1.0 - ErfcTail(ax);
                return x < 0 ? -v : v;
            }

            // erfc(6) ≈ 2.2e-17 is below half an ulp of 1, so the result rounds to ±1.
            return double.IsNaN(x) ? x : Math.CopySign(1.0, x);
        }

        /// <summary>The error function in single precision.</summary>
        /// <param name="x">The argument.</param>
        /// <returns>erf(x), rounded from the double-precision result.</returns>
        /// <remarks>Derivative: (2/√π) e^(−x²).</remarks>
        [Derivative("1.1283792f * global::System.MathF.Exp(-({0}) * ({0}))")]
        public static float Erf(float x) => (float)Erf((double)x);

        /// <summary>The complementary error function erfc(x) = 1 − erf(x), accurate in the right tail.</summary>
        /// <param name="x">The argument.</param>
        /// <returns>erfc(x) in [0, 2], with full relative accuracy where it is small (it underflows past x ≈ 27.2).</returns>
        /// <remarks>Derivative: −(2/√π) e^(−x²).</remarks>
        [Derivative("-1.1283791670955126 * global::System.Math.Exp(-({0}) * ({0}))")]
        public static double Erfc(double x)
        {
            double ax = Math.Abs(x);
            if (ax < 0.84375)
            {
                double y = x * ErfSmallRatio(x * x);
                // For x ≥ 1/4, 1 − erf(x) loses a bit; regrouping as ½ − (x·R + (x − ½)) is exact-er
                // because x − ½ is exact there (Sterbenz).
                return x < 0.25 ? 1.0 - (x + y) : 0.5 - (y + (x - 0.5));
            }

            if (ax < 1.25)
            {
                double p = ErfNearOne(ax - 1.0);
                return x > 0 ? (1.0 - Erx) - p : 1.0 + (Erx + p);
            }

            if (ax < 28.0)
            {
                if (x < -6.0)
                {
                    return 2.0;
                }

                double tail = ErfcTail(ax);
                return x > 0 ? tail : 2.0 - tail;
            }

            if (double.IsNaN(x))
            {
                return x;
            }

            return x > 0 ? 0.0 : 2.0;
        }

        /// <summary>The complementary error function in single precision.</summary>
        /// <param name="x">The argument.</param>
        /// <returns>erfc(x), rounded from the double-precision result.</returns>
        /// <remarks>Derivative: −(2/√π) e^(−x²).</remarks>
        [Derivative("-1.1283792f * global::System.MathF.Exp(-({0}) * ({0}))")]
        public static float Erfc(float x) => (float)Erfc((double)x);

        // The rational minimax approximations and the range split below are those of Sun's fdlibm
        // s_erf.c (freely distributable; "Copyright (C) 1993 by Sun Microsystems, Inc. ... Permission
        // to use, copy, modify, and distribute this software is freely granted, provided that this
        // notice is preserved."). Each approximation's error is below 2^-57 on its interval, so
        // the result is within about one ulp; the tests compare against 40-digit reference values.

        // erx = erf(1) rounded to 24 bits, so that erx + P/Q is accurate on [0.84375, 1.25).
        private const double Erx = 8.45062911510467529297e-01;

        /// <summary>(erf(x) − x)/x as a rational function of z = x², for |x| &lt; 0.84375.</summary>
        private static double ErfSmallRatio(double z)
        {
            const double pp0 = 1.28379167095512558561e-01, pp1 = -3.25042107247001499370e-01,
                pp2 = -2.84817495755985104766e-02, pp3 = -5.77027029648944159157e-03,
                pp4 = -2.37630166566501626084e-05;
            const double qq1 = 3.97917223959155352819e-01, qq2 = 6.50222499887672944485e-02,
                qq3 = 5.08130628187576562776e-03, qq4 = 1.32494738004321644526e-04,
                qq5 = -3.96022827877536812320e-06;
            double r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
            double s = 1.0 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
            return r / s;
        }

        /// <summary>erf(1 + s) − erx, for 0.84375 ≤ 1 + s &lt; 1.25.</summary>
        private static double ErfNearOne(double s)
        {
            const double pa0 = -2.36211856075265944077e-03, pa1 = 4.14856118683748331666e-01,
                pa2 = -3.72207876035701323847e-01, pa3 = 3.18346619901161753674e-01,
                pa4 = -1.10894694282396677476e-01, pa5 = 3.54783043256182359371e-02,
                pa6 = -2.16637559486879084300e-03;
            const double qa1 = 1.06420880400844228286e-01, qa2 = 5.40397917702171048937e-01,
                qa3 = 7.18286544141962662868e-02, qa4 = 1.26171219808761642112e-01,
                qa5 = 1.36370839120290507362e-02, qa6 = 1.19844998467991074170e-02;
            double p = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))));
            double q = 1.0 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))));
            return p / q;
        }

        /// <summary>erfc(x) for 1.25 ≤ x &lt; 28, as exp(−x² − 0.5625 + R(1/x²)/S(1/x²)) / x.</summary>
        private static double ErfcTail(double x)
        {
            double s = 1.0 / (x * x);
            double r, q;
            if (x < 1.0 / 0.35)
            {
                const double ra0 = -9.86494403484714822705e-03, ra1 = -6.93858572707181764372e-01,
                    ra2 = -1.05586262253232909814e+01, ra3 = -6.23753324503260060396e+01,
                    ra4 = -1.62396669462573470355e+02, ra5 = -1.84605092906711035994e+02,
                    ra6 = -8.12874355063065934246e+01, ra7 = -9.81432934416914548592e+00;
                const double sa1 = 1.96512716674392571292e+01, sa2 = 1.37657754143519042600e+02,
                    sa3 = 4.34565877475229228821e+02, sa4 = 6.45387271733267880336e+02,
                    sa5 = 4.29008140027567833386e+02, sa6 = 1.08635005541779435134e+02,
                    sa7 = 6.57024977031928170135e+00, sa8 = -6.04244152148580987438e-02;
                r = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))));
                q = 1.0 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))));
            }
            else
            {
                const double rb0 = -9.86494292470009928597e-03, rb1 = -7.99283237680523006574e-01,
                    rb2 = -1.77579549177547519889e+01, rb3 = -1.60636384855821916062e+02,
                    rb4 = -6.37566443368389627722e+02, rb5 = -1.02509513161107724954e+03,
                    rb6 = -4.83519191608651397019e+02;
                const double sb1 = 3.03380607434824582924e+01, sb2 = 3.25792512996573918826e+02,
                    sb3 = 1.53672958608443695994e+03, sb4 = 3.19985821950859553908e+03,
                    sb5 = 2.55305040643316442583e+03, sb6 = 4.74528541206955367215e+02,
                    sb7 = -2.24409524465858183362e+01;
                r = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))));
                q = 1.0 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))));
            }

            // e^(−x²) would amplify the rounding error of x² by x² (≈ 800 at x = 28). Split x = z + (x − z)
            // with z = x truncated to 21 significant bits, so z² is exact and (z − x)(z + x) is tiny.
            double z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFF00000000UL));
            return Math.Exp(-z * z - 0.5625) * Math.Exp((z - x) * (z + x) + r / q) / x;
        }

        // ---------------------------------------------------------------- helpers

        /// <summary>
        /// ln(1 + x) for 0 ≤ x ≤ 1, accurate for tiny x (the BCL's <c>double.LogP1</c> is
        /// <c>Log(1 + x)</c>, which returns 0 for x below 1.1e-16).
        /// </summary>
        private static double Log1P(double x)
        {
            // Kahan's trick: u = 1 + x is rounded, but ln(u)·x/(u − 1) cancels that rounding error
            // to first order, leaving a few ulps.
            double u = 1.0 + x;
            return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
        }
    }
}
