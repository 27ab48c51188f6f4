using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// <see cref="JaggedLocals"/>: gradients of losses over local jagged arrays against central
    /// differences and against the generated gradients of the same losses written with flat arrays.
    /// </summary>
    public class JaggedLocalsTests
    {
        private static readonly int[] Width = { 3, 4, 2, 1 };
        private static readonly int[] Offset = { 0, 3, 7, 9 };

        private static double[] Point(int seed, int length)
        {
            var random = new Random(seed);
            var x = new double[length];
            for (int i = 0; i < length; i++) x[i] = random.NextDouble() * 2 - 1;
            return x;
        }

        private static readonly double[] Sample = Point(11, 4);
        private static readonly double[] Data = Point(12, 4 * 5);

        private static double[] FlatGradient(Func<double[], double[], double> gradient, double[] w)
        {
            var g = new double[w.Length];
            gradient(w, g);
            return g;
        }

        [Fact]
        public void Mlp_with_rows_allocated_in_a_loop_matches_differences_and_the_flat_version()
            => Verify(nameof(JaggedLocals.Mlp),
                w => JaggedLocals.Mlp(w, Sample),
                (w, g) => JaggedLocals.MlpGradient(w, Sample, g),
                (w, s, g) => JaggedLocals.MlpPullback(w, Sample, s, g),
                w => FlatGradient((v, g) => JaggedLocals.MlpFlatGradient(v, Sample, Width, Offset, g), w),
                Uniform(JaggedLocals.Weights));

        [Fact]
        public void Mlp_over_data_points_reuses_its_rows_per_point()
            => Verify(nameof(JaggedLocals.MlpOverData),
                w => JaggedLocals.MlpOverData(w, Data),
                (w, g) => JaggedLocals.MlpOverDataGradient(w, Data, g),
                (w, s, g) => JaggedLocals.MlpOverDataPullback(w, Data, s, g),
                w => FlatGradient((v, g) => JaggedLocals.MlpOverDataFlatGradient(v, Data, Width, Offset, g), w),
                Uniform(JaggedLocals.Weights));

        [Fact]
        public void Triangular_rows_filled_then_read()
            => Verify(nameof(JaggedLocals.Triangle), JaggedLocals.Triangle,
                (x, g) => JaggedLocals.TriangleGradient(x, g),
                (x, s, g) => JaggedLocals.TrianglePullback(x, s, g),
                null, Uniform(5));

        [Fact]
        public void An_index_past_its_row_throws_in_the_gradient_as_in_the_function()
        {
            var x = new[] { 0.3, -0.7 };
            var g = new double[2];
            Assert.Equal(JaggedLocals.PastTheRow(x, false), JaggedLocals.PastTheRowGradient(x, false, g));
            Assert.Equal(new[] { 2 * x[0] * x[1], x[0] * x[0] }, g);
            Assert.Throws<IndexOutOfRangeException>(() => JaggedLocals.PastTheRow(x, true));
            // The rows live in one flat array in the generated code: reading past row 0 must not read row 1.
            Assert.Throws<IndexOutOfRangeException>(() => JaggedLocals.PastTheRowGradient(x, true, g));
        }
    }
}
