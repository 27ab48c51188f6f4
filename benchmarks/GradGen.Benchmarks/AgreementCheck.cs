using System;

namespace GradGen.Benchmarks
{
    /// <summary>The outcome of comparing one workload's generated gradient with its hand-written one.</summary>
    public sealed record AgreementResult(
        string Name, int Count, double GeneratedValue, double HandValue, double ObjectiveValue,
        double WorstError, int WorstIndex, string WorstName, double WorstGenerated, double WorstHand, double ValueError)
    {
        /// <summary>Every gradient component and the returned values agree to <see cref="AgreementCheck.Tolerance"/>.</summary>
        public bool Passed => WorstError <= AgreementCheck.Tolerance && ValueError <= AgreementCheck.Tolerance;

        public override string ToString() =>
            $"{Name,-14} {(Passed ? "ok  " : "FAIL")} {Count,5} components, worst |gen-hand|/max(1,|gen|,|hand|) = {WorstError:E2}" +
            (WorstIndex >= 0 ? $" at {WorstName} (gen {WorstGenerated:R}, hand {WorstHand:R})" : "") +
            $"; values: objective {ObjectiveValue:R}, generated {GeneratedValue:R}, hand {HandValue:R} (rel. {ValueError:E2})";
    }

    /// <summary>
    /// The <c>--check</c> mode: every benchmarked generated gradient must equal the hand-written one to
    /// 1e-10 relative, |a − b| / max(1, |a|, |b|), and return the objective's value.
    /// </summary>
    public static class AgreementCheck
    {
        public const double Tolerance = 1e-10;

        public static double RelativeError(double a, double b) =>
            Math.Abs(a - b) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

        public static AgreementResult Run(Workload workload)
        {
            double objective = workload.Objective();
            double generatedValue = workload.GeneratedGradient();
            double handValue = workload.HandGradient();
            double[] generated = workload.GeneratedResult();
            double[] hand = workload.HandResult();
            if (generated.Length != workload.ParameterCount || hand.Length != workload.ParameterCount)
            {
                throw new InvalidOperationException($"{workload.Name}: gradient lengths {generated.Length} and {hand.Length}, expected {workload.ParameterCount}.");
            }

            double worst = 0;
            int worstIndex = -1;
            for (int i = 0; i < generated.Length; i++)
            {
                double e = RelativeError(generated[i], hand[i]);
                if (!(e <= worst))
                {
                    worst = e;
                    worstIndex = i;
                }
            }

            double valueError = Math.Max(RelativeError(generatedValue, handValue), RelativeError(generatedValue, objective));
            if (double.IsNaN(generatedValue) || double.IsNaN(handValue))
            {
                valueError = double.NaN;
            }

            return new AgreementResult(
                workload.Name, generated.Length, generatedValue, handValue, objective,
                worstIndex >= 0 && double.IsNaN(worst) ? double.PositiveInfinity : worst, worstIndex,
                worstIndex >= 0 ? workload.ParameterName(worstIndex) : "",
                worstIndex >= 0 ? generated[worstIndex] : 0, worstIndex >= 0 ? hand[worstIndex] : 0,
                double.IsNaN(valueError) ? double.PositiveInfinity : valueError);
        }
    }
}
