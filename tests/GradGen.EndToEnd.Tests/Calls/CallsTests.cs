using System;
using GradGen.External;
using Xunit;
using static GradGen.TestKit.GradAssert;

namespace GradGen.EndToEnd.Tests
{
    /// <summary>The chain rule across method, class and assembly boundaries.</summary>
    public class CallsTests
    {
        private static double Inner(double x) => Math.Sin(x) * x;

        private static double DInner(double x) => Math.Cos(x) * x + Math.Sin(x);

        private static double Middle(double x, double y) => Inner(x * y) + y * y;

        /// <summary>(∂Middle/∂x, ∂Middle/∂y).</summary>
        private static (double X, double Y) DMiddle(double x, double y)
            => (DInner(x * y) * y, DInner(x * y) * x + 2 * y);

        [Fact]
        public void Three_deep_innermost()
            => Verify(nameof(Calls.Inner),
                v => Calls.Inner(v[0]),
                (v, g) => Calls.InnerGradient(v[0], out g[0]),
                (v, s, g) => Calls.InnerPullback(v[0], s, ref g[0]),
                v => new[] { DInner(v[0]) },
                Uniform(1, -3, 3));

        [Fact]
        public void Three_deep_middle()
            => Verify(nameof(Calls.Middle),
                v => Calls.Middle(v[0], v[1]),
                (v, g) => Calls.MiddleGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Calls.MiddlePullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    var d = DMiddle(v[0], v[1]);
                    return new[] { d.X, d.Y };
                },
                Uniform(2));

        [Fact]
        public void Three_deep_outer()
            => Verify(nameof(Calls.Outer),
                v => Calls.Outer(v[0], v[1]),
                (v, g) => Calls.OuterGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Calls.OuterPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1];
                    double m = Middle(x, y), n = Middle(y, x);
                    var dm = DMiddle(x, y);
                    var dn = DMiddle(y, x); // ∂Middle(y, x)/∂x = dn.Y, /∂y = dn.X
                    double e = 0.1 * Math.Exp(0.1 * n);
                    return new[]
                    {
                        dm.X * Inner(y) + e * dn.Y,
                        dm.Y * Inner(y) + m * DInner(y) + e * dn.X,
                    };
                },
                Uniform(2));

        private static Dual DInnerDual(Dual x) => Dual.Sin(x) * x;

        private static Dual DMiddleDual(Dual x, Dual y) => DInnerDual(x * y) + y * y;

        [Theory]
        [InlineData(0)]
        [InlineData(4)]
        public void Calls_as_arguments_of_calls_and_in_ternary_arms_in_a_loop(int n)
            => Verify(nameof(Calls.NestedCallArguments) + n,
                v => Calls.NestedCallArguments(v[0], v[1], n),
                (v, g) => Calls.NestedCallArgumentsGradient(v[0], v[1], n, out g[0], out g[1]),
                (v, s, g) => Calls.NestedCallArgumentsPullback(v[0], v[1], n, s, ref g[0], ref g[1]),
                v =>
                {
                    Dual x = Dual.X(v[0]), y = Dual.Y(v[1]);
                    Dual s = DMiddleDual(DInnerDual(x), DInnerDual(DMiddleDual(y, x)));
                    for (int i = 0; i < n; i++) s = s > 0 ? DInnerDual(s * 0.5) + y : DMiddleDual(s, y) * 0.1;
                    return s.Gradient(2);
                },
                Uniform(2, -1.2, 1.2));

        [Fact]
        public void Another_class()
            => Verify(nameof(Calls.CrossClass),
                v => Calls.CrossClass(v[0], v[1]),
                (v, g) => Calls.CrossClassGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Calls.CrossClassPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1], p = Sigma(x * y), d = p * (1 - p);
                    return new[]
                    {
                        d * y + 0.01 * (-400 * x * (y - x * x) - 2 * (1 - x)),
                        d * x + 0.01 * 200 * (y - x * x),
                    };
                },
                Uniform(2));

        [Fact]
        public void Callee_with_constant_parameters()
            => Verify(nameof(Calls.CallsPartialWrt),
                v => Calls.CallsPartialWrt(v[0], v[1]),
                (v, g) => Calls.CallsPartialWrtGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Calls.CallsPartialWrtPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    // CrossEntropy(w = x, x = 0.8, y = 1) = −ln σ(0.8x): (σ(0.8x) − 1)·0.8.
                    // PLU(xy) has slope 1 inside |xy| < 1, else 0.1.
                    double x = v[0], y = v[1], slope = Math.Abs(x * y) < 1 ? 1.0 : 0.1;
                    return new[] { (Sigma(0.8 * x) - 1) * 0.8 + slope * y, slope * x };
                },
                Uniform(2).Where(v => Math.Abs(Math.Abs(v[0] * v[1]) - 1) > 1e-3),
                points: 10);

        [Fact]
        public void Another_assembly()
            => Verify(nameof(Calls.CrossAssembly),
                v => Calls.CrossAssembly(v[0], v[1]),
                (v, g) => Calls.CrossAssemblyGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => Calls.CrossAssemblyPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1];
                    double huber = Math.Clamp(x * y, -1.5, 1.5); // Huber'(u)
                    // Bump(p, q) = p·e^(−q²) + q³ at (p, q) = (y, x).
                    double e = Math.Exp(-x * x);
                    return new[]
                    {
                        Math.Tanh(x) * y + huber * y + (-2 * y * x * e + 3 * x * x),
                        Math.Log(Math.Cosh(x)) + huber * x + e,
                    };
                },
                Uniform(2, -2.5, 2.5).Where(v => Math.Abs(Math.Abs(v[0] * v[1]) - 1.5) > 1e-3),
                points: 10);

        [Fact]
        public void External_methods_themselves()
        {
            Verify(nameof(ExternalFunctions.Huber),
                v => ExternalFunctions.Huber(v[0], 0.7),
                (v, g) => ExternalFunctions.HuberGradient(v[0], 0.7, out g[0]),
                (v, s, g) => ExternalFunctions.HuberPullback(v[0], 0.7, s, ref g[0]),
                v => new[] { Math.Clamp(v[0], -0.7, 0.7) },
                Uniform(1, -2, 2).Where(v => Math.Abs(Math.Abs(v[0]) - 0.7) > 1e-3),
                points: 10);
            Verify(nameof(ExternalFunctions.Bump),
                v => ExternalFunctions.Bump(v[0], v[1]),
                (v, g) => ExternalFunctions.BumpGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => ExternalFunctions.BumpPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double e = Math.Exp(-v[1] * v[1]);
                    return new[] { e, -2 * v[0] * v[1] * e + 3 * v[1] * v[1] };
                },
                Uniform(2));
        }

        [Theory]
        [InlineData(0, 0.5)]
        [InlineData(3, 2.7)]
        [InlineData(6, -1.2)]
        public void Helper_without_derivative_on_constants(int n, double c)
        {
            double h = Calls.Harmonic(n), floor = Math.Floor(c);
            Verify(nameof(Calls.ConstantHelper) + n,
                v => Calls.ConstantHelper(v[0], n, c),
                (v, g) => Calls.ConstantHelperGradient(v[0], n, c, out g[0]),
                (v, s, g) => Calls.ConstantHelperPullback(v[0], n, c, s, ref g[0]),
                v => new[] { h + h * Math.Pow(v[0] * v[0] + 1, h - 1) * 2 * v[0] + floor },
                Uniform(1, -2, 2),
                points: 5);
        }

        [Fact]
        public void Only_the_named_parameter_is_wrt()
        {
            const double a = 1.3, b = -0.7, c = 2.2;
            Verify(nameof(Calls.OnlyX),
                v => Calls.OnlyX(v[0], a, b, c),
                (v, g) => Calls.OnlyXGradient(v[0], a, b, c, out g[0]),
                (v, s, g) => Calls.OnlyXPullback(v[0], a, b, c, s, ref g[0]),
                v =>
                {
                    double x = v[0], q = 1 + x * x;
                    return new[] { 2 * a * x + b * Math.Cos(b * x) - c * 2 * x / (q * q) };
                },
                Uniform(1, -3, 3));
        }

        [Fact]
        public void Instance_method_reads_fields_and_properties_as_constants()
        {
            var spring = new Spring(stiffness: 3.5, restLength: 1.2, mass: 0.4);
            Verify(nameof(Spring.Energy),
                v => spring.Energy(v[0], v[1]),
                (v, g) => spring.EnergyGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => spring.EnergyPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double r = Math.Sqrt(v[0] * v[0] + v[1] * v[1]), k = 3.5 * (r - 1.2) / r;
                    return new[] { k * v[0], k * v[1] + 0.4 * 9.81 };
                },
                Uniform(2, -3, 3).Where(v => Math.Abs(v[0]) + Math.Abs(v[1]) > 0.1));
        }

        [Fact]
        public void Instance_method_calls_instance_and_static_methods()
        {
            var spring = new Spring(stiffness: 2.0, restLength: 0.5, mass: 1.5);
            Verify(nameof(Spring.Damped),
                v => spring.Damped(v[0], v[1]),
                (v, g) => spring.DampedGradient(v[0], v[1], out g[0], out g[1]),
                (v, s, g) => spring.DampedPullback(v[0], v[1], s, ref g[0], ref g[1]),
                v =>
                {
                    double x = v[0], y = v[1];
                    spring.EnergyGradient(x, y, out double ex, out double ey);
                    spring.EnergyGradient(y, x, out double fx, out double fy); // at the swapped point
                    double e = spring.Energy(x, y), p = Sigma(x);
                    return new[] { ex * p + e * p * (1 - p) + 0.5 * fy, ey * p + 0.5 * fx };
                },
                Uniform(2, -3, 3).Where(v => Math.Abs(v[0]) + Math.Abs(v[1]) > 0.1));
        }

        [Fact]
        public void Instances_with_different_fields_give_different_gradients()
        {
            var soft = new Spring(1, 1, 0);
            var stiff = new Spring(10, 1, 0);
            soft.EnergyGradient(2, 0, out double g1, out _);
            stiff.EnergyGradient(2, 0, out double g2, out _);
            Assert.Equal(1.0, g1);
            Assert.Equal(10.0, g2);
        }
    }
}
