using System;
using System.Threading.Tasks;

namespace ParallelTraining
{
    /// <summary>How to train.</summary>
    public sealed record TrainingOptions
    {
        public int Hidden { get; init; } = 256;

        public int BatchSize { get; init; } = 40;

        public int Epochs { get; init; } = 200;

        public double LearningRate { get; init; } = 0.05;

        public double Momentum { get; init; } = 0.9;

        /// <summary>Cores a minibatch is split across.</summary>
        public int Threads { get; init; } = Environment.ProcessorCount;

        public int Seed { get; init; } = 1936;
    }

    /// <summary>One epoch's figures.</summary>
    public readonly record struct EpochResult(int Epoch, double Loss, double TrainAccuracy, double TestAccuracy);

    /// <summary>
    /// Minibatch SGD with momentum whose gradients are computed data-parallel: the minibatch is cut into
    /// one contiguous shard per thread, each thread runs the generated <c>Classifier.LossPullback</c> on
    /// its shard into its own gradient buffers, and the buffers are summed in thread order.
    /// </summary>
    public sealed class Trainer
    {
        private readonly Iris data;
        private readonly TrainingOptions options;
        private readonly Parameters[] shards;
        private readonly double[] shardLosses;
        private readonly Parameters velocity;
        private readonly int[] order;
        private readonly Random shuffle;

        public Trainer(Iris data, TrainingOptions options)
        {
            if (options.Threads < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "At least one thread.");
            }

            this.data = data;
            this.options = options;
            int classes = Iris.Species.Length;
            Model = Parameters.Initial(Iris.Features, options.Hidden, classes, options.Seed);
            Gradient = new Parameters(Iris.Features, options.Hidden, classes);
            velocity = new Parameters(Iris.Features, options.Hidden, classes);
            shards = new Parameters[options.Threads];
            for (int t = 0; t < shards.Length; t++)
            {
                shards[t] = new Parameters(Iris.Features, options.Hidden, classes);
            }

            shardLosses = new double[options.Threads];
            order = (int[])data.Train.Clone();
            shuffle = new Random(options.Seed);
        }

        public Parameters Model { get; }

        /// <summary>Wall time spent in <see cref="ComputeGradient"/> by <see cref="RunEpoch"/> so far.</summary>
        public double GradientSeconds { get; private set; }

        /// <summary>The last minibatch's gradient of the mean loss.</summary>
        public Parameters Gradient { get; }

        /// <summary>
        /// The mean loss over rows[start .. start + count) and, into <see cref="Gradient"/>, its gradient.
        /// Each thread's Pullback adds seed·∂loss/∂p into its own zeroed buffers (the accumulate
        /// contract), with seed = 1/count, so the sum of the buffers is the gradient of the mean.
        /// </summary>
        public double ComputeGradient(int[] rows, int start, int count)
        {
            double seed = 1.0 / count;
            Parameters m = Model;
            if (shards.Length == 1)
            {
                Gradient.Clear();
                return seed * Classifier.LossPullback(m.W1, m.B1, m.W2, m.B2, data.Xs, data.Labels, rows, start, count, seed, Gradient.W1, Gradient.B1, Gradient.W2, Gradient.B2);
            }

            Parallel.For(0, shards.Length, new ParallelOptions { MaxDegreeOfParallelism = shards.Length }, t =>
            {
                int from = start + count * t / shards.Length;
                int to = start + count * (t + 1) / shards.Length;
                Parameters g = shards[t];
                g.Clear();
                shardLosses[t] = Classifier.LossPullback(m.W1, m.B1, m.W2, m.B2, data.Xs, data.Labels, rows, from, to - from, seed, g.W1, g.B1, g.W2, g.B2);
            });

            // Summed in thread order, so a run is reproducible for a given thread count.
            Gradient.Clear();
            double loss = 0;
            for (int t = 0; t < shards.Length; t++)
            {
                Gradient.Add(shards[t]);
                loss += shardLosses[t];
            }

            return seed * loss;
        }

        /// <summary>One pass over the shuffled training rows in minibatches; returns the epoch's mean minibatch loss and the accuracies after it.</summary>
        public EpochResult RunEpoch(int epoch)
        {
            // Fisher–Yates with the trainer's own seeded generator: every thread count sees the same order.
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = shuffle.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int count = Math.Min(options.BatchSize, order.Length - start);
                long begin = System.Diagnostics.Stopwatch.GetTimestamp();
                lossSum += ComputeGradient(order, start, count);
                GradientSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(begin).TotalSeconds;
                batches++;
                Step();
            }

            return new EpochResult(epoch, lossSum / batches, Accuracy(data.Train), Accuracy(data.Test));
        }

        /// <summary>The fraction of <paramref name="rows"/> classified correctly.</summary>
        public double Accuracy(int[] rows)
        {
            int correct = 0;
            foreach (int n in rows)
            {
                if (Classifier.Predict(Model, data.Xs, n) == data.Labels[n])
                {
                    correct++;
                }
            }

            return (double)correct / rows.Length;
        }

        /// <summary>v ← μv − η∇, p ← p + v.</summary>
        private void Step()
        {
            for (int b = 0; b < Parameters.Blocks; b++)
            {
                Span<double> p = Model.Flat(b);
                Span<double> g = Gradient.Flat(b);
                Span<double> v = velocity.Flat(b);
                for (int i = 0; i < p.Length; i++)
                {
                    v[i] = options.Momentum * v[i] - options.LearningRate * g[i];
                    p[i] += v[i];
                }
            }
        }
    }
}
