using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GradGen.Workloads;

namespace GradGen.Benchmarks.Analysis
{
    /// <summary>
    /// The <c>--analyze</c> mode: where the generated gradients lose time against the hand-written ones.
    /// Times the generated gradient, copies of it that each change one thing (see the variant classes),
    /// and the hand-written gradient, on the benchmark data; every variant is first checked against
    /// the hand-written gradient to 1e-10.
    /// </summary>
    public static class GapAnalysis
    {
        public sealed record Variant(string Workload, string Name, string Change, Func<double> Run, Func<double[]> Result);

        public static IReadOnlyList<Variant> Variants()
        {
            var variants = new List<Variant>();

            LogisticData logistic = SyntheticData.Logistic(Catalog.LogisticN, Catalog.LogisticD, Catalog.LogisticSeed);
            var gw = new double[logistic.D];
            void L(string name, string change, Func<double> run) => variants.Add(new Variant("logistic", name, change, run, () => (double[])gw.Clone()));
            L("generated", "as emitted", () => Logistic.LossGradient(logistic.Weights, logistic.Xs, logistic.Ys, gw));
            L("L1", "reverse inner loop counts up", () => LogisticVariants.LoopUp(logistic.Weights, logistic.Xs, logistic.Ys, gw));
            L("L2", "row xs[n] hoisted into a local", () => LogisticVariants.HoistedRow(logistic.Weights, logistic.Xs, logistic.Ys, gw));
            L("L3", "adjoints declared at the start of the reverse sweep", () => LogisticCopies.GradientScopedAdjoints(logistic.Weights, logistic.Xs, logistic.Ys, gw));
            L("L4", "inner loop reads a local copy of dS", () => LogisticCopies.GradientLocalSeed(logistic.Weights, logistic.Xs, logistic.Ys, gw));
            L("L5", "tape Pop without the empty check", () => LogisticCopies.GradientUncheckedTape(logistic.Weights, logistic.Xs, logistic.Ys, gw));
            L("hand", "one fused pass", () => Logistic.LossHandGradient(logistic.Weights, logistic.Xs, logistic.Ys, gw));
            L("hand-simd", "hand, dot and axpy vectorised (Vector<double>, FMA)", () => SimdVariants.LogisticHandVectorized(logistic.Weights, logistic.Xs, logistic.Ys, gw));

            void P(string name, string change, Func<double> run) => variants.Add(new Variant("logistic-span", name, change, run, () => (double[])gw.Clone()));
            P("generated", "as emitted", () => Logistic.LossSpanGradient(logistic.Weights, logistic.XsFlat, logistic.Ys, logistic.D, gw));
            P("P1", "inner loop reads a local copy of dS", () => LogisticCopies.GradientSpanLocalSeed(logistic.Weights, logistic.XsFlat, logistic.Ys, logistic.D, gw));
            P("hand", "one fused pass", () => Logistic.LossSpanHandGradient(logistic.Weights, logistic.XsFlat, logistic.Ys, logistic.D, gw));

            NetworkData network = SyntheticData.NetworkBatch(Catalog.NetworkBatch, Catalog.NetworkD, Catalog.NetworkHidden, Catalog.NetworkSeed);
            var gV = new double[Catalog.NetworkHidden, Catalog.NetworkD];
            var gB = new double[Catalog.NetworkHidden];
            var gW = new double[Catalog.NetworkHidden];
            double[] NetworkResult()
            {
                var flat = new double[gV.Length + gB.Length + gW.Length];
                int i = 0;
                foreach (double v in gV)
                {
                    flat[i++] = v;
                }

                gB.CopyTo(flat, i);
                gW.CopyTo(flat, i + gB.Length);
                return flat;
            }

            void N(string name, string change, Func<double> run) => variants.Add(new Variant("network", name, change, run, NetworkResult));
            N("generated", "as emitted", () => Network.BatchLossGradient(network.HiddenWeights, network.HiddenBiases, network.OutputWeights, network.Xs, network.Ys, gV, gB, gW));
            N("N1", "one LossPullback per example, no separate forward Loss call", () => NetworkVariants.SinglePass(network.HiddenWeights, network.HiddenBiases, network.OutputWeights, network.Xs, network.Ys, gV, gB, gW));
            N("N2", "N1 + activations kept, no Sigmoid recomputation", () => NetworkVariants.SinglePassKeptActivations(network.HiddenWeights, network.HiddenBiases, network.OutputWeights, network.Xs, network.Ys, gV, gB, gW));
            N("N3", "N1 + LossPullback's adjoints declared at the start of its reverse sweep", () => NetworkVariants.SinglePassScopedAdjoints(network.HiddenWeights, network.HiddenBiases, network.OutputWeights, network.Xs, network.Ys, gV, gB, gW));
            N("hand", "one forward, activations kept", () => Network.BatchLossHandGradient(network.HiddenWeights, network.HiddenBiases, network.OutputWeights, network.Xs, network.Ys, gV, gB, gW));
            N("hand-simd", "hand, dot and axpy vectorised (Vector<double>, FMA)", () => SimdVariants.NetworkHandVectorized(network.HiddenWeights, network.HiddenBiases, network.OutputWeights, network.Xs, network.Ys, gV, gB, gW));

            GmmInput g = GmmInput.Load(Paths.AdBench("gmm/gmm_d10_K25.txt"));
            var ga = new double[g.Alphas.Length];
            var gm = new double[g.Means.Length];
            var gi = new double[g.Icf.Length];
            void G(string name, string change, Func<double> run) => variants.Add(new Variant("gmm-d10-K25", name, change, run, () => ga.Concat(gm).Concat(gi).ToArray()));
            G("generated", "as emitted", () => Gmm.ObjectiveGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, ga, gm, gi));
            G("G1", "adjoints declared at the start of the reverse sweep", () => GmmCopies.GradientScopedAdjoints(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, ga, gm, gi));
            G("G2", "lIndex not taped (lIndex-- inverts lIndex++)", () => GmmCopies.GradientCounterInverted(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, ga, gm, gi));
            G("G3", "G2 + qxCentered[row] += … not taped", () => GmmCopies.GradientIncrementsUntaped(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, ga, gm, gi));
            G("G4", "G1 + G2 + G3", () => GmmCopies.GradientAll(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, ga, gm, gi));
            G("G5", "G4 + tape Pop without the empty check", () => GmmCopies.GradientAllUncheckedTape(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, ga, gm, gi));
            G("hand", "z = Q(x−μ) kept per point, fused backward", () => Gmm.HandGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, ga, gm, gi));

            LstmInput s = LstmInput.Load(Paths.AdBench("lstm/lstm_l2_c1024.txt"));
            var sm = new double[s.MainParams.Length];
            var se = new double[s.ExtraParams.Length];
            void S(string name, string change, Func<double> run) => variants.Add(new Variant("lstm-l2-c1024", name, change, run, () => sm.Concat(se).ToArray()));
            S("generated", "as emitted", () => Lstm.ObjectiveGradient(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B, sm, se));
            S("S1", "gate adjoints σ(1−σ) from kept gates, no SigmoidPullback", () => LstmCopies.GradientGateDerivatives(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B, sm, se));
            S("S2", "adjoints declared at the start of the reverse sweep", () => LstmCopies.GradientScopedAdjoints(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B, sm, se));
            S("S4", "tape Pop without the empty check", () => LstmCopies.GradientUncheckedTape(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B, sm, se));
            S("S3", "S1 + S2", () => LstmCopies.GradientBoth(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B, sm, se));
            S("hand", "8 values per unit recorded in arrays", () => Lstm.HandGradient(s.MainParams, s.ExtraParams, s.State, s.Sequence, s.L, s.C, s.B, sm, se));

            double[] x = SyntheticData.RosenbrockPoint(Catalog.RosenbrockN, Catalog.RosenbrockSeed);
            var gx = new double[x.Length];
            void R(string name, string change, Func<double> run) => variants.Add(new Variant("rosenbrock", name, change, run, () => (double[])gx.Clone()));
            R("generated", "as emitted", () => Rosenbrock.ExtendedGradient(x, gx));
            R("R0", "tape Pop without the empty check", () => RosenbrockCopies.GradientUncheckedTape(x, gx));
            R("R1", "adjoints declared at the start of the reverse sweep", () => RosenbrockCopies.GradientScopedAdjoints(x, gx));
            R("R2", "t1, t2 recomputed in the reverse sweep, no tape", () => RosenbrockVariants.Recompute(x, gx));
            R("R3", "R2 + duplicated adjoint statements merged", () => RosenbrockVariants.RecomputeMerged(x, gx));
            R("R4", "R3 + reverse loop counts up", () => RosenbrockVariants.RecomputeMergedLoopUp(x, gx));
            R("R5", "one fused loop (still Clear + +=)", () => RosenbrockVariants.Fused(x, gx));
            R("hand", "one fused loop, gradient assigned", () => Rosenbrock.ExtendedHandGradient(x, gx));
            return variants;
        }

        /// <summary>Checks and times every variant; returns the exit code (1 if a variant disagrees with the hand gradient).</summary>
        public static int Run(HarnessOptions options, TextWriter output, IReadOnlyCollection<string>? only = null)
        {
            IReadOnlyList<Variant> variants = Variants().Where(v => only is null || only.Count == 0 || only.Contains(v.Workload)).ToArray();
            bool agree = true;
            var times = new Dictionary<Variant, Timing>();
            foreach (IGrouping<string, Variant> group in variants.GroupBy(v => v.Workload))
            {
                Variant hand = group.Single(v => v.Name == "hand");
                hand.Run();
                double[] reference = hand.Result();
                foreach (Variant v in group)
                {
                    v.Run();
                    double worst = reference.Zip(v.Result(), AgreementCheck.RelativeError).Max();
                    if (!(worst <= AgreementCheck.Tolerance))
                    {
                        agree = false;
                        output.WriteLine($"FAIL {v.Workload} {v.Name}: differs from the hand gradient by {worst:E2}");
                    }

                    times[v] = Harness.Time(v.Run, options);
                    output.WriteLine($"  {v.Workload,-14} {v.Name,-10} {Format.Time(times[v].MedianSeconds),10}");
                    output.Flush();
                }
            }

            output.WriteLine();
            output.WriteLine("| workload | variant | change | median | × hand |");
            output.WriteLine("|---|---|---|---:|---:|");
            foreach (Variant v in variants)
            {
                double hand = times[variants.Single(h => h.Workload == v.Workload && h.Name == "hand")].MedianSeconds;
                output.WriteLine($"| {v.Workload} | {v.Name} | {v.Change} | {Format.Time(times[v].MedianSeconds)} | {Format.Ratio(times[v].MedianSeconds / hand)} |");
            }

            output.WriteLine();
            output.WriteLine(agree ? "Every variant agrees with the hand-written gradient to 1e-10." : "MISMATCH: see FAIL above.");
            return agree ? 0 : 1;
        }
    }
}
