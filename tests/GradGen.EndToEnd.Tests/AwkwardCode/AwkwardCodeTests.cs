using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>
    /// Awkward control flow and reassignment. The exact reference is either a closed form per branch
    /// or the same statements re-run in forward mode on <see cref="Dual"/> numbers.
    /// </summary>
    public class AwkwardCodeTests
    {
        // ----- forward-mode transcriptions of the methods (same statements, Dual arithmetic) -----

        private static Dual Reassigned(Dual x, Dual y)
        {
            Dual r = x;
            r = r * x;
            r = r + Dual.Sin(r);
            r = r / y;
            r = r - x * y;
            r = Dual.Exp(0.1 * r) + r;
            r = r * r;
            return r;
        }

        private static Dual CompoundAssignments(Dual x, Dual y)
        {
            Dual a = x;
            a = a + y;
            a = a - 0.5 * x;
            a = a * y;
            a = a / (1 + x * x);
            a = a + a * a;
            a = a - Dual.Cos(a);
            a = a * a;
            a = a / y;
            Dual b = 1;
            b = b - a;
            b = b * x;
            b = b + y * y;
            return b;
        }

        private static Dual NestedReturns(Dual x, Dual y)
        {
            Dual t = x * y;
            if (x > 0)
            {
                if (y > 0) return t * t;
                Dual u = Dual.Sin(t);
                if (u > 0) return u * x;
                t = u + y;
            }
            else
            {
                if (y < 0) t = t + x;
                else return Dual.Exp(t) - y;
            }
            return t * x + y;
        }

        private static Dual WhileCounter(Dual x)
        {
            Dual s = x;
            for (int k = 0; k < 6; k++) s = Dual.Sin(s) + x;
            return s;
        }

        private static Dual WhileUntilLarge(Dual x)
        {
            Dual s = x;
            while (s < 100) s = s * s + x;
            return s;
        }

        private static Dual DoLoop(Dual x, int n)
        {
            Dual s = 1;
            int k = 0;
            do
            {
                s = 0.5 * s + Dual.Cos(s * x);
                k++;
            }
            while (k < n);
            return s;
        }

        private static Dual ForBreakContinue(Dual x, Dual y, int n)
        {
            Dual s = 0;
            for (int i = 0; i < n; i++)
            {
                if (i % 3 == 1) continue;
                if (i > 7) break;
                s = s + Dual.Sin(x * i) / (i + 1);
                s = s * (1 + 0.1 * y);
            }
            return s;
        }

        private static Dual NestedLoops(Dual x, Dual y, int n)
        {
            Dual s = 0;
            for (int i = 0; i < n; i++)
            {
                Dual row = 0;
                for (int j = 0; j <= i; j++)
                {
                    row = row + Dual.Pow(x, j) * y;
                    if (j == 2) continue;
                    row = row - 0.1 * x * y;
                }
                s = s + row / (i + 1);
                s = s * 0.9;
            }
            return s;
        }

        // ----- tests -----

        [Fact]
        public void Local_reassigned_many_times()
            => Verify(nameof(AwkwardCode.Reassigned),
                v => AwkwardCode.Reassigned(v[0], v[1]),
                (v, g) => AwkwardCode.ReassignedGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => AwkwardCode.ReassignedPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => Reassigned(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Box((-1.5, 1.5), (0.5, 2)));

        [Fact]
        public void Every_compound_assignment()
            => Verify(nameof(AwkwardCode.CompoundAssignments),
                v => AwkwardCode.CompoundAssignments(v[0], v[1]),
                (v, g) => AwkwardCode.CompoundAssignmentsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => AwkwardCode.CompoundAssignmentsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => CompoundAssignments(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Box((-1.5, 1.5), (0.5, 2)));

        [Fact]
        public void Nested_ternaries_in_every_arm()
            => Verify(nameof(AwkwardCode.NestedTernaries),
                v => AwkwardCode.NestedTernaries(v[0], v[1]),
                (v, g) => AwkwardCode.NestedTernariesGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => AwkwardCode.NestedTernariesPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1];
                    if (x > 0) return y > 0 ? new[] { y, x } : new[] { 1, -2 * y };
                    if (y > x) return new[] { Math.Cos(x + y), Math.Cos(x + y) };
                    return x < -1 ? new[] { 2 * x * y, x * x } : new[] { Math.Exp(x) * y, Math.Exp(x) };
                },
                Uniform(2, -3, 3).Where(v => Math.Abs(v[0]) > 1e-3 && Math.Abs(v[1]) > 1e-3 && Math.Abs(v[1] - v[0]) > 1e-3 && Math.Abs(v[0] + 1) > 1e-3),
                points: 24);

        [Fact]
        public void Guard_clauses()
            => Verify(nameof(AwkwardCode.GuardClauses),
                v => AwkwardCode.GuardClauses(v[0], v[1]),
                (v, g) => AwkwardCode.GuardClausesGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => AwkwardCode.GuardClausesPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1];
                    if (x < -1) return new[] { -y, -x };
                    if (y > 1) return new[] { y * y, 2 * x * y };
                    if (x > 1) return new[] { 1 / x, 1 };
                    double e = Math.Exp(x * x + y);
                    return new[] { e * y * 2 * x, e * y + e };
                },
                Uniform(2, -2.5, 2.5).Where(v => Math.Abs(Math.Abs(v[0]) - 1) > 1e-3 && Math.Abs(v[1] - 1) > 1e-3),
                points: 24);

        [Fact]
        public void Returns_inside_nested_if_else()
            => Verify(nameof(AwkwardCode.NestedReturns),
                v => AwkwardCode.NestedReturns(v[0], v[1]),
                (v, g) => AwkwardCode.NestedReturnsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => AwkwardCode.NestedReturnsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => NestedReturns(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Uniform(2, -3, 3).Where(v => Math.Abs(v[0]) > 1e-2 && Math.Abs(v[1]) > 1e-2 && Math.Abs(Math.Sin(v[0] * v[1])) > 1e-2),
                points: 30);

        [Fact]
        public void Return_in_the_middle()
            => Verify(nameof(AwkwardCode.ReturnInTheMiddle),
                v => AwkwardCode.ReturnInTheMiddle(v[0]),
                (v, g) => AwkwardCode.ReturnInTheMiddleGradient(v[0], out g[0]),
                (v, s, g) => AwkwardCode.ReturnInTheMiddlePullback(v[0], s, ref g[0]),
                v =>
                {
                    double x = v[0], a = x * x + Math.Sin(x), da = 2 * x + Math.Cos(x);
                    return a > 2 ? new[] { da * x + a } : new[] { da * x * x + (a + 1) * 2 * x + 1 };
                },
                Uniform(1, -2.5, 2.5).Where(v => Math.Abs(v[0] * v[0] + Math.Sin(v[0]) - 2) > 1e-3),
                points: 12);

        [Fact]
        public void While_loop_with_a_counter()
            => Verify(nameof(AwkwardCode.WhileCounter),
                v => AwkwardCode.WhileCounter(v[0]),
                (v, g) => AwkwardCode.WhileCounterGradient(v[0], out g[0]),
                (v, s, g) => AwkwardCode.WhileCounterPullback(v[0], s, ref g[0]),
                v => WhileCounter(Dual.X(v[0])).Gradient(1),
                Uniform(1, -3, 3));

        [Fact]
        public void While_loop_on_the_active_value()
            => Verify(nameof(AwkwardCode.WhileUntilLarge),
                v => AwkwardCode.WhileUntilLarge(v[0]),
                (v, g) => AwkwardCode.WhileUntilLargeGradient(v[0], out g[0]),
                (v, s, g) => AwkwardCode.WhileUntilLargePullback(v[0], s, ref g[0]),
                v => WhileUntilLarge(Dual.X(v[0])).Gradient(1),
                Uniform(1, 1.5, 1.6)); // three trips everywhere in this range

        [Fact]
        public void While_loop_that_never_runs()
        {
            double f = AwkwardCode.WhileUntilLargeGradient(150, out double g);
            Assert.Equal(150.0, f);
            Assert.Equal(1.0, g);
        }

        [Theory]
        [InlineData(0)] // a do loop runs once even when the condition is false at once
        [InlineData(1)]
        [InlineData(5)]
        public void Do_loop(int n)
            => Verify(nameof(AwkwardCode.DoLoop) + n,
                v => AwkwardCode.DoLoop(v[0], n),
                (v, g) => AwkwardCode.DoLoopGradient(v[0], n, out g[0]),
                (v, s, g) => AwkwardCode.DoLoopPullback(v[0], n, s, ref g[0]),
                v => DoLoop(Dual.X(v[0]), n).Gradient(1),
                Uniform(1, -2, 2));

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        [InlineData(12)]
        public void For_loop_with_break_and_continue(int n)
            => Verify(nameof(AwkwardCode.ForBreakContinue) + n,
                v => AwkwardCode.ForBreakContinue(v[0], v[1], n),
                (v, g) => AwkwardCode.ForBreakContinueGradient(v[0], v[1], n, out g[0], out g[1]),
                (v, s, g) => AwkwardCode.ForBreakContinuePullback(v[0], v[1], n, s, ref g[0], ref g[1]),
                v => ForBreakContinue(Dual.X(v[0]), Dual.Y(v[1]), n).Gradient(2),
                Uniform(2, -2, 2));

        [Fact]
        public void Break_on_the_active_value_after_five_trips()
            => Verify(nameof(AwkwardCode.BreakOnValue) + "5",
                v => AwkwardCode.BreakOnValue(v[0]),
                (v, g) => AwkwardCode.BreakOnValueGradient(v[0], out g[0]),
                (v, s, g) => AwkwardCode.BreakOnValuePullback(v[0], s, ref g[0]),
                v => new[] { 5 * Math.Pow(v[0], 4) },
                Uniform(1, 1.25, 1.27)); // x⁴ < 3 < x⁵

        [Fact]
        public void Break_on_the_active_value_after_two_trips()
            => Verify(nameof(AwkwardCode.BreakOnValue) + "2",
                v => AwkwardCode.BreakOnValue(v[0]),
                (v, g) => AwkwardCode.BreakOnValueGradient(v[0], out g[0]),
                (v, s, g) => AwkwardCode.BreakOnValuePullback(v[0], s, ref g[0]),
                v => new[] { 2 * v[0] },
                Uniform(1, 1.8, 2.9)); // x < 3 < x²

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public void Nested_loops_with_inner_continue(int n)
            => Verify(nameof(AwkwardCode.NestedLoops) + n,
                v => AwkwardCode.NestedLoops(v[0], v[1], n),
                (v, g) => AwkwardCode.NestedLoopsGradient(v[0], v[1], n, out g[0], out g[1]),
                (v, s, g) => AwkwardCode.NestedLoopsPullback(v[0], v[1], n, s, ref g[0], ref g[1]),
                v => NestedLoops(Dual.X(v[0]), Dual.Y(v[1]), n).Gradient(2),
                Uniform(2, -1.5, 1.5));

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(-1)]
        public void Switch_on_an_int_parameter(int mode)
            => Verify(nameof(AwkwardCode.SwitchOnMode) + mode,
                v => AwkwardCode.SwitchOnMode(v[0], v[1], mode),
                (v, g) => AwkwardCode.SwitchOnModeGradient(v[0], v[1], mode, out g[0], out g[1]),
                (v, s, g) => AwkwardCode.SwitchOnModePullback(v[0], v[1], mode, s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1];
                    switch (mode)
                    {
                        case 0: return new[] { y, x };
                        case 1: return new[] { Math.Cos(x) * y + 1, Math.Sin(x) };
                        case 2:
                        case 3: return new[] { 2 * x * y + 1, x * x + 2 * mode * y };
                        default: return new[] { Math.Exp(x - y) + 1, -Math.Exp(x - y) };
                    }
                },
                Uniform(2, -2, 2),
                points: 5);

        [Theory]
        [InlineData(0)]
        [InlineData(3)]
        [InlineData(-2)]
        public void Double_casts_of_int_constants(int n)
            => Verify(nameof(AwkwardCode.IntCasts) + n,
                v => AwkwardCode.IntCasts(v[0], n),
                (v, g) => AwkwardCode.IntCastsGradient(v[0], n, out g[0]),
                (v, s, g) => AwkwardCode.IntCastsPullback(v[0], n, s, ref g[0]),
                v => new[] { 2.0 * n * v[0] + 0.5 + (double)n * n * Math.Cos(v[0]) },
                Uniform(1, -3, 3),
                points: 5);

        [Fact]
        public void Int_casts_keep_floating_point_division()
            => Assert.Equal(3 * 4.0 + 0.5 * 2 + 1.0 / 3 + 9 * Math.Sin(2.0), AwkwardCode.IntCastsGradient(2.0, 3, out _), 14);
    }
}
