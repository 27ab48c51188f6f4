using System;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    public class TypeShapesTests
    {
        [Fact]
        public void Nested_static_class()
            => Verify("NestedStatic",
                v => Outer.NestedStatic.F(v[0]),
                (v, g) => Outer.NestedStatic.FGradient(v[0], out g[0]),
                (v, s, g) => Outer.NestedStatic.FPullback(v[0], s, ref g[0]),
                v => new[] { (1 - v[0]) * Math.Exp(-v[0]) },
                Uniform(1, -2, 4));

        [Fact]
        public void Nested_instance_class_with_a_settable_property()
        {
            var o = new Outer.NestedInstance { K = -0.5 };
            Verify("NestedInstance",
                v => o.F(v[0]),
                (v, g) => o.FGradient(v[0], out g[0]),
                (v, s, g) => o.FPullback(v[0], s, ref g[0]),
                v => new[] { -0.5 * (Math.Cos(v[0]) * v[0] + Math.Sin(v[0])) },
                Uniform(1, -3, 3));
        }

        [Fact]
        public void Readonly_struct()
        {
            var s = new ScaledSquare(1.75);
            Verify("ScaledSquare",
                v => s.F(v[0], v[1]),
                (v, g) => s.FGradient(v[0], v[1], out g[0], out g[1]),
                (v, seed, g) => s.FPullback(v[0], v[1], seed, ref g[0], ref g[1]),
                v => new[] { 2 * 1.75 * v[0], 1 / 1.75 },
                Uniform(2));
        }

        [Fact]
        public void Record_with_primary_constructor_properties()
        {
            var q = new Quadratic(0.5, -2, 7);
            Verify("Quadratic",
                v => q.F(v[0]),
                (v, g) => q.FGradient(v[0], out g[0]),
                (v, s, g) => q.FPullback(v[0], s, ref g[0]),
                v => new[] { v[0] - 2 },
                Uniform(1, -5, 5));
        }

        [Fact]
        public void Overloads_get_separate_gradients()
        {
            Verify("Norm1",
                v => Overloads.Norm(v[0]),
                (v, g) => Overloads.NormGradient(v[0], out g[0]),
                (v, s, g) => Overloads.NormPullback(v[0], s, ref g[0]),
                v => new[] { v[0] / Math.Sqrt(v[0] * v[0] + 1) },
                Uniform(1));
            Verify("Norm2",
                v => Overloads.Norm(v[0], v[1]),
                (v, g) => Overloads.NormGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Overloads.NormPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double r = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + 1);
                    return new[] { v[0] / r, v[1] / r };
                },
                Uniform(2));
        }

        [Fact]
        public void Private_callee_and_both_overloads()
            => Verify(nameof(Overloads.UsesPrivate),
                v => Overloads.UsesPrivate(v[0], v[1]),
                (v, g) => Overloads.UsesPrivateGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Overloads.UsesPrivatePullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1], r1 = Math.Sqrt(x * x + 1), r2 = Math.Sqrt(x * x + y * y + 1);
                    return new[] { 2 * x * y + x / r1 + x / r2, x * x + y / r2 };
                },
                Uniform(2));

        [Fact]
        public void Protected_internal_virtual_instance_method()
        {
            var o = new Overloads { W = 3 };
            Verify(nameof(Overloads.Virtual),
                v => o.Virtual(v[0]),
                (v, g) => o.VirtualGradient(v[0], out g[0]),
                (v, s, g) => o.VirtualPullback(v[0], s, ref g[0]),
                v => new[] { 6 * v[0] },
                Uniform(1));
        }

        private static double[] SpringGradient(double k, double rest, double x, double y)
        {
            double r = Math.Sqrt(x * x + y * y), c = k * (r - rest) / r;
            return new[] { c * x, c * y };
        }

        [Fact]
        public void Calls_on_objects_held_in_fields()
        {
            var a = new Assembly2D();
            Verify(nameof(Assembly2D.Energy),
                v => a.Energy(v[0], v[1]),
                (v, g) => a.EnergyGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => a.EnergyPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double[] l = SpringGradient(2, 1, v[0], v[1]), r = SpringGradient(5, 0.5, v[0] - 3, v[1]);
                    return new[] { l[0] + r[0], l[1] + r[1] };
                },
                Uniform(2, -3, 3).Where(v => Math.Abs(v[1]) > 0.1));
        }

        [Fact]
        public void Call_on_a_new_object()
            => Verify(nameof(Assembly2D.WithNewSpring),
                v => Assembly2D.WithNewSpring(v[0], v[1]),
                (v, g) => Assembly2D.WithNewSpringGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Assembly2D.WithNewSpringPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double[] g = SpringGradient(3, 1, v[0], v[1]);
                    return new[] { 0.5 * g[0], 0.5 * g[1] };
                },
                Uniform(2, -3, 3).Where(v => Math.Abs(v[1]) > 0.1));
    }
}
