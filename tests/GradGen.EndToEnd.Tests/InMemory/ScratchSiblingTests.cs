using System;
using System.Linq;
using GradGen.Tests.Shared;
using Xunit;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Siblings of the reused-scratch bug (ScratchReuse.cs) that cannot be in this project's own build
    /// because the generator rejects them: a scalar callee that writes a Span work buffer the caller
    /// reads afterwards, and an index array rewritten by a call without a derivative. Each test asserts
    /// the diagnostic the generator gives today, at its construct. If the generator learns to
    /// differentiate one, its test fails; replace the assertion with the closed-form gradient check
    /// given in its comment (a diagnostic must never turn into a silently wrong gradient).
    /// </summary>
    public class ScratchSiblingTests
    {
        [Fact]
        public void Scalar_callee_writes_a_work_buffer_the_caller_reads()
        {
            // If accepted: loss = Σₙ (w0 (n+1) X[n][0])² + Σₙₖ X[n][k]², so
            // ∂/∂X[n][0] = 2 (w0 (n+1))² X[n][0] + 2 X[n][0] and ∂/∂X[n][1] = 2 X[n][1].
            var outcome = InMemoryGenerator.Run(@"using System;
using GradGen;
public static partial class R
{
    [Differentiable(nameof(x))]
    public static double Work(ReadOnlySpan<double> x, Span<double> work)
    {
        double s = 0;
        for (int k = 0; k < x.Length; k++) { work[k] = x[k] * 0 + k + 1.0; s += x[k] * x[k]; }
        return s;
    }

    [Differentiable(nameof(X))]
    public static double F(double[][] X, double[] w)
    {
        double[] buf = new double[X[0].Length];
        double loss = 0;
        for (int n = 0; n < X.Length; n++)
        {
            for (int j = 0; j < buf.Length; j++) buf[j] = w[j] * (n + 1);
            double q = buf[0] * X[n][0];
            loss += q * q + Work(X[n], buf);
        }
        return loss;
    }
}");
            AssertRejected(outcome, "GG0012", "work[k]");
        }

        [Fact]
        public void Index_array_rewritten_by_a_call_without_a_derivative()
        {
            // Array.Reverse rewrites perm on every row; the reverse sweep would need each row's perm[0].
            // If accepted: ∂/∂X[n][j] = 3 X[n][j]² for j = (n even ? 2 : 0), 0 otherwise.
            var outcome = InMemoryGenerator.Run(@"using System;
using GradGen;
public static partial class R
{
    [Differentiable(nameof(X))]
    public static double F(double[][] X)
    {
        int m = X[0].Length;
        int[] perm = new int[m];
        for (int i = 0; i < m; i++) perm[i] = i;
        double loss = 0;
        for (int n = 0; n < X.Length; n++)
        {
            Array.Reverse(perm);
            double v = X[n][perm[0]];
            loss += v * v * v;
        }
        return loss;
    }
}");
            AssertRejected(outcome, "GG0017", "perm");
        }

        /// <summary>Not built, and exactly one generator error: <paramref name="id"/>, on source text containing <paramref name="at"/>.</summary>
        private static void AssertRejected(InMemoryGenerator.Outcome outcome, string id, string at)
        {
            Assert.Null(outcome.Assembly);
            var error = Assert.Single(outcome.GeneratorErrors);
            Assert.Equal(id, error.Id);
            var location = error.Location;
            Assert.True(location.IsInSource, error.ToString());
            Assert.Contains(at, location.SourceTree!.GetText().ToString(location.SourceSpan), StringComparison.Ordinal);
        }
    }
}
