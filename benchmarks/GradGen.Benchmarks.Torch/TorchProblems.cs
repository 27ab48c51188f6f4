using System;
using System.Collections.Generic;
using GradGen.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace GradGen.Benchmarks.Torch
{
    /// <summary>
    /// One benchmark workload as a TorchSharp user writes it: the differentiated parameters as leaf
    /// tensors (requires_grad) in the same order as the GradGen workload's flat gradient, and the loss
    /// as a function of them built from vectorised torch operations.
    /// </summary>
    public sealed class TorchProblem
    {
        public TorchProblem(Tensor[] parameters, Func<Tensor> loss)
        {
            Parameters = parameters;
            Loss = loss;
        }

        public Tensor[] Parameters { get; }

        public Func<Tensor> Loss { get; }
    }

    /// <summary>
    /// The same data as <see cref="Catalog"/> (the same seeds, sizes and ADBench files), as float64
    /// tensors, and the objectives of benchmarks/peer/bench.py written with TorchSharp.
    /// </summary>
    public static class TorchProblems
    {
        public static TorchProblem Create(string name)
        {
            switch (name)
            {
                case "logistic":
                case "logistic-span":
                    return Logistic(SyntheticData.Logistic(Catalog.LogisticN, Catalog.LogisticD, Catalog.LogisticSeed));
                case "network":
                    return Network(SyntheticData.NetworkBatch(Catalog.NetworkBatch, Catalog.NetworkD, Catalog.NetworkHidden, Catalog.NetworkSeed));
                case "gmm-d2-K5":
                    return Gmm(GmmInput.Load(Paths.AdBench("gmm/gmm_d2_K5.txt")));
                case "gmm-d10-K25":
                    return Gmm(GmmInput.Load(Paths.AdBench("gmm/gmm_d10_K25.txt")));
                case "lstm-l2-c1024":
                    return Lstm(LstmInput.Load(Paths.AdBench("lstm/lstm_l2_c1024.txt")));
                case "rosenbrock":
                    return Rosenbrock(SyntheticData.RosenbrockPoint(Catalog.RosenbrockN, Catalog.RosenbrockSeed));
                case "softmax-ce":
                    return Softmax(SyntheticData.SoftmaxBatch(Catalog.SoftmaxN, Catalog.SoftmaxD, Catalog.SoftmaxClasses, Catalog.SoftmaxSeed));
                default:
                    throw new ArgumentException($"No TorchSharp version of '{name}'.", nameof(name));
            }
        }

        /// <summary>(1/N) Σ_n ln(1 + exp(−y_n w·x_n)).</summary>
        private static TorchProblem Logistic(LogisticData data)
        {
            Tensor w = Leaf(data.Weights, data.D);
            Tensor x = Constant(data.XsFlat, data.N, data.D);
            Tensor y = Constant(data.Ys, data.N);
            return new TorchProblem(new[] { w }, () => torch.log1p(torch.exp(-y * x.matmul(w))).mean());
        }

        /// <summary>Σ_n ln(1 + exp(−y_n w·σ(V x_n + b))).</summary>
        private static TorchProblem Network(NetworkData data)
        {
            int hidden = data.HiddenBiases.Length;
            int d = data.HiddenWeights.GetLength(1);
            int batch = data.Ys.Length;
            Tensor v = Leaf(Flatten(data.HiddenWeights), hidden, d);
            Tensor b = Leaf(data.HiddenBiases, hidden);
            Tensor w = Leaf(data.OutputWeights, hidden);
            var xs = new double[batch * d];
            for (int n = 0; n < batch; n++)
            {
                Array.Copy(data.Xs[n], 0, xs, n * d, d);
            }

            Tensor x = Constant(xs, batch, d);
            Tensor y = Constant(data.Ys, batch);
            return new TorchProblem(new[] { v, b, w }, () =>
            {
                Tensor a = torch.sigmoid(x.matmul(v.t()) + b);
                return torch.log1p(torch.exp(-y * a.matmul(w))).sum();
            });
        }

        /// <summary>Mean cross-entropy of softmax(W x_n + b) against the integer labels (torch's fused cross_entropy).</summary>
        private static TorchProblem Softmax(SoftmaxData data)
        {
            Tensor w = Leaf(Flatten(data.Weights), data.Classes, data.D);
            Tensor b = Leaf(data.Biases, data.Classes);
            Tensor x = Constant(data.XsFlat, data.N, data.D);
            Tensor labels = torch.tensor(Array.ConvertAll(data.Labels, l => (long)l), new long[] { data.N }, ScalarType.Int64);
            return new TorchProblem(new[] { w, b }, () => nn.functional.cross_entropy(x.matmul(w.t()) + b, labels));
        }

        /// <summary>Σ_i 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})².</summary>
        private static TorchProblem Rosenbrock(double[] point)
        {
            Tensor x = Leaf(point, point.Length);
            int half = point.Length / 2;
            return new TorchProblem(new[] { x }, () =>
            {
                Tensor even = x.slice(0, 0, 2 * half, 2);
                Tensor odd = x.slice(0, 1, 2 * half, 2);
                Tensor t1 = odd - even * even;
                Tensor t2 = 1 - even;
                return (100 * t1 * t1 + t2 * t2).sum();
            });
        }

        /// <summary>
        /// ADBench's GMM objective, vectorised over points and components as in bench.py. The
        /// strictly-lower entries of each Q_k (stored column by column) are scattered into a K×d×d
        /// tensor by a constant 0/1 matrix product, which keeps the scatter differentiable.
        /// </summary>
        private static TorchProblem Gmm(GmmInput g)
        {
            const double Pi = 3.14159265359; // ADBench's value, as in the C# objective
            int d = g.D, k = g.K, n = g.N, icfSize = g.IcfSize, lowerSize = icfSize - d;
            Tensor alphas = Leaf(g.Alphas, k);
            Tensor means = Leaf(g.Means, k, d);
            Tensor icf = Leaf(g.Icf, k, icfSize);
            Tensor x = Constant(g.X, n, d);
            var scatter = new double[Math.Max(1, lowerSize) * d * d];
            int t = 0;
            for (int col = 0; col < d; col++)
            {
                for (int row = col + 1; row < d; row++)
                {
                    scatter[t * d * d + row * d + col] = 1;
                    t++;
                }
            }

            Tensor scatterMatrix = Constant(scatter, Math.Max(1, lowerSize), d * d);
            double gamma = g.Gamma;
            int m = g.M;
            int nPrime = d + m + 1;
            double priorConstant = nPrime * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - Workloads.Gmm.LogMultivariateGamma(0.5 * nPrime, d, Pi);
            return new TorchProblem(new[] { alphas, means, icf }, () =>
            {
                Tensor q = icf.slice(1, 0, d, 1);
                Tensor lower = icf.slice(1, d, icfSize, 1);
                Tensor qDiag = torch.exp(q);
                Tensor sumQs = q.sum(1);
                Tensor l = lowerSize > 0 ? lower.matmul(scatterMatrix).reshape(k, d, d) : torch.zeros(k, d, d, ScalarType.Float64);
                Tensor xc = x.unsqueeze(1) - means.unsqueeze(0);                      // n, k, d
                Tensor qxc = qDiag * xc + torch.einsum("krc,nkc->nkr", l, xc);        // Q_k (x_i − μ_k)
                Tensor main = alphas + sumQs - 0.5 * (qxc * qxc).sum(2);              // n, k
                Tensor slse = torch.logsumexp(main, 1).sum();
                Tensor logLikelihood = -n * d * 0.5 * Math.Log(2 * Pi) + slse - n * torch.logsumexp(alphas, 0);
                Tensor prior = (0.5 * gamma * gamma * ((qDiag * qDiag).sum(1) + (lower * lower).sum(1)) - m * sumQs).sum();
                return logLikelihood + (prior - k * priorConstant);
            });
        }

        /// <summary>ADBench's LSTM objective: a loop over time steps (as ADBench's PyTorch module), the loss vectorised over time.</summary>
        private static TorchProblem Lstm(LstmInput input)
        {
            int l = input.L, c = input.C, b = input.B;
            Tensor main = Leaf(input.MainParams, 2 * l, 4 * b);
            Tensor extra = Leaf(input.ExtraParams, 3, b);
            Tensor state = Constant(input.State, 2 * l, b);
            Tensor sequence = Constant(input.Sequence, c, b);
            return new TorchProblem(new[] { main, extra }, () =>
            {
                var weights = new Tensor[l][];
                var hidden = new Tensor[l];
                var cell = new Tensor[l];
                for (int layer = 0; layer < l; layer++)
                {
                    Tensor w = main[2 * layer];
                    Tensor bias = main[2 * layer + 1];
                    weights[layer] = new Tensor[8];
                    for (int gate = 0; gate < 4; gate++)
                    {
                        weights[layer][2 * gate] = w.slice(0, gate * b, (gate + 1) * b, 1);
                        weights[layer][2 * gate + 1] = bias.slice(0, gate * b, (gate + 1) * b, 1);
                    }

                    hidden[layer] = state[2 * layer];
                    cell[layer] = state[2 * layer + 1];
                }

                Tensor inWeight = extra[0];
                var outputs = new List<Tensor>(c - 1);
                for (int time = 0; time < c - 1; time++)
                {
                    Tensor y = sequence[time] * inWeight;
                    for (int layer = 0; layer < l; layer++)
                    {
                        Tensor[] p = weights[layer];
                        Tensor forget = torch.sigmoid(y * p[0] + p[1]);
                        Tensor ingate = torch.sigmoid(hidden[layer] * p[2] + p[3]);
                        Tensor outgate = torch.sigmoid(y * p[4] + p[5]);
                        Tensor change = torch.tanh(hidden[layer] * p[6] + p[7]);
                        cell[layer] = cell[layer] * forget + ingate * change;
                        hidden[layer] = outgate * torch.tanh(cell[layer]);
                        y = hidden[layer];
                    }

                    outputs.Add(y);
                }

                Tensor ypred = torch.stack(outputs) * extra[1] + extra[2];               // c−1, b
                Tensor lse = torch.log(torch.exp(ypred).sum(1, keepdim: true) + 2);      // ADBench's "+2"
                Tensor total = (sequence.slice(0, 1, c, 1) * (ypred - lse)).sum();
                return -total / ((c - 1) * b);
            });
        }

        private static Tensor Leaf(double[] values, params long[] shape) =>
            torch.tensor((double[])values.Clone(), shape, ScalarType.Float64).requires_grad_(true);

        private static Tensor Constant(double[] values, params long[] shape) =>
            torch.tensor((double[])values.Clone(), shape, ScalarType.Float64);

        private static double[] Flatten(double[,] matrix)
        {
            var result = new double[matrix.Length];
            int columns = matrix.GetLength(1);
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = matrix[i / columns, i % columns];
            }

            return result;
        }
    }
}
