using System;
using Xunit;

namespace GradGen.Workloads.Tests
{
    public sealed class LogGammaTests
    {
        [Fact]
        public void MatchesFactorialsAtIntegers()
        {
            // log Γ(n) = log((n − 1)!), accumulated exactly enough for 1e-14 as a sum of logs.
            double logFactorial = 0;
            for (int n = 1; n <= 60; n++)
            {
                AssertClose(logFactorial, Gmm.LogGamma(n), $"LogGamma({n})");
                logFactorial += Math.Log(n);
            }
        }

        [Fact]
        public void MatchesClosedFormAtHalfIntegers()
        {
            // Γ(n + ½) = √π · (2n − 1)!! / 2ⁿ
            double logValue = 0.5 * Math.Log(Math.PI);
            for (int n = 0; n <= 60; n++)
            {
                AssertClose(logValue, Gmm.LogGamma(n + 0.5), $"LogGamma({n}.5)");
                logValue += Math.Log(n + 0.5);
            }
        }

        [Fact]
        public void ReflectionBelowOneHalf()
        {
            // Γ(¼) = 3.6256099082219083119...
            AssertClose(Math.Log(3.6256099082219083119), Gmm.LogGamma(0.25), "LogGamma(0.25)");
            AssertClose(Math.Log(2.6789385347077476337), Gmm.LogGamma(1.0 / 3), "LogGamma(1/3)");

            // The recurrence Γ(x + 1) = xΓ(x) across the switch between reflection and Lanczos.
            foreach (double x in new[] { 0.01, 0.1, 0.3, 0.49 })
            {
                AssertClose(Gmm.LogGamma(x + 1) - Math.Log(x), Gmm.LogGamma(x), $"LogGamma({x})");
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => Gmm.LogGamma(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => Gmm.LogGamma(-1.5));
        }

        [Fact]
        public void MultivariateGammaOfTwo()
        {
            // Γ₂(a) = π^{1/2} Γ(a) Γ(a − ½); ADBench's d = 2, m = 0 uses a = 1.5: √π · Γ(1.5) · Γ(1) = π/2.
            AssertClose(Math.Log(Math.PI / 2), Gmm.LogMultivariateGamma(1.5, 2, Math.PI), "log Γ₂(1.5)");
        }

        private static void AssertClose(double expected, double actual, string what)
        {
            double error = Math.Abs(expected - actual) / Math.Max(1.0, Math.Abs(expected));
            Assert.True(error < 1e-14, $"{what}: expected {expected:R}, got {actual:R} (error {error:E2})");
        }
    }
}
