using System;
using GradGen.Workloads;

namespace GradGen.Benchmarks
{
    /// <summary>Logistic regression over jagged rows (<see cref="Logistic.Loss"/>).</summary>
    public sealed class LogisticJaggedWorkload : Workload
    {
        private readonly LogisticData data;
        private readonly double[] generated;
        private readonly double[] hand;

        public LogisticJaggedWorkload(LogisticData data)
            : base("logistic", $"logistic regression, double[][] rows, N={data.N} d={data.D}")
        {
            this.data = data;
            generated = new double[data.D];
            hand = new double[data.D];
            AddParameter("w", data.Weights);
        }

        public override double Objective() => Logistic.Loss(data.Weights, data.Xs, data.Ys);

        public override double GeneratedGradient() => Logistic.LossGradient(data.Weights, data.Xs, data.Ys, generated);

        public override double HandGradient() => Logistic.LossHandGradient(data.Weights, data.Xs, data.Ys, hand);

        public override double[] GeneratedResult() => (double[])generated.Clone();

        public override double[] HandResult() => (double[])hand.Clone();

        public override void Export(DataExport.WorkloadEntry entry) => ExportLogistic(entry, data);

        internal static void ExportLogistic(DataExport.WorkloadEntry entry, LogisticData data)
        {
            entry.Kind = "logistic";
            entry.Array("w", data.Weights, data.D);
            entry.Array("X", data.XsFlat, data.N, data.D);
            entry.Array("y", data.Ys, data.N);
        }
    }

    /// <summary>Logistic regression over flat row-major spans (<see cref="Logistic.LossSpan"/>).</summary>
    public sealed class LogisticSpanWorkload : Workload
    {
        private readonly LogisticData data;
        private readonly double[] generated;
        private readonly double[] hand;

        public LogisticSpanWorkload(LogisticData data)
            : base("logistic-span", $"logistic regression, flat ReadOnlySpan<double>, N={data.N} d={data.D}")
        {
            this.data = data;
            generated = new double[data.D];
            hand = new double[data.D];
            AddParameter("w", data.Weights);
        }

        public override double Objective() => Logistic.LossSpan(data.Weights, data.XsFlat, data.Ys, data.D);

        public override double GeneratedGradient() => Logistic.LossSpanGradient(data.Weights, data.XsFlat, data.Ys, data.D, generated);

        public override double HandGradient() => Logistic.LossSpanHandGradient(data.Weights, data.XsFlat, data.Ys, data.D, hand);

        public override double[] GeneratedResult() => (double[])generated.Clone();

        public override double[] HandResult() => (double[])hand.Clone();

        public override void Export(DataExport.WorkloadEntry entry) => LogisticJaggedWorkload.ExportLogistic(entry, data);
    }

    /// <summary>The one-hidden-layer network summed over a mini-batch (<see cref="Network.BatchLoss"/>).</summary>
    public sealed class NetworkWorkload : Workload
    {
        private readonly NetworkData data;
        private readonly int d;
        private readonly int hidden;
        private readonly double[,] generatedV;
        private readonly double[] generatedB;
        private readonly double[] generatedW;
        private readonly double[,] handV;
        private readonly double[] handB;
        private readonly double[] handW;

        public NetworkWorkload(NetworkData data)
            : base("network", $"one-hidden-layer network (BatchLoss), d={data.HiddenWeights.GetLength(1)} hidden={data.HiddenBiases.Length} batch={data.Ys.Length}")
        {
            this.data = data;
            hidden = data.HiddenWeights.GetLength(0);
            d = data.HiddenWeights.GetLength(1);
            generatedV = new double[hidden, d];
            generatedB = new double[hidden];
            generatedW = new double[hidden];
            handV = new double[hidden, d];
            handB = new double[hidden];
            handW = new double[hidden];
            AddParameter("V", data.HiddenWeights);
            AddParameter("b", data.HiddenBiases);
            AddParameter("w", data.OutputWeights);
        }

        public override double Objective() => Network.BatchLoss(data.HiddenWeights, data.HiddenBiases, data.OutputWeights, data.Xs, data.Ys);

        public override double GeneratedGradient() =>
            Network.BatchLossGradient(data.HiddenWeights, data.HiddenBiases, data.OutputWeights, data.Xs, data.Ys, generatedV, generatedB, generatedW);

        public override double HandGradient() =>
            Network.BatchLossHandGradient(data.HiddenWeights, data.HiddenBiases, data.OutputWeights, data.Xs, data.Ys, handV, handB, handW);

        public override double[] GeneratedResult() => Concat(Flatten(generatedV), generatedB, generatedW);

        public override double[] HandResult() => Concat(Flatten(handV), handB, handW);

        public override void Export(DataExport.WorkloadEntry entry)
        {
            int batch = data.Ys.Length;
            var xs = new double[batch * d];
            for (int n = 0; n < batch; n++)
            {
                Array.Copy(data.Xs[n], 0, xs, n * d, d);
            }

            entry.Kind = "network";
            entry.Array("V", Flatten(data.HiddenWeights), hidden, d);
            entry.Array("b", data.HiddenBiases, hidden);
            entry.Array("w", data.OutputWeights, hidden);
            entry.Array("X", xs, batch, d);
            entry.Array("y", data.Ys, batch);
        }
    }

    /// <summary>ADBench's GMM objective on one of its input files (<see cref="Gmm.Objective"/>).</summary>
    public sealed class GmmWorkload : Workload
    {
        private readonly GmmInput g;
        private readonly string file;
        private readonly double[] generatedAlphas;
        private readonly double[] generatedMeans;
        private readonly double[] generatedIcf;
        private readonly double[] handAlphas;
        private readonly double[] handMeans;
        private readonly double[] handIcf;

        public GmmWorkload(string name, string file, GmmInput g)
            : base(name, $"ADBench GMM {System.IO.Path.GetFileName(file)}, D={g.D} K={g.K} N={g.N}")
        {
            this.g = g;
            this.file = file;
            generatedAlphas = new double[g.Alphas.Length];
            generatedMeans = new double[g.Means.Length];
            generatedIcf = new double[g.Icf.Length];
            handAlphas = new double[g.Alphas.Length];
            handMeans = new double[g.Means.Length];
            handIcf = new double[g.Icf.Length];
            AddParameter("alphas", g.Alphas);
            AddParameter("means", g.Means);
            AddParameter("icf", g.Icf);
        }

        public override double Objective() => Gmm.Objective(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M);

        public override double GeneratedGradient() =>
            Gmm.ObjectiveGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, generatedAlphas, generatedMeans, generatedIcf);

        public override double HandGradient() =>
            Gmm.HandGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.Gamma, g.M, handAlphas, handMeans, handIcf);

        public override double[] GeneratedResult() => Concat(generatedAlphas, generatedMeans, generatedIcf);

        public override double[] HandResult() => Concat(handAlphas, handMeans, handIcf);

        public override void Export(DataExport.WorkloadEntry entry)
        {
            // The peer reads the same ADBench file itself; the path is recorded for reference.
            entry.Kind = "gmm";
            entry.Text("adbench_file", "gmm/" + System.IO.Path.GetFileName(file));
        }
    }

    /// <summary>ADBench's LSTM objective on one of its input files (<see cref="Lstm.Objective"/>).</summary>
    public sealed class LstmWorkload : Workload
    {
        private readonly LstmInput input;
        private readonly string file;
        private readonly double[] generatedMain;
        private readonly double[] generatedExtra;
        private readonly double[] handMain;
        private readonly double[] handExtra;

        public LstmWorkload(string name, string file, LstmInput input)
            : base(name, $"ADBench LSTM {System.IO.Path.GetFileName(file)}, l={input.L} c={input.C} b={input.B}")
        {
            this.input = input;
            this.file = file;
            generatedMain = new double[input.MainParams.Length];
            generatedExtra = new double[input.ExtraParams.Length];
            handMain = new double[input.MainParams.Length];
            handExtra = new double[input.ExtraParams.Length];
            AddParameter("main", input.MainParams);
            AddParameter("extra", input.ExtraParams);
        }

        public override double Objective() =>
            Lstm.Objective(input.MainParams, input.ExtraParams, input.State, input.Sequence, input.L, input.C, input.B);

        public override double GeneratedGradient() =>
            Lstm.ObjectiveGradient(input.MainParams, input.ExtraParams, input.State, input.Sequence, input.L, input.C, input.B, generatedMain, generatedExtra);

        public override double HandGradient() =>
            Lstm.HandGradient(input.MainParams, input.ExtraParams, input.State, input.Sequence, input.L, input.C, input.B, handMain, handExtra);

        public override double[] GeneratedResult() => Concat(generatedMain, generatedExtra);

        public override double[] HandResult() => Concat(handMain, handExtra);

        public override void Export(DataExport.WorkloadEntry entry)
        {
            entry.Kind = "lstm";
            entry.Text("adbench_file", "lstm/" + System.IO.Path.GetFileName(file));
        }
    }

    /// <summary>The extended Rosenbrock function (<see cref="Rosenbrock.Extended"/>).</summary>
    public sealed class RosenbrockWorkload : Workload
    {
        private readonly double[] x;
        private readonly double[] generated;
        private readonly double[] hand;

        public RosenbrockWorkload(double[] x)
            : base("rosenbrock", $"extended Rosenbrock, n={x.Length}")
        {
            this.x = x;
            generated = new double[x.Length];
            hand = new double[x.Length];
            AddParameter("x", x);
        }

        public override double Objective() => Rosenbrock.Extended(x);

        public override double GeneratedGradient() => Rosenbrock.ExtendedGradient(x, generated);

        public override double HandGradient() => Rosenbrock.ExtendedHandGradient(x, hand);

        public override double[] GeneratedResult() => (double[])generated.Clone();

        public override double[] HandResult() => (double[])hand.Clone();

        public override void Export(DataExport.WorkloadEntry entry)
        {
            entry.Kind = "rosenbrock";
            entry.Array("x", x, x.Length);
        }
    }

    /// <summary>Softmax cross-entropy of a linear classifier over a mini-batch (<see cref="SoftmaxCrossEntropy.Loss"/>).</summary>
    public sealed class SoftmaxWorkload : Workload
    {
        private readonly SoftmaxData data;
        private readonly double[,] generatedW;
        private readonly double[] generatedB;
        private readonly double[,] handW;
        private readonly double[] handB;

        public SoftmaxWorkload(SoftmaxData data)
            : base("softmax-ce", $"softmax cross-entropy, linear layer, int[] labels, N={data.N} d={data.D} classes={data.Classes}")
        {
            this.data = data;
            generatedW = new double[data.Classes, data.D];
            generatedB = new double[data.Classes];
            handW = new double[data.Classes, data.D];
            handB = new double[data.Classes];
            AddParameter("W", data.Weights);
            AddParameter("b", data.Biases);
        }

        public override double Objective() => SoftmaxCrossEntropy.Loss(data.Weights, data.Biases, data.XsFlat, data.Labels);

        public override double GeneratedGradient() =>
            SoftmaxCrossEntropy.LossGradient(data.Weights, data.Biases, data.XsFlat, data.Labels, generatedW, generatedB);

        public override double HandGradient() =>
            SoftmaxCrossEntropy.LossHandGradient(data.Weights, data.Biases, data.XsFlat, data.Labels, handW, handB);

        public override double[] GeneratedResult() => Concat(Flatten(generatedW), generatedB);

        public override double[] HandResult() => Concat(Flatten(handW), handB);

        public override void Export(DataExport.WorkloadEntry entry)
        {
            entry.Kind = "softmax";
            entry.Array("W", Flatten(data.Weights), data.Classes, data.D);
            entry.Array("b", data.Biases, data.Classes);
            entry.Array("X", data.XsFlat, data.N, data.D);
            // Labels travel as float64 like every other array; the peer converts them to integers.
            entry.Array("labels", Array.ConvertAll(data.Labels, l => (double)l), data.N);
        }
    }
}
