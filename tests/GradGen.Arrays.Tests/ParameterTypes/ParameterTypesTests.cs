using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    public class ParameterTypesTests
    {
        [Fact]
        public void Double_array()
            => Verify(nameof(ParameterTypes.WeightedSquares),
                w => ParameterTypes.WeightedSquares(w),
                (w, g) => ParameterTypes.WeightedSquaresGradient(w, g),
                (w, s, g) => ParameterTypes.WeightedSquaresPullback(w, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    for (int i = 0; i < w.Length; i++) g[i] = 2 * (i + 1) * w[i] + Sigma(w[i]);
                    return g;
                },
                Uniform(5));

        [Fact]
        public void Float_array_with_looser_tolerance()
        {
            // The float method against its closed form and against central differences of the same
            // formula in double: float rounding allows ~1e-6 relative, so 1e-5 here.
            const double tolerance = 1e-5;
            static double Twin(double[] w)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += (i + 1) * Math.Sin(w[i]) * w[i];
                return s;
            }

            var random = new Random(StableSeed("SinWeightedF"));
            for (int p = 0; p < Points; p++)
            {
                float[] w = new float[6];
                for (int i = 0; i < w.Length; i++) w[i] = (float)(random.NextDouble() * 4 - 2);
                double[] wd = Array.ConvertAll(w, v => (double)v);
                string at = "SinWeightedF at " + Format(wd);

                float[] g = new float[w.Length];
                Array.Fill(g, float.NaN);
                float value = ParameterTypes.SinWeightedFGradient(w, g);
                Assert.Equal(ParameterTypes.SinWeightedF(w), value);
                double[] gd = Array.ConvertAll(g, v => (double)v);
                var closed = new double[w.Length];
                for (int i = 0; i < w.Length; i++) closed[i] = (i + 1) * (Math.Cos(wd[i]) * wd[i] + Math.Sin(wd[i]));
                Close(closed, gd, tolerance, at + " vs closed form");
                Differences(Twin, wd, gd, at, tolerance);

                float seed = (float)Math.Round(random.NextDouble() * 4 - 2, 2);
                float[] before = new float[w.Length];
                for (int i = 0; i < w.Length; i++) before[i] = (float)Math.Round(random.NextDouble() * 10 - 5, 2);
                float[] acc = (float[])before.Clone();
                Assert.Equal(value, ParameterTypes.SinWeightedFPullback(w, seed, acc));
                for (int i = 0; i < w.Length; i++) Close(before[i] + seed * closed[i], acc[i], tolerance, at + $": Pullback accumulation [{i}]");
            }
        }

        [Fact]
        public void ReadOnlySpan_wrt_next_to_a_constant_array()
        {
            double[] c = { 0.5, -1.5, 2.0, 0.25 };
            Verify(nameof(ParameterTypes.CubicReadOnlySpan),
                x => ParameterTypes.CubicReadOnlySpan(x, c),
                (x, g) => ParameterTypes.CubicReadOnlySpanGradient(x, c, g),
                (x, s, g) => ParameterTypes.CubicReadOnlySpanPullback(x, c, s, g),
                x =>
                {
                    double t = 0;
                    foreach (double v in x) t += v;
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) g[i] = 3 * c[i] * x[i] * x[i] + 2 * t;
                    return g;
                },
                Uniform(c.Length));
        }

        [Fact]
        public void Span_as_an_input_is_read_not_written()
            => Verify(nameof(ParameterTypes.NormSpanInput),
                x => ParameterTypes.NormSpanInput(x),
                (x, g) => ParameterTypes.NormSpanInputGradient(x, g),
                (x, s, g) => ParameterTypes.NormSpanInputPullback(x, s, g),
                x =>
                {
                    double n = 1;
                    foreach (double v in x) n += v * v;
                    n = Math.Sqrt(n);
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) g[i] = x[i] / n;
                    return g;
                },
                Uniform(4, -3, 3));

        [Fact]
        public void Rectangular_matrix()
        {
            const int rows = 3, cols = 4;
            double[] x = { 0.3, -1.2, 0.8, 2.0 };
            Verify(nameof(ParameterTypes.HalfSquaredImage),
                f => ParameterTypes.HalfSquaredImage(Matrix(f, 0, rows, cols), x),
                (f, g) => Gradient2D(f, g, (W, gW) => ParameterTypes.HalfSquaredImageGradient(W, x, gW)),
                (f, s, g) => Gradient2D(f, g, (W, gW) => ParameterTypes.HalfSquaredImagePullback(W, x, s, gW)),
                f =>
                {
                    var g = new double[rows * cols];
                    for (int i = 0; i < rows; i++)
                    {
                        double r = 0;
                        for (int j = 0; j < cols; j++) r += f[i * cols + j] * x[j];
                        for (int j = 0; j < cols; j++) g[i * cols + j] = r * x[j];
                    }
                    return g;
                },
                Uniform(rows * cols));

            static double Gradient2D(double[] f, double[] g, Func<double[,], double[,], double> call)
            {
                double[,] W = Matrix(f, 0, rows, cols);
                double[,] gW = Matrix(g, 0, rows, cols);
                double value = call(W, gW);
                Store(gW, g, 0);
                return value;
            }
        }

        private static readonly int[] RaggedLengths = { 3, 1, 4, 2 };

        [Fact]
        public void Jagged_with_rows_of_different_lengths()
        {
            int n = 10;
            Verify(nameof(ParameterTypes.RaggedRows),
                f => ParameterTypes.RaggedRows(Jagged(f, 0, RaggedLengths)),
                (f, g) => GradientJagged(f, g, (W, gW) => ParameterTypes.RaggedRowsGradient(W, gW)),
                (f, s, g) => GradientJagged(f, g, (W, gW) => ParameterTypes.RaggedRowsPullback(W, s, gW)),
                f =>
                {
                    double[][] W = Jagged(f, 0, RaggedLengths);
                    var g = new double[n];
                    int k = 0;
                    for (int i = 0; i < W.Length; i++)
                    {
                        for (int j = 0; j < W[i].Length; j++) g[k++] = 2 * (i + 1) * W[i][j] + Math.Exp(W[i][j] / (j + 1)) / (j + 1);
                    }
                    return g;
                },
                Uniform(n));

            static double GradientJagged(double[] f, double[] g, Func<double[][], double[][], double> call)
            {
                double[][] W = Jagged(f, 0, RaggedLengths);
                double[][] gW = Jagged(g, 0, RaggedLengths);
                double value = call(W, gW);
                Store(gW, g, 0);
                return value;
            }
        }

        // ----- every type in one method: outputs in declaration order -----

        private static readonly int[] MixedJ = { 2, 3 };
        private const int MixedN = 3;
        private const int MixedLength = 1 + MixedN + MixedN + MixedN * MixedN + 5;

        private sealed class MixedArgs
        {
            public double A;
            public double[] V = Array.Empty<double>();
            public double[] S = Array.Empty<double>();
            public double[,] M = new double[0, 0];
            public double[][] J = Array.Empty<double[]>();

            public static MixedArgs Unpack(double[] f)
            {
                int o = 0;
                var m = new MixedArgs { A = f[o++] };
                m.V = Slice(f, o, MixedN); o += MixedN;
                m.S = Slice(f, o, MixedN); o += MixedN;
                m.M = Matrix(f, o, MixedN, MixedN); o += MixedN * MixedN;
                m.J = Jagged(f, o, MixedJ);
                return m;
            }

            public void Pack(double[] f)
            {
                int o = 0;
                f[o++] = A;
                Array.Copy(V, 0, f, o, MixedN); o += MixedN;
                Array.Copy(S, 0, f, o, MixedN); o += MixedN;
                Store(M, f, o); o += MixedN * MixedN;
                Store(J, f, o);
            }
        }

        [Fact]
        public void All_types_in_one_method()
            => Verify(nameof(ParameterTypes.Mixed),
                f =>
                {
                    var m = MixedArgs.Unpack(f);
                    return ParameterTypes.Mixed(m.A, m.V, m.S, m.M, m.J);
                },
                (f, g) =>
                {
                    var m = MixedArgs.Unpack(f);
                    var d = MixedArgs.Unpack(g);
                    double value = ParameterTypes.MixedGradient(m.A, m.V, m.S, m.M, m.J, out d.A, d.V, d.S, d.M, d.J);
                    d.Pack(g);
                    return value;
                },
                (f, s, g) =>
                {
                    var m = MixedArgs.Unpack(f);
                    var d = MixedArgs.Unpack(g);
                    double value = ParameterTypes.MixedPullback(m.A, m.V, m.S, m.M, m.J, s, ref d.A, d.V, d.S, d.M, d.J);
                    d.Pack(g);
                    return value;
                },
                f =>
                {
                    var m = MixedArgs.Unpack(f);
                    var d = new MixedArgs { V = new double[MixedN], S = new double[MixedN], M = new double[MixedN, MixedN], J = Copy(m.J) };
                    foreach (double v in m.V) d.A += v * v;
                    foreach (double[] row in m.J) foreach (double e in row) d.A += e * e;
                    for (int i = 0; i < MixedN; i++)
                    {
                        d.V[i] = 2 * m.A * m.V[i] + m.S[i];
                        d.S[i] = m.V[i];
                        for (int j = 0; j < MixedN; j++)
                        {
                            d.V[i] += m.M[i, j] * m.S[j];
                            d.S[i] += m.M[j, i] * m.V[j];
                            d.M[i, j] = m.V[i] * m.S[j];
                        }
                    }
                    for (int i = 0; i < m.J.Length; i++) for (int j = 0; j < m.J[i].Length; j++) d.J[i][j] = 2 * m.A * m.J[i][j];
                    var g = new double[MixedLength];
                    d.Pack(g);
                    return g;
                },
                Uniform(MixedLength));

        // ----- wrongly sized outputs: ArgumentException naming the output, nothing written -----

        private static void Throws(string expectedName, Action call)
        {
            var e = Assert.ThrowsAny<ArgumentException>(call);
            Assert.Equal(expectedName, e.ParamName);
        }

        [Theory]
        [InlineData(4)]
        [InlineData(6)]
        [InlineData(0)]
        public void Wrong_length_1D_output_throws_and_writes_nothing(int length)
        {
            double[] w = { 0.1, 0.2, 0.3, 0.4, 0.5 };
            double[] g = Garbage(length);
            Throws("gradW", () => ParameterTypes.WeightedSquaresGradient(w, g));
            Exactly(Garbage(length), g, "gradW after a throwing Gradient");
            double[] acc = Prefilled(new Random(1), length);
            double[] before = (double[])acc.Clone();
            Throws("gradW", () => ParameterTypes.WeightedSquaresPullback(w, 1.0, acc));
            Exactly(before, acc, "gradW after a throwing Pullback");

            double[] c = { 1, 2, 3, 4, 5 };
            Throws("gradX", () => ParameterTypes.CubicReadOnlySpanGradient(w, c, g));
            Exactly(Garbage(length), g, "gradX after a throwing Gradient (ReadOnlySpan input)");
            Throws("gradX", () => ParameterTypes.NormSpanInputPullback(w, 1.0, acc));
            Exactly(before, acc, "gradX after a throwing Pullback (Span input)");
        }

        [Fact]
        public void Wrong_length_float_output_throws_and_writes_nothing()
        {
            float[] w = { 0.1f, 0.2f, 0.3f };
            float[] g = { 7f, 8f };
            Throws("gradW", () => ParameterTypes.SinWeightedFGradient(w, g));
            Assert.Equal(new[] { 7f, 8f }, g);
            Throws("gradW", () => ParameterTypes.SinWeightedFPullback(w, 2f, g));
            Assert.Equal(new[] { 7f, 8f }, g);
        }

        [Theory]
        [InlineData(3, 5)]
        [InlineData(4, 4)]
        [InlineData(4, 3)]
        public void Wrong_shape_2D_output_throws_and_writes_nothing(int rows, int cols)
        {
            double[,] W = new double[3, 4];
            W[1, 2] = 1.5;
            double[] x = { 1, 2, 3, 4 };
            double[,] g = new double[rows, cols];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) g[i, j] = i * 10 + j + 0.5;
            double[,] before = Copy(g);
            Throws("gradW", () => ParameterTypes.HalfSquaredImageGradient(W, x, g));
            Assert.Equal(before, g);
            Throws("gradW", () => ParameterTypes.HalfSquaredImagePullback(W, x, 3.0, g));
            Assert.Equal(before, g);
        }

        [Fact]
        public void Wrong_shape_jagged_output_throws_and_writes_nothing()
        {
            double[][] W = Jagged(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0, RaggedLengths);
            double[][] badRows = { new double[] { 9, 9, 9 }, new double[] { 9 }, new double[] { 9, 9, 9, 9 } };
            double[][] badLastRow = { new double[] { 9, 9, 9 }, new double[] { 9 }, new double[] { 9, 9, 9, 9 }, new double[] { 9, 9, 9 } };
            double[][] badFirstRow = { new double[] { 9, 9 }, new double[] { 9 }, new double[] { 9, 9, 9, 9 }, new double[] { 9, 9 } };
            foreach (double[][] bad in new[] { badRows, badLastRow, badFirstRow })
            {
                double[][] before = Copy(bad);
                Throws("gradW", () => ParameterTypes.RaggedRowsGradient(W, bad));
                for (int i = 0; i < bad.Length; i++) Assert.Equal(before[i], bad[i]);
                Throws("gradW", () => ParameterTypes.RaggedRowsPullback(W, -1.0, bad));
                for (int i = 0; i < bad.Length; i++) Assert.Equal(before[i], bad[i]);
            }
        }

        /// <summary>
        /// Mixed has five outputs; make each one wrong in turn while the others are right and
        /// pre-filled: the exception names that output and no output (before or after it) changes.
        /// </summary>
        [Theory]
        [InlineData("gradV")]
        [InlineData("gradS")]
        [InlineData("gradM")]
        [InlineData("gradJ")]
        public void Mixed_one_wrong_output_among_right_ones(string wrong)
        {
            var m = MixedArgs.Unpack(Uniform(new Random(5), MixedLength));
            foreach (bool pullback in new[] { false, true })
            {
                double[] gA = { 42.0 };
                double[] gV = wrong == "gradV" ? new double[] { 1, 2 } : new double[] { 1, 2, 3 };
                double[] gS = wrong == "gradS" ? new double[] { 4, 5, 6, 7 } : new double[] { 4, 5, 6 };
                double[,] gM = wrong == "gradM" ? new double[3, 2] : new double[3, 3];
                gM[0, 0] = 8;
                double[][] gJ = wrong == "gradJ" ? new[] { new double[] { 9, 9 }, new double[] { 9, 9 } } : new[] { new double[] { 9, 9 }, new double[] { 9, 9, 9 } };
                double[] bV = (double[])gV.Clone(), bS = (double[])gS.Clone();
                double[,] bM = Copy(gM);
                double[][] bJ = Copy(gJ);
                if (pullback)
                {
                    Throws(wrong, () => ParameterTypes.MixedPullback(m.A, m.V, m.S, m.M, m.J, 1.0, ref gA[0], gV, gS, gM, gJ));
                }
                else
                {
                    Throws(wrong, () => ParameterTypes.MixedGradient(m.A, m.V, m.S, m.M, m.J, out gA[0], gV, gS, gM, gJ));
                }

                string what = (pullback ? "Pullback" : "Gradient") + " with a wrong " + wrong;
                Exactly(42.0, gA[0], what + ": gradA");
                Exactly(bV, gV, what + ": gradV");
                Exactly(bS, gS, what + ": gradS");
                Assert.Equal(bM, gM);
                for (int i = 0; i < bJ.Length; i++) Exactly(bJ[i], gJ[i], what + $": gradJ[{i}]");
            }
        }
    }
}
