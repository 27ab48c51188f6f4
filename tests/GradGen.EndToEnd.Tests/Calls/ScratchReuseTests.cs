using System;
using System.Linq;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Scratch arrays reused across iterations and read through locals (ScratchReuse.cs): every row's
    /// gradient, not only the last row's, checked against closed forms and central differences.
    /// </summary>
    public class ScratchReuseTests
    {
        private const int Rows = 3;
        private const int Cols = 4;

        private static double[][] Jag(double[] v, int offset = 0)
            => Enumerable.Range(0, Rows).Select(n => v.Skip(offset + n * Cols).Take(Cols).ToArray()).ToArray();

        private static double[][] Zeros() => Enumerable.Range(0, Rows).Select(_ => new double[Cols]).ToArray();

        private static void Flatten(double[][] from, double[] into, int offset = 0)
        {
            for (int n = 0; n < Rows; n++) from[n].CopyTo(into, offset + n * Cols);
        }

        [Fact]
        public void Vector_callee_writes_scratch_a_local_reads()
            => Verify(nameof(ScratchReuse.ScratchRead),
                v => ScratchReuse.ScratchRead(Jag(v)),
                (v, g) => { var gx = Zeros(); double r = ScratchReuse.ScratchReadGradient(Jag(v), gx); Flatten(gx, g); return r; },
                (v, s, g) => { var gx = Jag(g); double r = ScratchReuse.ScratchReadPullback(Jag(v), s, gx); Flatten(gx, g); return r; },
                v => v.Select(x => 4 * (2 * x - 1)).ToArray(),
                Uniform(Rows * Cols));

        private static readonly int[] Labels = { 2, 0, 3 };

        [Fact]
        public void Softmax_cross_entropy_per_sample()
            => Verify(nameof(ScratchReuse.CrossEntropy),
                v => ScratchReuse.CrossEntropy(Jag(v), Labels),
                (v, g) => { var gx = Zeros(); double r = ScratchReuse.CrossEntropyGradient(Jag(v), Labels, gx); Flatten(gx, g); return r; },
                (v, s, g) => { var gx = Jag(g); double r = ScratchReuse.CrossEntropyPullback(Jag(v), Labels, s, gx); Flatten(gx, g); return r; },
                v =>
                {
                    // d/dz of −log softmax(z)[label] is softmax(z) − onehot(label).
                    var grad = new double[v.Length];
                    for (int n = 0; n < Rows; n++)
                    {
                        var z = v.Skip(n * Cols).Take(Cols).ToArray();
                        double mx = z.Max(), total = z.Sum(x => Math.Exp(x - mx));
                        for (int j = 0; j < Cols; j++) grad[n * Cols + j] = Math.Exp(z[j] - mx) / total - (j == Labels[n] ? 1 : 0);
                    }
                    return grad;
                },
                Uniform(Rows * Cols));

        [Fact]
        public void Layer_norm_into_a_buffer()
            => Verify(nameof(ScratchReuse.LayerNormLoss),
                v => ScratchReuse.LayerNormLoss(Jag(v), v.Skip(Rows * Cols).ToArray()),
                (v, g) =>
                {
                    var gx = Zeros();
                    var gg = new double[Cols];
                    double r = ScratchReuse.LayerNormLossGradient(Jag(v), v.Skip(Rows * Cols).ToArray(), gx, gg);
                    Flatten(gx, g);
                    gg.CopyTo(g, Rows * Cols);
                    return r;
                },
                (v, s, g) =>
                {
                    var gx = Jag(g);
                    var gg = g.Skip(Rows * Cols).ToArray();
                    double r = ScratchReuse.LayerNormLossPullback(Jag(v), v.Skip(Rows * Cols).ToArray(), s, gx, gg);
                    Flatten(gx, g);
                    gg.CopyTo(g, Rows * Cols);
                    return r;
                },
                null,
                Uniform(Rows * Cols + Cols));

        [Fact]
        public void Nested_loops_read_a_recomputed_local()
            => Verify(nameof(ScratchReuse.NestedReads),
                v => ScratchReuse.NestedReads(Jag(v), v.Skip(Rows * Cols).ToArray()),
                (v, g) =>
                {
                    var gx = Zeros();
                    var gw = new double[2];
                    double r = ScratchReuse.NestedReadsGradient(Jag(v), v.Skip(Rows * Cols).ToArray(), gx, gw);
                    Flatten(gx, g);
                    gw.CopyTo(g, Rows * Cols);
                    return r;
                },
                (v, s, g) =>
                {
                    var gx = Jag(g);
                    var gw = g.Skip(Rows * Cols).ToArray();
                    double r = ScratchReuse.NestedReadsPullback(Jag(v), v.Skip(Rows * Cols).ToArray(), s, gx, gw);
                    Flatten(gx, g);
                    gw.CopyTo(g, Rows * Cols);
                    return r;
                },
                null,
                Uniform(Rows * Cols + 2));

        [Fact]
        public void Scalar_callees_fill_and_read_the_scratch()
            => Verify(nameof(ScratchReuse.ScalarCallees),
                v => ScratchReuse.ScalarCallees(Jag(v)),
                (v, g) => { var gx = Zeros(); double r = ScratchReuse.ScalarCalleesGradient(Jag(v), gx); Flatten(gx, g); return r; },
                (v, s, g) => { var gx = Jag(g); double r = ScratchReuse.ScalarCalleesPullback(Jag(v), s, gx); Flatten(gx, g); return r; },
                // d/dx of (x² − 1)² x = 4x²(x² − 1) + (x² − 1)².
                v => v.Select(x => 4 * x * x * (x * x - 1) + (x * x - 1) * (x * x - 1)).ToArray(),
                Uniform(Rows * Cols));

        [Fact]
        public void Scratch_zeroed_every_row()
            => Verify(nameof(ScratchReuse.ZeroedScratch),
                v => ScratchReuse.ZeroedScratch(Jag(v)),
                (v, g) => { var gx = Zeros(); double r = ScratchReuse.ZeroedScratchGradient(Jag(v), gx); Flatten(gx, g); return r; },
                (v, s, g) => { var gx = Jag(g); double r = ScratchReuse.ZeroedScratchPullback(Jag(v), s, gx); Flatten(gx, g); return r; },
                // d/dx of (x² − 0.5)² = 4x(x² − 0.5).
                v => v.Select(x => 4 * x * (x * x - 0.5)).ToArray(),
                Uniform(Rows * Cols));

        [Fact]
        public void Fused_loop_with_a_scratch_rewritten_within_the_iteration()
            => Verify(nameof(ScratchReuse.FusedScratch),
                v => ScratchReuse.FusedScratch(Jag(v)),
                (v, g) => { var gx = Zeros(); double r = ScratchReuse.FusedScratchGradient(Jag(v), gx); Flatten(gx, g); return r; },
                (v, s, g) => { var gx = Jag(g); double r = ScratchReuse.FusedScratchPullback(Jag(v), s, gx); Flatten(gx, g); return r; },
                // d/dx of (sin x · x)² sin x / 3 + 0.1 x: the loss is averaged over the 3 rows.
                v => v.Select(x => ((2 * Math.Sin(x) * x * (Math.Cos(x) * x + Math.Sin(x)) * Math.Sin(x)) + (Math.Pow(Math.Sin(x) * x, 2) * Math.Cos(x)) + 0.3) / Rows).ToArray(),
                Uniform(Rows * Cols));

        [Fact]
        public void Local_read_before_the_call_overwrites_the_scratch()
            => Verify(nameof(ScratchReuse.ReadThenOverwrite),
                v => ScratchReuse.ReadThenOverwrite(Jag(v)),
                (v, g) => { var gx = Zeros(); double r = ScratchReuse.ReadThenOverwriteGradient(Jag(v), gx); Flatten(gx, g); return r; },
                (v, s, g) => { var gx = Jag(g); double r = ScratchReuse.ReadThenOverwritePullback(Jag(v), s, gx); Flatten(gx, g); return r; },
                null,
                Uniform(Rows * Cols));

        // The two below differ from the cases above only in that the scratch enters the loss
        // linearly, so nothing but the recomputed local reads it in the reverse sweep: these fail
        // when a call's Span output is not counted as overwriting the scratch.

        [Fact]
        public void Layer_norm_into_a_buffer_read_only_by_a_local()
            => Verify(nameof(ScratchReuse.LayerNormShift),
                v => ScratchReuse.LayerNormShift(Jag(v), v.Skip(Rows * Cols).ToArray()),
                (v, g) =>
                {
                    var gx = Zeros();
                    var gg = new double[Cols];
                    double r = ScratchReuse.LayerNormShiftGradient(Jag(v), v.Skip(Rows * Cols).ToArray(), gx, gg);
                    Flatten(gx, g);
                    gg.CopyTo(g, Rows * Cols);
                    return r;
                },
                (v, s, g) =>
                {
                    var gx = Jag(g);
                    var gg = g.Skip(Rows * Cols).ToArray();
                    double r = ScratchReuse.LayerNormShiftPullback(Jag(v), v.Skip(Rows * Cols).ToArray(), s, gx, gg);
                    Flatten(gx, g);
                    gg.CopyTo(g, Rows * Cols);
                    return r;
                },
                null,
                Uniform(Rows * Cols + Cols));

        [Fact]
        public void Local_read_before_the_call_overwrites_a_linear_scratch()
            => Verify(nameof(ScratchReuse.ReadThenOverwriteSum),
                v => ScratchReuse.ReadThenOverwriteSum(Jag(v)),
                (v, g) => { var gx = Zeros(); double r = ScratchReuse.ReadThenOverwriteSumGradient(Jag(v), gx); Flatten(gx, g); return r; },
                (v, s, g) => { var gx = Jag(g); double r = ScratchReuse.ReadThenOverwriteSumPullback(Jag(v), s, gx); Flatten(gx, g); return r; },
                null,
                Uniform(Rows * Cols));
    }
}
