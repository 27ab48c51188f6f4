using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    public class LoopEdgeCasesTests
    {
        // Forward-mode transcriptions (same statements on Dual numbers).

        private static Dual ActivityArrivesLate(Dual x, int n)
        {
            Dual a = 1, b = 1;
            for (int i = 0; i < n; i++)
            {
                a = b * 2 + a;
                b = x * (i + 1);
            }
            return a;
        }

        private static Dual Rotation(Dual x, int n)
        {
            Dual a = x, b = 1, c = 2;
            for (int i = 0; i < n; i++)
            {
                Dual t = a;
                a = b;
                b = c;
                c = t * 1.5 + Dual.Sin(a);
            }
            return c;
        }

        private static Dual StepThree(Dual x, int n)
        {
            Dual s = 1;
            for (int i = 0; i < n; i += 3) s = s * x + i * Dual.Sin(s);
            return s;
        }

        private static Dual Doubling(Dual x, int n)
        {
            Dual s = 0.5;
            for (int i = 1; i < n; i *= 2) s = Dual.Cos(0.05 * s * i) * x + s;
            return s;
        }

        private static Dual CountingDown(Dual x, int n)
        {
            Dual s = 0;
            for (int i = n; i > 0; i--) s = s * x + i * i;
            return s;
        }

        private static Dual SkipInsideBody(Dual x, int n)
        {
            Dual s = 0;
            for (int i = 0; i < n; i++)
            {
                s = s * 0.5 + x * i * s + x;
                if (s > 2) i++;
            }
            return s;
        }

        private static Dual IntegerChangedEachTrip(Dual x, int n)
        {
            Dual s = 1;
            int k = 1;
            for (int i = 0; i < n; i++)
            {
                s = 0.2 * s * k * x + Dual.Sin(0.2 * s * k);
                k += 2;
            }
            return s;
        }

        private static Dual WhileNonlinearCounter(Dual x, int n)
        {
            Dual s = x;
            int k = 1;
            while (k < n)
            {
                s = Dual.Sin(0.05 * s * k) + x / k;
                k += k + 1;
            }
            return s;
        }

        private static Dual InnerBoundFromOuterBody(Dual x, int n)
        {
            Dual s = 0;
            int m = 1;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++) s = s * 0.9 + Dual.Sin(x * (j + 1)) * (i + 1);
                m = (m * 2) % 5 + 1;
            }
            return s;
        }

        private static Dual OverwrittenAndReadAfter(Dual x, int n)
        {
            Dual t = x, s = 1, r = 0;
            for (int i = 0; i < n; i++)
            {
                t = x * s;
                s = Dual.Sin(t) + 0.5 * s;
                r = r + t * s;
            }
            return r + t * t;
        }

        private static Dual UsedNextTrip(Dual x, int n)
        {
            Dual r = 0, s = 0;
            for (int i = 0; i < n; i++)
            {
                r = r + s * s;
                s = x * (i + 1) + Dual.Exp(-s);
            }
            return r;
        }

        private static Dual ContinueSkipsUpdate(Dual x, int n)
        {
            Dual s = x, p = 1;
            for (int i = 0; i < n; i++)
            {
                p = p * s;
                if (i % 2 == 0) continue;
                s = Dual.Sqrt(s * s + p * p);
            }
            return s + p;
        }

        private static Dual ResultTemplatesInLoop(Dual x, int n)
        {
            Dual r = x;
            for (int i = 0; i < n; i++)
            {
                r = Dual.Sqrt(r * r + x * x + 0.5);
                r = Dual.Tanh(r * x);
                r = Dual.Exp(-r) * x + 1 / (1 + Dual.Exp(-(r * x)));
            }
            return r;
        }

        private static void Check(string name, Func<double, int, double> f, GradientFn1 gradient, PullbackFn1 pullback, Func<Dual, int, Dual> dual, int n, double lo = -1.5, double hi = 1.5)
            => Verify(name + n,
                v => f(v[0], n),
                (v, g) => gradient(v[0], n, out g[0]),
                (v, s, g) => pullback(v[0], n, s, ref g[0]),
                v => dual(Dual.X(v[0]), n).Gradient(1),
                Uniform(1, lo, hi),
                points: 5);

        private delegate double GradientFn1(double x, int n, out double g);

        private delegate double PullbackFn1(double x, int n, double seed, ref double g);

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(5)]
        public void Activity_that_arrives_one_trip_late(int n)
            => Check(nameof(LoopEdgeCases.ActivityArrivesLate), LoopEdgeCases.ActivityArrivesLate, LoopEdgeCases.ActivityArrivesLateGradient, LoopEdgeCases.ActivityArrivesLatePullback, ActivityArrivesLate, n);

        [Theory]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(7)]
        public void Rotation_through_a_temporary(int n)
            => Check(nameof(LoopEdgeCases.Rotation), LoopEdgeCases.Rotation, LoopEdgeCases.RotationGradient, LoopEdgeCases.RotationPullback, Rotation, n);

        [Theory]
        [InlineData(7)]
        [InlineData(9)]
        public void Step_of_three(int n)
            => Check(nameof(LoopEdgeCases.StepThree), LoopEdgeCases.StepThree, LoopEdgeCases.StepThreeGradient, LoopEdgeCases.StepThreePullback, StepThree, n);

        [Theory]
        [InlineData(2)]
        [InlineData(20)]
        public void Doubling_step(int n)
            => Check(nameof(LoopEdgeCases.Doubling), LoopEdgeCases.Doubling, LoopEdgeCases.DoublingGradient, LoopEdgeCases.DoublingPullback, Doubling, n);

        [Theory]
        [InlineData(1)]
        [InlineData(6)]
        public void Counting_down(int n)
            => Check(nameof(LoopEdgeCases.CountingDown), LoopEdgeCases.CountingDown, LoopEdgeCases.CountingDownGradient, LoopEdgeCases.CountingDownPullback, CountingDown, n);

        [Theory]
        [InlineData(6, 0.05, 0.15)] // never skips
        [InlineData(6, 0.6, 0.9)]   // skips some trips
        public void Loop_variable_bumped_inside_the_body(int n, double lo, double hi)
            => Check(nameof(LoopEdgeCases.SkipInsideBody) + lo, LoopEdgeCases.SkipInsideBody, LoopEdgeCases.SkipInsideBodyGradient, LoopEdgeCases.SkipInsideBodyPullback, SkipInsideBody, n, lo, hi);

        [Theory]
        [InlineData(4)]
        public void Integer_the_adjoint_needs_changes_every_trip(int n)
            => Check(nameof(LoopEdgeCases.IntegerChangedEachTrip), LoopEdgeCases.IntegerChangedEachTrip, LoopEdgeCases.IntegerChangedEachTripGradient, LoopEdgeCases.IntegerChangedEachTripPullback, IntegerChangedEachTrip, n, -0.5, 0.5);

        [Theory]
        [InlineData(2)]
        [InlineData(40)]
        public void While_with_a_nonlinear_counter(int n)
            => Check(nameof(LoopEdgeCases.WhileNonlinearCounter), LoopEdgeCases.WhileNonlinearCounter, LoopEdgeCases.WhileNonlinearCounterGradient, LoopEdgeCases.WhileNonlinearCounterPullback, WhileNonlinearCounter, n);

        [Theory]
        [InlineData(5)]
        public void Inner_bound_set_by_the_outer_body(int n)
            => Check(nameof(LoopEdgeCases.InnerBoundFromOuterBody), LoopEdgeCases.InnerBoundFromOuterBody, LoopEdgeCases.InnerBoundFromOuterBodyGradient, LoopEdgeCases.InnerBoundFromOuterBodyPullback, InnerBoundFromOuterBody, n);

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public void Overwritten_in_the_loop_and_read_after_it(int n)
            => Check(nameof(LoopEdgeCases.OverwrittenAndReadAfter), LoopEdgeCases.OverwrittenAndReadAfter, LoopEdgeCases.OverwrittenAndReadAfterGradient, LoopEdgeCases.OverwrittenAndReadAfterPullback, OverwrittenAndReadAfter, n);

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(5)]
        public void Value_used_only_in_the_next_trip(int n)
            => Check(nameof(LoopEdgeCases.UsedNextTrip), LoopEdgeCases.UsedNextTrip, LoopEdgeCases.UsedNextTripGradient, LoopEdgeCases.UsedNextTripPullback, UsedNextTrip, n);

        [Theory]
        [InlineData(1)]
        [InlineData(6)]
        public void Continue_skips_the_update(int n)
            => Check(nameof(LoopEdgeCases.ContinueSkipsUpdate), LoopEdgeCases.ContinueSkipsUpdate, LoopEdgeCases.ContinueSkipsUpdateGradient, LoopEdgeCases.ContinueSkipsUpdatePullback, ContinueSkipsUpdate, n, 0.3, 1.2);
    

        [Theory]
        [InlineData(1)]
        [InlineData(6)]
        public void Result_reusing_derivatives_on_a_value_overwritten_each_trip(int n)
            => Check(nameof(LoopEdgeCases.ResultTemplatesInLoop), LoopEdgeCases.ResultTemplatesInLoop, LoopEdgeCases.ResultTemplatesInLoopGradient, LoopEdgeCases.ResultTemplatesInLoopPullback, ResultTemplatesInLoop, n);
    }
}
