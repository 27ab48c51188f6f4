using System;
using System.Linq;
using System.Reflection;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// The generated outputs follow the parameters' declaration order whatever the wrt list's order;
    /// default values are overloads that leave them out; nullable parameters are kept. Gradients
    /// against closed forms and central differences.
    /// </summary>
    public class SignaturesTests
    {
        private static double NormalCdf(double x) => 0.5 * (1.0 + GradMath.Erf(x / Math.Sqrt(2.0)));

        private static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2.0 * Math.PI);

        private static double Central(Func<double, double> f, double x, double h = 1e-5) => (f(x + h) - f(x - h)) / (2 * h);

        [Theory]
        [InlineData(100.0, 0.05, 0.2, 95.0, 1.0)]
        [InlineData(42.0, 0.01, 0.45, 50.0, 0.25)]
        [InlineData(7.5, 0.08, 0.9, 6.0, 3.0)]
        public void WrtListOutOfOrder_OutputsFollowTheDeclaration(double s, double r, double v, double k, double t)
        {
            double price = Signatures.CallPriceGradient(s, r, v, k, t, out double delta, out double rho, out double vega);
            Assert.Equal(Signatures.CallPrice(s, r, v, k, t), price);

            // Closed forms: delta = N(d1), rho = K T e^(-rT) N(d2), vega = S φ(d1) √T.
            double d1 = (Math.Log(s / k) + (r + 0.5 * v * v) * t) / (v * Math.Sqrt(t));
            double d2 = d1 - v * Math.Sqrt(t);
            Close(NormalCdf(d1), delta, 1e-12, "delta");
            Close(k * t * Math.Exp(-r * t) * NormalCdf(d2), rho, 1e-9, "rho");
            Close(s * NormalPdf(d1) * Math.Sqrt(t), vega, 1e-9, "vega");
            // Distinct partials, so that a swap could not pass; and central differences agree.
            Assert.True(Math.Abs(rho - vega) > 1e-3 * Math.Max(Math.Abs(rho), Math.Abs(vega)));
            Close(Central(x => Signatures.CallPrice(x, r, v, k, t), s), delta, 1e-6, "delta vs differences");
            Close(Central(x => Signatures.CallPrice(s, x, v, k, t), r), rho, 1e-5 * Math.Max(1, Math.Abs(rho)), "rho vs differences");
            Close(Central(x => Signatures.CallPrice(s, r, x, k, t), v), vega, 1e-5 * Math.Max(1, Math.Abs(vega)), "vega vs differences");

            // The pullback takes the same order.
            double gs = 0, gr = 0, gv = 0;
            Signatures.CallPricePullback(s, r, v, k, t, 2.0, ref gs, ref gr, ref gv);
            Close(2 * delta, gs, 1e-12, "pullback delta");
            Close(2 * rho, gr, 1e-12, "pullback rho");
            Close(2 * vega, gv, 1e-12, "pullback vega");
        }

        [Theory]
        [InlineData(100.0, 0.05, 0.2)]
        [InlineData(80.0, 0.02, 0.6)]
        public void WrtListOutOfOrder_CallersChainRuleBindsTheSameOrder(double s, double r, double v)
        {
            Signatures.PositionGradient(s, r, v, out double gs, out double gr, out double gv);
            Signatures.CallPriceGradient(s, r, v, 95.0, 0.5, out double d1, out double r1, out double v1);
            Signatures.CallPriceGradient(s, r, 1.5 * v, 105.0, 2.0, out double d2, out double r2, out double v2);
            Close(3 * d1 - d2 + 0.1 * r, gs, 1e-12, "d/dspot");
            Close(3 * r1 - r2 + 0.1 * s, gr, 1e-9, "d/drate");
            Close(3 * v1 - 1.5 * v2, gv, 1e-9, "d/dvol");
            Close(Central(x => Signatures.Position(s, x, v), r), gr, 1e-5 * Math.Max(1, Math.Abs(gr)), "d/drate vs differences");
            Close(Central(x => Signatures.Position(s, r, x), v), gv, 1e-5 * Math.Max(1, Math.Abs(gv)), "d/dvol vs differences");
        }

        [Fact]
        public void WrtListOutOfOrder_OutputNamesAreInDeclarationOrder()
        {
            var gradient = typeof(Signatures).GetMethod(nameof(Signatures.CallPriceGradient))!;
            Assert.Equal(new[] { "spot", "rate", "vol", "strike", "maturity", "gradSpot", "gradRate", "gradVol" }, gradient.GetParameters().Select(p => p.Name));
        }

        [Theory]
        [InlineData(0.7, -1.2)]
        [InlineData(-2.0, 0.4)]
        public void DefaultValues_OverloadsUseThem(double x, double y)
        {
            // Omitting both defaults, one, or none gives F with the same values, and its gradient.
            double[] weights = { 1.5, -0.5 };
            (double Value, double Gx, double Gy)[] calls =
            {
                (Signatures.WeightedGradient(x, y, out double a1, out double b1), a1, b1),
                (Signatures.WeightedGradient(x, y, null, out double a2, out double b2), a2, b2),
                (Signatures.WeightedGradient(x, y, null, 2.0, out double a3, out double b3), a3, b3),
            };
            foreach (var (value, gx, gy) in calls)
            {
                Assert.Equal(Signatures.Weighted(x, y), value);
                Close(Central(u => Signatures.Weighted(u, y), x), gx, 1e-7, "gx");
                Close(Central(u => Signatures.Weighted(x, u), y), gy, 1e-7, "gy");
                Close(2.0 * (2 * x + y * Math.Cos(x * y)), gx, 1e-12, "gx closed form");
            }

            double v = Signatures.WeightedGradient(x, y, weights, 0.5, out double wx, out double wy);
            Assert.Equal(Signatures.Weighted(x, y, weights, 0.5), v);
            Close(0.5 * (1.5 * 2 * x - 0.5 * y * Math.Cos(x * y)), wx, 1e-12, "weighted gx");
            Close(0.5 * (-0.5 * x * Math.Cos(x * y)), wy, 1e-12, "weighted gy");

            double gxPullback = 0, gyPullback = 0;
            Signatures.WeightedPullback(x, y, 3.0, ref gxPullback, ref gyPullback);
            Close(3.0 * calls[0].Gx, gxPullback, 1e-12, "pullback overload");
        }

        [Fact]
        public void DefaultValues_AreNamedInTheGeneratedOverloadsOnly()
        {
            var overloads = typeof(Signatures).GetMethods().Where(m => m.Name == nameof(Signatures.WeightedGradient))
                .Select(m => string.Join(",", m.GetParameters().Select(p => p.Name))).OrderBy(s => s.Length).ToList();
            Assert.Equal(new[] { "x,y,gradX,gradY", "x,y,weights,gradX,gradY", "x,y,weights,scale,gradX,gradY" }, overloads);
        }

        [Fact]
        public void NullableDifferentiatedArray()
        {
            double[] xs = { 1.0, -2.0, 0.25 };
            double[] g = new double[3];
            Assert.Equal(Signatures.SumOfSquares(xs), Signatures.SumOfSquaresGradient(xs, g));
            Close(xs.Select(v => 2 * v).ToArray(), g, 1e-15, "gradient");
            Assert.Equal(0.5, Signatures.SumOfSquaresGradient(null, Array.Empty<double>()));
            Assert.Equal(1.5, Signatures.SumOfSquaresGradient(null, 1.5, Array.Empty<double>()));

            var parameter = typeof(Signatures).GetMethods().First(m => m.Name == nameof(Signatures.SumOfSquaresGradient) && m.GetParameters().Length == 2).GetParameters()[0];
            Assert.Equal(NullabilityState.Nullable, new NullabilityInfoContext().Create(parameter).ReadState);
        }

        /// <summary>GG0022's claim: the hand-written sigmoid's gradient is NaN where exp overflows; GradMath.Sigmoid's is right.</summary>
        [Theory]
        [InlineData(-800.0)]
        [InlineData(-720.0)]
        public void HandWrittenSigmoid_GradientIsNaNFarLeft_GradMathIsNot(double u)
        {
            Signatures.HandWrittenSigmoidGradient(u, out double unstable);
            Assert.True(double.IsNaN(unstable), "expected NaN, got " + unstable);
            Signatures.StableSigmoidGradient(u, out double stable);
            double s = GradMath.Sigmoid(u);
            Assert.Equal(s * (1 - s), stable);
            Assert.False(double.IsNaN(stable));
        }
    }
}
