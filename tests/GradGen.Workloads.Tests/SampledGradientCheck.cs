using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace GradGen.Workloads.Tests
{
    /// <summary>
    /// GradientCheck's central differences and relative error applied to the workloads' large
    /// parameter arrays: one sampled component at a time, perturbed in place (the objectives read
    /// their parameters from the arrays), and a report of every component that disagrees.
    /// </summary>
    internal static class SampledGradientCheck
    {
        /// <summary>
        /// <see cref="GradientCheck.Derivative"/> (step ∛ε·max(1, |x|)) in coordinate
        /// <paramref name="index"/> of <paramref name="values"/>; the array is perturbed in place and restored.
        /// </summary>
        public static double Partial(Func<double> f, double[] values, int index)
        {
            double saved = values[index];
            try
            {
                return GradientCheck.Derivative(v => { values[index] = v; return f(); }, saved);
            }
            finally
            {
                values[index] = saved;
            }
        }

        /// <summary>
        /// <see cref="GradientCheck.RichardsonDerivative"/> (Richardson-extrapolated central differences,
        /// step ≈ 1e-3·max(1, |x|), truncation O(h⁶)) in coordinate <paramref name="index"/>, perturbed in
        /// place and restored. For objectives whose value is large (|f| ~ 1e4 and up) the plain central
        /// difference's roundoff, ε|f|/∛ε ≈ 6e-12·|f|, reaches 1e-6 by itself; the larger step keeps this
        /// one's roundoff far smaller.
        /// </summary>
        public static double PartialExtrapolated(Func<double> f, double[] values, int index)
        {
            double saved = values[index];
            try
            {
                return GradientCheck.RichardsonDerivative(v => { values[index] = v; return f(); }, saved);
            }
            finally
            {
                values[index] = saved;
            }
        }

        /// <summary>The same for one entry of a matrix.</summary>
        public static double Partial(Func<double> f, double[,] values, int row, int column)
        {
            double saved = values[row, column];
            try
            {
                return GradientCheck.Derivative(v => { values[row, column] = v; return f(); }, saved);
            }
            finally
            {
                values[row, column] = saved;
            }
        }

        /// <summary>Indices 0..count−1 if count ≤ sample, else <paramref name="sample"/> distinct ones drawn with a fixed seed.</summary>
        public static IReadOnlyList<int> Subset(int count, int sample, int seed)
        {
            if (count <= sample)
            {
                return Enumerable.Range(0, count).ToArray();
            }

            var random = new Random(seed);
            var chosen = new SortedSet<int>();
            while (chosen.Count < sample)
            {
                chosen.Add(random.Next(count));
            }

            return chosen.ToArray();
        }

        /// <summary>
        /// Compares <paramref name="analytic"/>[i] with <paramref name="numeric"/>(i) for every i in
        /// <paramref name="indices"/>; fails listing every component whose relative error exceeds
        /// <paramref name="tolerance"/>, and logs the worst one either way.
        /// </summary>
        public static void AssertAgrees(
            string what, IReadOnlyList<double> analytic, Func<int, double> numeric, IEnumerable<int> indices,
            double tolerance, ITestOutputHelper output, Func<int, string>? name = null)
        {
            name ??= i => $"[{i}]";
            var failures = new StringBuilder();
            double worst = 0;
            string worstName = "";
            int checkedCount = 0;
            foreach (int i in indices)
            {
                double n = numeric(i);
                double error = GradientCheck.RelativeError(analytic[i], n);
                checkedCount++;
                if (error > worst || double.IsNaN(error))
                {
                    worst = error;
                    worstName = name(i);
                }

                if (!(error <= tolerance))
                {
                    failures.AppendLine($"  {name(i)}: hand {analytic[i]:R}, differences {n:R}, relative error {error:E2}");
                }
            }

            output.WriteLine($"{what}: {checkedCount} components checked, worst relative error {worst:E2} at {worstName}");
            Assert.True(failures.Length == 0, $"{what}: gradient disagrees with central differences (tolerance {tolerance:E0}):\n{failures}");
        }
    }
}
