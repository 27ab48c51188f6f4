using System;
using Worksheet;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// A gradient call allocates nothing on the heap (docs/reference.md §2): measured with
    /// GC.GetAllocatedBytesForCurrentThread around many calls after a warm-up (which lets the pooled
    /// tapes and buffers be rented once and the JIT settle).
    /// </summary>
    public class AllocationTests
    {
        private const int WarmUp = 200;
        private const int Calls = 1000;

        private static long AllocatedBytesPerCall(Action call)
        {
            for (int i = 0; i < WarmUp; i++) call();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++) call();
            long after = GC.GetAllocatedBytesForCurrentThread();
            // The delegate is created once, outside the measured loop; the total over all calls must be 0.
            return after - before;
        }

        [Fact]
        public void Logistic_regression_gradient_allocates_nothing()
        {
            var random = new Random(51);
            double[][] xs = RandomJagged(random, new[] { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 });
            double[] ys = new double[xs.Length];
            for (int n = 0; n < ys.Length; n++) ys[n] = random.Next(2) == 0 ? -1 : 1;
            double[] w = Uniform(random, 10, -1, 1);
            double[] g = new double[10];
            double sink = 0;

            long bytes = AllocatedBytesPerCall(() => sink += Allocation.LogisticGradient(w, xs, ys, g));
            Assert.Equal(0, bytes);

            // And it is the right gradient: (1/N) Σ −yₙ xₙ σ(−yₙ wᵀxₙ).
            var expected = new double[10];
            for (int n = 0; n < xs.Length; n++)
            {
                double s = 0;
                for (int j = 0; j < 10; j++) s += w[j] * xs[n][j];
                for (int j = 0; j < 10; j++) expected[j] += -ys[n] * xs[n][j] * Sigma(-ys[n] * s) / xs.Length;
            }
            Close(expected, g, ClosedFormTolerance, "Logistic gradient");
            Assert.True(double.IsFinite(sink));
        }

        [Fact]
        public void Vector_valued_Pullbacks_allocate_nothing()
        {
            var random = new Random(52);
            double[] x = Uniform(random, 8, -2, 2);
            double[] y = new double[8];
            double[] seed = Uniform(random, 8, -1, 1);
            double[] g = new double[8];

            Assert.Equal(0, AllocatedBytesPerCall(() => Exercises.SoftmaxPullback(x, y, seed, g)));

            double[,] W = RandomMatrix(random, 5, 8);
            double[] b = Uniform(random, 5, -1, 1);
            double[] y5 = new double[5];
            double[] seed5 = Uniform(random, 5, -1, 1);
            Assert.Equal(0, AllocatedBytesPerCall(() => Allocation.LayerPullback(W, b, x, y5, seed5, g)));

            double[,] gW = new double[5, 8];
            double[] gB = new double[5];
            Assert.Equal(0, AllocatedBytesPerCall(() => VectorValued.AffineTanhPullback(W, b, x, y5, seed5, gW, gB)));
        }

        [Fact]
        public void Jacobian_allocates_nothing()
        {
            double[] x = Uniform(new Random(53), 6, -2, 2);
            double[] y = new double[6];
            double[,] J = new double[6, 6];
            Assert.Equal(0, AllocatedBytesPerCall(() => Exercises.SoftmaxJacobian(x, y, J)));
        }

        [Fact]
        public void A_tape_longer_than_its_stackalloc_start_allocates_nothing_after_warm_up()
        {
            // 2000 steps of an overwritten scalar recurrence: the tape outgrows any small stack buffer.
            double[] x = Uniform(new Random(54), 2000, -1, 1);
            double[] g = new double[2001];
            double sink = 0;
            Assert.Equal(0, AllocatedBytesPerCall(() => sink += Overwrites.TanhRecurrenceGradient(x, 0.9, g.AsSpan(0, 2000), out g[2000])));
            Assert.True(double.IsFinite(sink));

            double[] a = Uniform(new Random(55), 300, -1, 1);
            double[] ga = new double[300];
            Assert.Equal(0, AllocatedBytesPerCall(() => sink += Overwrites.ScatteredUpdatesGradient(a, ga)));
        }
    }
}
