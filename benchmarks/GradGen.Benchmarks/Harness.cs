using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace GradGen.Benchmarks
{
    /// <summary>How long the Stopwatch harness measures, per timed method.</summary>
    public sealed class HarnessOptions
    {
        /// <summary>Warm up for at least this many calls ...</summary>
        public int WarmupCalls { get; init; }

        /// <summary>... and at least this long (tiered JIT: tier-1 code is in place after ~30 calls and 100 ms) ...</summary>
        public double WarmupSeconds { get; init; }

        /// <summary>... but stop warming up after this long once two calls have run.</summary>
        public double WarmupMaxSeconds { get; init; }

        /// <summary>One sample times enough back-to-back calls to last about this long.</summary>
        public double SampleSeconds { get; init; }

        /// <summary>Take at least this many samples ...</summary>
        public int MinSamples { get; init; }

        /// <summary>... and at most this many ...</summary>
        public int MaxSamples { get; init; }

        /// <summary>... stopping once the samples have taken this long.</summary>
        public double BudgetSeconds { get; init; }

        /// <summary>Heap bytes are counted over at least this many calls.</summary>
        public int AllocationCalls { get; init; }

        /// <summary>
        /// Central differences run on every component when that is estimated (2n objective
        /// evaluations) to take at most this long per gradient; otherwise on <see cref="FdSubset"/>
        /// evenly spaced components, and the time is scaled by n / subset.
        /// </summary>
        public double FdFullLimitSeconds { get; init; }

        /// <summary>The number of components central differences are timed on when not all are.</summary>
        public int FdSubset { get; init; }

        /// <summary>Samples of the central-difference gradient.</summary>
        public int FdSamples { get; init; }

        /// <summary>The short mode: about a minute for every workload on two cores.</summary>
        public static HarnessOptions Short { get; } = new HarnessOptions
        {
            WarmupCalls = 50, WarmupSeconds = 0.3, WarmupMaxSeconds = 1.5,
            SampleSeconds = 0.02, MinSamples = 7, MaxSamples = 41, BudgetSeconds = 1.0,
            AllocationCalls = 20,
            FdFullLimitSeconds = 0.3, FdSubset = 32, FdSamples = 3,
        };

        /// <summary>The full mode's harness pass: longer, and central differences on every component.</summary>
        public static HarnessOptions Full { get; } = new HarnessOptions
        {
            WarmupCalls = 100, WarmupSeconds = 1.0, WarmupMaxSeconds = 5.0,
            SampleSeconds = 0.05, MinSamples = 11, MaxSamples = 201, BudgetSeconds = 4.0,
            AllocationCalls = 100,
            FdFullLimitSeconds = double.PositiveInfinity, FdSubset = 32, FdSamples = 3,
        };

        /// <summary>A few calls of everything: exercises the code path in the unit tests, no meaningful timings.</summary>
        public static HarnessOptions Smoke { get; } = new HarnessOptions
        {
            WarmupCalls = 1, WarmupSeconds = 0, WarmupMaxSeconds = 0,
            SampleSeconds = 0, MinSamples = 1, MaxSamples = 1, BudgetSeconds = 0,
            AllocationCalls = 1,
            FdFullLimitSeconds = 0, FdSubset = 2, FdSamples = 1,
        };
    }

    /// <summary>The median (and spread) of one timed method.</summary>
    public readonly record struct Timing(double MedianSeconds, double MinSeconds, double MaxSeconds, int Samples, int CallsPerSample);

    /// <summary>What the harness measured for one workload.</summary>
    public sealed class Measurement
    {
        public Measurement(Workload workload)
        {
            Name = workload.Name;
            Description = workload.Description;
            Parameters = workload.ParameterCount;
        }

        private Measurement(Measurement other)
        {
            Name = other.Name;
            Description = other.Description;
            Parameters = other.Parameters;
            FdComponents = other.FdComponents;
            ObjectiveBytes = other.ObjectiveBytes;
            GeneratedBytes = other.GeneratedBytes;
            HandBytes = other.HandBytes;
        }

        public string Name { get; }

        public string Description { get; }

        public int Parameters { get; }

        public Timing Objective { get; set; }

        public Timing Generated { get; set; }

        public Timing Hand { get; set; }

        /// <summary>The time of one full central-difference gradient (extrapolated when <see cref="FdComponents"/> &lt; <see cref="Parameters"/>).</summary>
        public Timing FiniteDifferences { get; set; }

        /// <summary>How many components the central differences were timed on.</summary>
        public int FdComponents { get; set; }

        public double ObjectiveBytes { get; set; }

        public double GeneratedBytes { get; set; }

        public double HandBytes { get; set; }

        /// <summary>The same workload with other timings (BenchmarkDotNet's); central differences on every component.</summary>
        public Measurement CopyWith(Timing objective, Timing generated, Timing hand, Timing finiteDifferences) =>
            new Measurement(this)
            {
                Objective = objective,
                Generated = generated,
                Hand = hand,
                FiniteDifferences = finiteDifferences,
                FdComponents = Parameters,
            };

        /// <summary>BenchmarkDotNet's MemoryDiagnoser figures (full mode), bytes per operation.</summary>
        public long? BdnObjectiveBytes { get; set; }

        public long? BdnGeneratedBytes { get; set; }

        public long? BdnHandBytes { get; set; }
    }

    /// <summary>A Stopwatch-median harness: warm up, then time samples of back-to-back calls and take the median.</summary>
    public static class Harness
    {
        /// <summary>Results land here so the JIT cannot drop a call.</summary>
        public static double Sink;

        /// <summary>Measures every method of <paramref name="workload"/>.</summary>
        public static Measurement Run(Workload workload, HarnessOptions options, Action<string>? log = null)
        {
            var m = new Measurement(workload);
            m.Objective = Time(workload.Objective, options);
            m.ObjectiveBytes = AllocatedBytesPerCall(workload.Objective, CallsFor(m.Objective, options));
            log?.Invoke($"  objective           {Format.Time(m.Objective.MedianSeconds)}");
            m.Generated = Time(workload.GeneratedGradient, options);
            m.GeneratedBytes = AllocatedBytesPerCall(workload.GeneratedGradient, CallsFor(m.Generated, options));
            log?.Invoke($"  generated gradient  {Format.Time(m.Generated.MedianSeconds)}");
            m.Hand = Time(workload.HandGradient, options);
            m.HandBytes = AllocatedBytesPerCall(workload.HandGradient, CallsFor(m.Hand, options));
            log?.Invoke($"  hand gradient       {Format.Time(m.Hand.MedianSeconds)}");

            int n = workload.ParameterCount;
            double estimate = 2.0 * n * m.Objective.MedianSeconds;
            int[] indices = estimate <= options.FdFullLimitSeconds || n <= options.FdSubset
                ? Enumerable.Range(0, n).ToArray()
                : FiniteDifferences.EvenlySpaced(n, options.FdSubset);
            var gradient = new double[n];
            Timing fd = TimeFew(() => FiniteDifferences.Gradient(workload, indices, gradient), options.FdSamples);
            double scale = (double)n / indices.Length;
            m.FiniteDifferences = fd with { MedianSeconds = fd.MedianSeconds * scale, MinSeconds = fd.MinSeconds * scale, MaxSeconds = fd.MaxSeconds * scale };
            m.FdComponents = indices.Length;
            log?.Invoke($"  central differences {Format.Time(m.FiniteDifferences.MedianSeconds)}" +
                (indices.Length < n ? $" (timed on {indices.Length} of {n} components, scaled)" : ""));
            return m;
        }

        /// <summary>Warms <paramref name="f"/> up, then returns the median over samples of back-to-back calls.</summary>
        public static Timing Time(Func<double> f, HarnessOptions options)
        {
            var clock = Stopwatch.StartNew();
            int calls = 0;
            while (calls < options.WarmupCalls || clock.Elapsed.TotalSeconds < options.WarmupSeconds)
            {
                Sink += f();
                calls++;
                if (calls >= 2 && clock.Elapsed.TotalSeconds >= options.WarmupMaxSeconds)
                {
                    break;
                }
            }

            double perCall = clock.Elapsed.TotalSeconds / Math.Max(1, calls);
            int repetitions = perCall <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling(options.SampleSeconds / perCall));
            var samples = new List<double>();
            var budget = Stopwatch.StartNew();
            while (samples.Count < options.MaxSamples && (samples.Count < options.MinSamples || budget.Elapsed.TotalSeconds < options.BudgetSeconds))
            {
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < repetitions; r++)
                {
                    Sink += f();
                }

                samples.Add(Stopwatch.GetElapsedTime(start).TotalSeconds / repetitions);
            }

            return Summarize(samples, repetitions);
        }

        /// <summary>One call to warm up, then <paramref name="samples"/> single calls (for slow operations).</summary>
        public static Timing TimeFew(Action action, int samples)
        {
            action();
            var times = new List<double>();
            for (int s = 0; s < Math.Max(1, samples); s++)
            {
                long start = Stopwatch.GetTimestamp();
                action();
                times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            return Summarize(times, 1);
        }

        /// <summary>Heap bytes allocated on this thread per call, averaged over <paramref name="calls"/> calls after two untimed ones.</summary>
        public static double AllocatedBytesPerCall(Func<double> f, int calls)
        {
            Sink += f();
            Sink += f();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                Sink += f();
            }

            long after = GC.GetAllocatedBytesForCurrentThread();
            return (after - before) / (double)calls;
        }

        private static int CallsFor(Timing timing, HarnessOptions options)
        {
            // At least AllocationCalls calls, more for fast methods (up to ~0.1 s worth, at most 10 000).
            double perCall = Math.Max(timing.MedianSeconds, 1e-9);
            return Math.Max(options.AllocationCalls, Math.Min(10_000, (int)(0.1 / perCall)));
        }

        private static Timing Summarize(List<double> samples, int repetitions)
        {
            samples.Sort();
            int count = samples.Count;
            double median = count % 2 == 1 ? samples[count / 2] : 0.5 * (samples[count / 2 - 1] + samples[count / 2]);
            return new Timing(median, samples[0], samples[count - 1], count, repetitions);
        }
    }

    /// <summary>Central-difference gradients, the baseline every AD tool is compared against.</summary>
    public static class FiniteDifferences
    {
        private const double MachineEpsilon = 2.220446049250313e-16;

        /// <summary>
        /// (f(x + h e_i) − f(x − h e_i)) / (2h) for every i in <paramref name="indices"/>, h = ∛ε·max(1, |x_i|):
        /// 2·|indices| objective evaluations. Parameters are perturbed in place and restored.
        /// </summary>
        public static void Gradient(Workload workload, IReadOnlyList<int> indices, double[] gradient)
        {
            double cbrtEps = Math.Cbrt(MachineEpsilon);
            foreach (int i in indices)
            {
                double saved = workload.GetParameter(i);
                double h = cbrtEps * Math.Max(1.0, Math.Abs(saved));
                double plus = saved + h;
                double minus = saved - h;
                workload.SetParameter(i, plus);
                double fPlus = workload.Objective();
                workload.SetParameter(i, minus);
                double fMinus = workload.Objective();
                workload.SetParameter(i, saved);
                gradient[i] = (fPlus - fMinus) / (plus - minus);
            }
        }

        /// <summary><paramref name="count"/> indices spread evenly over 0..n−1 (a fixed subset: the same every run).</summary>
        public static int[] EvenlySpaced(int n, int count)
        {
            count = Math.Min(count, n);
            var indices = new int[count];
            for (int k = 0; k < count; k++)
            {
                indices[k] = (int)((long)k * n / count);
            }

            return indices;
        }
    }
}
