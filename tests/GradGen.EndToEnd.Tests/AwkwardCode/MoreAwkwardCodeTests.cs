using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>More awkward code, against forward-mode transcriptions on <see cref="Dual"/> numbers.</summary>
    public class MoreAwkwardCodeTests
    {
        private static Dual Inner(Dual x) => Dual.Sin(x) * x;

        private static Dual Middle(Dual x, Dual y) => Inner(x * y) + y * y;

        private static Dual ReassignParameters(Dual x, Dual y)
        {
            x = Dual.Sin(x) * y;
            y = y * x + 1;
            x = x * y;
            return x + y;
        }

        private static Dual ReturnInsideLoop(Dual x, int n)
        {
            Dual s = x;
            for (int i = 0; i < n; i++)
            {
                s = s * x + Dual.Sin(s);
                if (s > 5) return s * 2;
            }
            return s - x;
        }

        private static Dual CallInsideLoop(Dual x, int n)
        {
            Dual s = x;
            for (int i = 0; i < n; i++)
            {
                s = s + Inner(s) * 0.5;
                s = Middle(s, x) * 0.1;
            }
            return s;
        }

        private static Dual LogicalConditions(Dual x, Dual y)
        {
            bool positive = x > 0;
            if (positive && y > 0 || x < -1) return x * y;
            return !positive ? Dual.Exp(x) + y : x - y * y;
        }

        private static Dual DoContinueWhileTrue(Dual x, int n)
        {
            Dual s = 0;
            int i = 0;
            do
            {
                i++;
                if (i % 2 == 0) continue;
                s = s + x * i;
                s = s * 0.9;
            }
            while (i < n);
            for (int k = 0; k < 3; k++) s = s * Dual.Cos(0.1 * x) + x;
            return s;
        }

        private static Dual SelfReferencingCompound(Dual x, Dual y)
        {
            Dual a = x + 2;
            a = a / (a + y * y);
            a = a - a * x;
            a = a + Dual.Sqrt(a * a + 1);
            a = a * (a - y);
            return a;
        }

        private static Dual ShadowedLocals(Dual x, Dual y)
        {
            Dual total = 0;
            if (x > 0)
            {
                Dual t = x * y;
                total = total + t * t;
            }
            else
            {
                total = total - (Dual.Exp(x) + y);
            }
            for (int i = 0; i < 3; i++)
            {
                Dual t = total * 0.5 + i * x;
                total = t * y + 1;
            }
            return total;
        }

        private static Dual CallsInConditions(Dual x, Dual y)
        {
            Dual a = Inner(x) > 0 ? Middle(x, x) : -Inner(y);
            if (Middle(y, x) > 1) a = a + Inner(a);
            return -a * y;
        }

        private static Dual ParameterOverwrittenInLoop(Dual x, int n)
        {
            Dual s = 0;
            for (int i = 0; i < n; i++)
            {
                s = s + x;
                x = Dual.Sin(x) + 0.5 * x;
            }
            return s + x * x;
        }

        private static Dual SwitchWithLoop(Dual x, int mode, int n)
        {
            Dual r = 0;
            switch (mode)
            {
                case 1:
                    for (int i = 0; i < n && i <= 3; i++) r = r + Dual.Pow(x, i);
                    break;
                case 2:
                    return Dual.Log(1 + x * x);
                default:
                    r = x;
                    break;
            }
            return r * x;
        }

        [Fact]
        public void Parameters_reassigned()
            => Verify(nameof(MoreAwkwardCode.ReassignParameters),
                v => MoreAwkwardCode.ReassignParameters(v[0], v[1]),
                (v, g) => MoreAwkwardCode.ReassignParametersGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MoreAwkwardCode.ReassignParametersPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => ReassignParameters(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Uniform(2));

        [Theory]
        [InlineData(6, 0.2, 0.8)] // never returns early
        [InlineData(6, 1.6, 2.0)] // returns from inside the loop
        [InlineData(0, -2.0, 2.0)]
        public void Return_inside_a_loop(int n, double lo, double hi)
            => Verify(nameof(MoreAwkwardCode.ReturnInsideLoop) + n + lo,
                v => MoreAwkwardCode.ReturnInsideLoop(v[0], n),
                (v, g) => MoreAwkwardCode.ReturnInsideLoopGradient(v[0], n, out g[0]),
                (v, s, g) => MoreAwkwardCode.ReturnInsideLoopPullback(v[0], n, s, ref g[0]),
                v => ReturnInsideLoop(Dual.X(v[0]), n).Gradient(1),
                Uniform(1, lo, hi));

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public void Differentiable_call_inside_a_loop(int n)
            => Verify(nameof(MoreAwkwardCode.CallInsideLoop) + n,
                v => MoreAwkwardCode.CallInsideLoop(v[0], n),
                (v, g) => MoreAwkwardCode.CallInsideLoopGradient(v[0], n, out g[0]),
                (v, s, g) => MoreAwkwardCode.CallInsideLoopPullback(v[0], n, s, ref g[0]),
                v => CallInsideLoop(Dual.X(v[0]), n).Gradient(1),
                Uniform(1, -2, 2));

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(5)]
        public void Recursion(int n)
            => Verify(nameof(MoreAwkwardCode.RecursivePower) + n,
                v => MoreAwkwardCode.RecursivePower(v[0], n),
                (v, g) => MoreAwkwardCode.RecursivePowerGradient(v[0], n, out g[0]),
                (v, s, g) => MoreAwkwardCode.RecursivePowerPullback(v[0], n, s, ref g[0]),
                v => new[] { n == 0 ? 0 : n * Math.Pow(v[0], n - 1) },
                Uniform(1, -2, 2));

        [Fact]
        public void Increments_several_declarators_const_and_static_fields()
            => Verify(nameof(MoreAwkwardCode.IncrementsAndDeclarators),
                v => MoreAwkwardCode.IncrementsAndDeclarators(v[0]),
                (v, g) => MoreAwkwardCode.IncrementsAndDeclaratorsGradient(v[0], out g[0]),
                (v, s, g) => MoreAwkwardCode.IncrementsAndDeclaratorsPullback(v[0], s, ref g[0]),
                v =>
                {
                    // a = x + 1, b = 2x − 1, c = x + 1: f = 2.25(x + 1)²(2x − 1) + 0.25
                    double x = v[0];
                    return new[] { 2.25 * (2 * (x + 1) * (2 * x - 1) + 2 * (x + 1) * (x + 1)) };
                },
                Uniform(1, -3, 3));

        [Fact]
        public void Logical_conditions_and_bool_locals()
            => Verify(nameof(MoreAwkwardCode.LogicalConditions),
                v => MoreAwkwardCode.LogicalConditions(v[0], v[1]),
                (v, g) => MoreAwkwardCode.LogicalConditionsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MoreAwkwardCode.LogicalConditionsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => LogicalConditions(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Uniform(2, -3, 3).Where(v => Math.Abs(v[0]) > 1e-3 && Math.Abs(v[1]) > 1e-3 && Math.Abs(v[0] + 1) > 1e-3),
                points: 20);

        [Theory]
        [InlineData(1)]
        [InlineData(6)]
        public void Continue_in_a_do_loop_and_break_out_of_while_true(int n)
            => Verify(nameof(MoreAwkwardCode.DoContinueWhileTrue) + n,
                v => MoreAwkwardCode.DoContinueWhileTrue(v[0], n),
                (v, g) => MoreAwkwardCode.DoContinueWhileTrueGradient(v[0], n, out g[0]),
                (v, s, g) => MoreAwkwardCode.DoContinueWhileTruePullback(v[0], n, s, ref g[0]),
                v => DoContinueWhileTrue(Dual.X(v[0]), n).Gradient(1),
                Uniform(1, -3, 3));

        [Fact]
        public void Compound_assignments_reading_their_target()
            => Verify(nameof(MoreAwkwardCode.SelfReferencingCompound),
                v => MoreAwkwardCode.SelfReferencingCompound(v[0], v[1]),
                (v, g) => MoreAwkwardCode.SelfReferencingCompoundGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MoreAwkwardCode.SelfReferencingCompoundPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => SelfReferencingCompound(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Box((0, 2), (0.5, 2)));

        [Fact]
        public void Same_named_locals_in_sibling_scopes()
            => Verify(nameof(MoreAwkwardCode.ShadowedLocals),
                v => MoreAwkwardCode.ShadowedLocals(v[0], v[1]),
                (v, g) => MoreAwkwardCode.ShadowedLocalsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MoreAwkwardCode.ShadowedLocalsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => ShadowedLocals(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Uniform(2).Where(v => Math.Abs(v[0]) > 1e-3),
                points: 10);

        [Fact]
        public void Differentiable_calls_in_conditions_and_ternary_arms()
            => Verify(nameof(MoreAwkwardCode.CallsInConditions),
                v => MoreAwkwardCode.CallsInConditions(v[0], v[1]),
                (v, g) => MoreAwkwardCode.CallsInConditionsGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => MoreAwkwardCode.CallsInConditionsPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v => CallsInConditions(Dual.X(v[0]), Dual.Y(v[1])).Gradient(2),
                Uniform(2, -4, 4).Where(v => Math.Abs(Math.Sin(v[0]) * v[0]) > 1e-3
                    && Math.Abs(Math.Sin(v[0] * v[1]) * v[0] * v[1] + v[0] * v[0] - 1) > 1e-3),
                points: 16);

        [Theory]
        [InlineData(0)]
        [InlineData(3)]
        [InlineData(6)]
        public void Unusual_for_headers(int n)
            => Verify(nameof(MoreAwkwardCode.UnusualForHeaders) + n,
                v => MoreAwkwardCode.UnusualForHeaders(v[0], n),
                (v, g) => MoreAwkwardCode.UnusualForHeadersGradient(v[0], n, out g[0]),
                (v, s, g) => MoreAwkwardCode.UnusualForHeadersPullback(v[0], n, s, ref g[0]),
                v =>
                {
                    // s = 1 + x + … + xⁿ, then + x·Σ(b − a) over the pairs.
                    double d = 0, pairs = 0;
                    for (int k = 1; k <= n; k++) d += k * Math.Pow(v[0], k - 1);
                    for (int a = 0, b = n; a < b; a++, b--) pairs += b - a;
                    return new[] { d + pairs };
                },
                Uniform(1, -1.5, 1.5));

        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        public void Wrt_parameter_overwritten_inside_a_loop(int n)
            => Verify(nameof(MoreAwkwardCode.ParameterOverwrittenInLoop) + n,
                v => MoreAwkwardCode.ParameterOverwrittenInLoop(v[0], n),
                (v, g) => MoreAwkwardCode.ParameterOverwrittenInLoopGradient(v[0], n, out g[0]),
                (v, s, g) => MoreAwkwardCode.ParameterOverwrittenInLoopPullback(v[0], n, s, ref g[0]),
                v => ParameterOverwrittenInLoop(Dual.X(v[0]), n).Gradient(1),
                Uniform(1, -2, 2));

        [Theory]
        [InlineData(1, 2)]
        [InlineData(1, 9)]
        [InlineData(2, 9)]
        [InlineData(0, 9)]
        public void Switch_with_a_loop_and_a_return(int mode, int n)
            => Verify(nameof(MoreAwkwardCode.SwitchWithLoop) + mode + n,
                v => MoreAwkwardCode.SwitchWithLoop(v[0], mode, n),
                (v, g) => MoreAwkwardCode.SwitchWithLoopGradient(v[0], mode, n, out g[0]),
                (v, s, g) => MoreAwkwardCode.SwitchWithLoopPullback(v[0], mode, n, s, ref g[0]),
                v => SwitchWithLoop(Dual.X(v[0]), mode, n).Gradient(1),
                Uniform(1, -2, 2));
    }
}
