using System;
using Worksheet;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.Arrays.Tests
{
    public class CallsWithArraysTests
    {
        private static double[] Softmax(ReadOnlySpan<double> v)
        {
            double max = double.NegativeInfinity;
            foreach (double e in v) max = Math.Max(max, e);
            var p = new double[v.Length];
            double sum = 0;
            for (int i = 0; i < v.Length; i++) sum += p[i] = Math.Exp(v[i] - max);
            for (int i = 0; i < v.Length; i++) p[i] /= sum;
            return p;
        }

        private static double[] WeightedSquaresGradient(double[] a)
        {
            var g = new double[a.Length];
            for (int i = 0; i < a.Length; i++) g[i] = 2 * (i + 1) * a[i];
            return g;
        }

        [Fact]
        public void LogSumExp_over_a_prefix_of_the_array()
        {
            foreach (int n in new[] { 5, 3, 1 })
            {
                Verify(nameof(CallsWithArrays.LogSumExp) + n,
                    v => CallsWithArrays.LogSumExp(v, n),
                    (v, g) => CallsWithArrays.LogSumExpGradient(v, n, g),
                    (v, s, g) => CallsWithArrays.LogSumExpPullback(v, n, s, g),
                    v =>
                    {
                        var g = new double[v.Length];
                        Softmax(v.AsSpan(0, n)).CopyTo(g, 0);
                        return g;
                    },
                    Uniform(5, -4, 4).Where(v =>
                    {
                        // Keep the maximum unique (Max's tie convention is not the point here).
                        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) if (Math.Abs(v[i] - v[j]) < 1e-3) return false;
                        return true;
                    }));
            }
        }

        [Fact]
        public void Mixture_loss_calls_LogSumExp_on_a_scratch_array_overwritten_per_point()
        {
            const int K = 3, D = 2, N = 6;
            double[,] x = RandomMatrix(new Random(41), N, D, -2, 2);
            double Call(double[] f, double[] g, Func<double[], double[,], double[], double[,], double> call)
            {
                double[,] gM = Matrix(g, K, K, D);
                double[] gA = Slice(g, 0, K);
                double value = call(Slice(f, 0, K), Matrix(f, K, K, D), gA, gM);
                Array.Copy(gA, g, K);
                Store(gM, g, K);
                return value;
            }

            Verify(nameof(CallsWithArrays.MixtureLoss),
                f => CallsWithArrays.MixtureLoss(Slice(f, 0, K), Matrix(f, K, K, D), x),
                (f, g) => Call(f, g, (a, m, gA, gM) => CallsWithArrays.MixtureLossGradient(a, m, x, gA, gM)),
                (f, s, g) => Call(f, g, (a, m, gA, gM) => CallsWithArrays.MixtureLossPullback(a, m, x, s, gA, gM)),
                f =>
                {
                    double[] alphas = Slice(f, 0, K);
                    double[,] means = Matrix(f, K, K, D);
                    var g = new double[K + K * D];
                    double[] prior = Softmax(alphas);
                    for (int k = 0; k < K; k++) g[k] = -N * prior[k];
                    for (int i = 0; i < N; i++)
                    {
                        var scores = new double[K];
                        for (int k = 0; k < K; k++)
                        {
                            double sq = 0;
                            for (int d = 0; d < D; d++) sq += (x[i, d] - means[k, d]) * (x[i, d] - means[k, d]);
                            scores[k] = alphas[k] - 0.5 * sq;
                        }
                        double[] r = Softmax(scores);
                        for (int k = 0; k < K; k++)
                        {
                            g[k] += r[k];
                            for (int d = 0; d < D; d++) g[K + k * D + d] += r[k] * (x[i, d] - means[k, d]);
                        }
                    }
                    return g;
                },
                Uniform(K + K * D, -2, 2));
        }

        [Fact]
        public void Passing_the_wrt_array_to_callees_including_twice_to_one_call()
            => Verify(nameof(CallsWithArrays.PassesWrtArray),
                w => CallsWithArrays.PassesWrtArray(w),
                (w, g) => CallsWithArrays.PassesWrtArrayGradient(w, g),
                (w, s, g) => CallsWithArrays.PassesWrtArrayPullback(w, s, g),
                w =>
                {
                    double[] g = WeightedSquaresGradient(w);
                    double[] p = Softmax(w);
                    for (int i = 0; i < w.Length; i++) g[i] += 0.5 * p[i] + 2 * w[i];
                    return g;
                },
                Uniform(5));

        [Fact]
        public void A_call_in_a_loop_with_a_varying_count()
            => Verify(nameof(CallsWithArrays.PrefixLogSumExps),
                w => CallsWithArrays.PrefixLogSumExps(w),
                (w, g) => CallsWithArrays.PrefixLogSumExpsGradient(w, g),
                (w, s, g) => CallsWithArrays.PrefixLogSumExpsPullback(w, s, g),
                w =>
                {
                    var g = new double[w.Length];
                    for (int k = 1; k <= w.Length; k++)
                    {
                        double[] p = Softmax(w.AsSpan(0, k));
                        for (int i = 0; i < k; i++) g[i] += p[i];
                    }
                    return g;
                },
                Uniform(5, -3, 3));

        [Fact]
        public void Passing_a_constant_array_to_a_differentiated_parameter()
        {
            double[] data = { 0.5, -1.5, 2.0, 0.25 };
            double lse = Math.Log(Math.Exp(0.5) + Math.Exp(-1.5) + Math.Exp(2.0) + Math.Exp(0.25));
            Verify(nameof(CallsWithArrays.PassesConstantArray),
                w => CallsWithArrays.PassesConstantArray(w, data),
                (w, g) => CallsWithArrays.PassesConstantArrayGradient(w, data, g),
                (w, s, g) => CallsWithArrays.PassesConstantArrayPullback(w, data, s, g),
                w =>
                {
                    double[] g = WeightedSquaresGradient(w);
                    for (int i = 0; i < w.Length; i++) g[i] = 3 * data[i] + lse * g[i];
                    return g;
                },
                Uniform(data.Length));
        }

        [Fact]
        public void Softmax_then_cross_entropy_through_the_vector_valued_Pullback()
        {
            double[] target = { 0.1, 0.6, 0.0, 0.3, 0.0 };
            Verify(nameof(CallsWithArrays.SoftmaxThenCrossEntropy),
                z => CallsWithArrays.SoftmaxThenCrossEntropy(z, target),
                (z, g) => CallsWithArrays.SoftmaxThenCrossEntropyGradient(z, target, g),
                (z, s, g) => CallsWithArrays.SoftmaxThenCrossEntropyPullback(z, target, s, g),
                z =>
                {
                    double[] p = Softmax(z);
                    double mass = 0;
                    foreach (double t in target) mass += t;
                    var g = new double[z.Length];
                    for (int i = 0; i < z.Length; i++) g[i] = mass * p[i] - target[i];
                    return g;
                },
                Uniform(target.Length, -3, 3));
        }

        [Fact]
        public void Worksheet_SoftmaxCrossEntropy_with_a_label()
        {
            foreach (int label in new[] { 0, 2 })
            {
                Verify("Exercises.SoftmaxCrossEntropy" + label,
                    z => Exercises.SoftmaxCrossEntropy(z, label),
                    (z, g) => Exercises.SoftmaxCrossEntropyGradient(z, label, g),
                    (z, s, g) => Exercises.SoftmaxCrossEntropyPullback(z, label, s, g),
                    z =>
                    {
                        double[] g = Softmax(z);
                        g[label] -= 1;
                        return g;
                    },
                    Uniform(4, -3, 3));
            }
        }

        [Fact]
        public void Vector_valued_callee_writing_into_a_new_array()
        {
            double[] u = { 0.3, -0.8, 0.5, 1.1 };
            Verify(nameof(CallsWithArrays.ProjectionLoss),
                x => CallsWithArrays.ProjectionLoss(x, u),
                (x, g) => CallsWithArrays.ProjectionLossGradient(x, u, g),
                (x, s, g) => CallsWithArrays.ProjectionLossPullback(x, u, s, g),
                x =>
                {
                    double norm = 0;
                    foreach (double v in x) norm += v * v;
                    norm = Math.Sqrt(norm);
                    double dot = 0;
                    for (int i = 0; i < x.Length; i++) dot += u[i] * x[i] / norm;
                    var g = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) g[i] = 2 * dot * (u[i] - dot * x[i] / norm) / norm;
                    return g;
                },
                Uniform(u.Length, -2, 2).Where(x => Math.Abs(x[0]) + Math.Abs(x[1]) > 0.5));
        }

        [Fact]
        public void Three_deep_with_arrays()
        {
            double[,] M = RandomMatrix(new Random(43), 4, 4);
            Verify(nameof(CallsWithArrays.LevelOne),
                w => CallsWithArrays.LevelOne(w, M),
                (w, g) => CallsWithArrays.LevelOneGradient(w, M, g),
                (w, s, g) => CallsWithArrays.LevelOnePullback(w, M, s, g),
                w =>
                {
                    int n = w.Length;
                    var v = new double[n];
                    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) v[i] += M[i, j] * w[j];
                    // LevelTwo(a, b) = Σ (i+1)(aᵢbᵢ)² + Σ (i+1) bᵢ².
                    var dA = new double[n];
                    var g = new double[n];
                    double level3 = 0;
                    for (int i = 0; i < n; i++)
                    {
                        dA[i] = 2 * (i + 1) * v[i] * w[i] * w[i];
                        g[i] = 2 * (i + 1) * v[i] * v[i] * w[i] + 2 * (i + 1) * w[i];
                        level3 += (i + 1) * w[i] * w[i];
                    }
                    double e = Math.Exp(-0.1 * level3);
                    for (int j = 0; j < n; j++)
                    {
                        for (int i = 0; i < n; i++) g[j] += M[i, j] * dA[i];
                        g[j] += e * -0.1 * 2 * (j + 1) * w[j];
                    }
                    return g;
                },
                Uniform(4, -1.5, 1.5));
        }

        [Fact]
        public void Level_two_on_its_own_with_respect_to_both_arrays()
        {
            const int n = 4;
            Verify(nameof(CallsWithArrays.LevelTwo),
                f => CallsWithArrays.LevelTwo(Slice(f, 0, n), Slice(f, n, n)),
                (f, g) => CallsWithArrays.LevelTwoGradient(Slice(f, 0, n), Slice(f, n, n), g.AsSpan(0, n), g.AsSpan(n, n)),
                (f, s, g) => CallsWithArrays.LevelTwoPullback(Slice(f, 0, n), Slice(f, n, n), s, g.AsSpan(0, n), g.AsSpan(n, n)),
                f =>
                {
                    var g = new double[2 * n];
                    for (int i = 0; i < n; i++)
                    {
                        double a = f[i], b = f[n + i];
                        g[i] = 2 * (i + 1) * a * b * b;
                        g[n + i] = 2 * (i + 1) * a * a * b + 2 * (i + 1) * b;
                    }
                    return g;
                },
                Uniform(2 * n));
        }

        [Fact]
        public void Cross_assembly_callee_on_the_wrt_array_and_on_an_overwritten_scratch()
            => Verify(nameof(CallsWithArrays.CrossAssemblyLogSumExp),
                w => CallsWithArrays.CrossAssemblyLogSumExp(w),
                (w, g) => CallsWithArrays.CrossAssemblyLogSumExpGradient(w, g),
                (w, s, g) => CallsWithArrays.CrossAssemblyLogSumExpPullback(w, s, g),
                w =>
                {
                    double[] g = Softmax(w);
                    for (int k = 0; k < 3; k++)
                    {
                        var shifted = new double[w.Length];
                        for (int i = 0; i < w.Length; i++) shifted[i] = w[i] * (k + 1) - i;
                        double[] p = Softmax(shifted);
                        for (int i = 0; i < w.Length; i++) g[i] += (k + 1) * p[i];
                    }
                    return g;
                },
                Uniform(5, -2, 2));
    }
}
