using System;
using System.Linq;
using GradGen.Tests.Shared;
using Xunit;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Siblings of the reused-scratch bug (ScratchReuse.cs) that cannot be in this project's own build
    /// because the generator may reject them: a scalar callee that writes a passive Span work
    /// buffer the caller reads afterwards. Acceptable: the right gradient, or an error diagnostic.
    /// </summary>
    public class ScratchSiblingTests
    {
        [Fact]
        public void Scalar_callee_writes_a_work_buffer_the_caller_reads()
        {
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
            if (outcome.Assembly is null)
            {
                Assert.NotEmpty(outcome.GeneratorErrors);
                return;
            }

            double[][] X = { new[] { 0.3, -0.8 }, new[] { 1.1, 0.4 }, new[] { -0.6, 0.9 } };
            double[] w = { 0.7, -1.3 };
            double[][] g = X.Select(r => new double[r.Length]).ToArray();
            InMemoryGenerator.Call(outcome.Assembly, "R", "FGradient", new object?[] { X, w, g });
            for (int n = 0; n < X.Length; n++)
            {
                // loss = Σ (w0 (n+1) X[n][0])² + Σ X[n][k]²
                double c = w[0] * (n + 1);
                GradAssert.Close(2 * c * c * X[n][0] + 2 * X[n][0], g[n][0], 1e-12, $"d/dX[{n}][0]");
                GradAssert.Close(2 * X[n][1], g[n][1], 1e-12, $"d/dX[{n}][1]");
            }
        }

        [Fact]
        public void Index_array_rewritten_by_a_call_without_a_derivative()
        {
            // Array.Reverse rewrites perm on every row; the reverse sweep needs each row's perm[0].
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
            if (outcome.Assembly is null)
            {
                Assert.NotEmpty(outcome.GeneratorErrors);
                return;
            }

            double[][] X = { new[] { 0.3, -0.8, 0.5 }, new[] { 1.1, 0.4, -0.2 }, new[] { -0.6, 0.9, 0.7 } };
            double[][] g = X.Select(r => new double[r.Length]).ToArray();
            InMemoryGenerator.Call(outcome.Assembly, "R", "FGradient", new object?[] { X, g });
            for (int n = 0; n < X.Length; n++)
            {
                int picked = n % 2 == 0 ? 2 : 0;   // perm alternates reversed and not
                for (int j = 0; j < 3; j++)
                    GradAssert.Close(j == picked ? 3 * X[n][j] * X[n][j] : 0.0, g[n][j], 1e-12, $"d/dX[{n}][{j}]");
            }
        }
    }
}
