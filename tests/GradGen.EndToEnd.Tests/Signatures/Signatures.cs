using System;
using GradGen;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>Methods whose generated signatures are under test: output order, defaults, nullable parameters.</summary>
    public static partial class Signatures
    {
        /// <summary>A Black-Scholes call price, its partials all different (delta, rho, vega).</summary>
        /// <param name="spot">The spot price S.</param>
        /// <param name="rate">The risk-free rate r.</param>
        /// <param name="vol">The volatility σ.</param>
        /// <param name="strike">The strike K.</param>
        /// <param name="maturity">The time to maturity T, in years.</param>
        /// <returns>The price of a European call.</returns>
#pragma warning disable GG0021 // on purpose: the wrt list's order is not the declaration order, and the outputs must follow the declaration
        [Differentiable(nameof(spot), nameof(vol), nameof(rate))]
#pragma warning restore GG0021
        public static double CallPrice(double spot, double rate, double vol, double strike, double maturity)
        {
            double sqrtT = Math.Sqrt(maturity);
            double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * maturity) / (vol * sqrtT);
            double d2 = d1 - vol * sqrtT;
            double n1 = 0.5 * (1.0 + GradMath.Erf(d1 / Math.Sqrt(2.0)));
            double n2 = 0.5 * (1.0 + GradMath.Erf(d2 / Math.Sqrt(2.0)));
            return spot * n1 - strike * Math.Exp(-rate * maturity) * n2;
        }

        /// <summary>Calls <see cref="CallPrice"/>: the chain rule must bind its pullback's outputs in declaration order too.</summary>
        [Differentiable]
        public static double Position(double spot, double rate, double vol)
            => 3.0 * CallPrice(spot, rate, vol, 95.0, 0.5) - CallPrice(spot, rate, 1.5 * vol, 105.0, 2.0) + 0.1 * spot * rate;

        /// <summary>Optional weights and scale: constants with default values, one of them a nullable array.</summary>
        [Differentiable(nameof(x), nameof(y))]
        public static double Weighted(double x, double y, double[]? weights = null, double scale = 2.0)
        {
            double w0 = 1.0;
            double w1 = 1.0;
            if (weights is not null)
            {
                w0 = weights[0];
                w1 = weights[1];
            }
            return scale * (w0 * x * x + w1 * Math.Sin(x * y));
        }

        /// <summary>A nullable differentiated array: null has an empty gradient.</summary>
        [Differentiable(nameof(xs))]
        public static double SumOfSquares(double[]? xs, double bias = 0.5)
        {
            if (xs is null) return bias;
            double s = bias;
            for (int i = 0; i < xs.Length; i++) s += xs[i] * xs[i];
            return s;
        }

        /// <summary>The hand-written sigmoid GG0022 points at; its generated gradient is NaN far left.</summary>
        [Differentiable]
        public static double HandWrittenSigmoid(double u) => 1.0 / (1.0 + Math.Exp(-u));

        /// <summary>What GG0022's code fix writes instead.</summary>
        [Differentiable]
        public static double StableSigmoid(double u) => GradMath.Sigmoid(u);
    }
}
