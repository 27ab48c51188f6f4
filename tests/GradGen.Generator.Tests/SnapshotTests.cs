using System.Linq;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// The generated code for representative methods, compared with Snapshots/*.g.cs, and compiled:
    /// the output compilation must have no error and no warning at all.
    /// </summary>
    public sealed class SnapshotTests
    {
        private const string Usings = "using System;\nusing GradGen;\n\n";

        private static void Verify(string source, string hintName, string snapshot, params string[] otherExpectedFiles)
        {
            var run = Harness.Run(new SourceFile("/src/Input.cs", source));
            Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + Harness.Format(run.GeneratorDiagnostics));
            string generated = run.Source(hintName);
            foreach (var other in otherExpectedFiles) Assert.True(run.HasSource(other), "missing generated file " + other);
            Snapshot.Match(snapshot, generated);
            Assert.True(run.OutputDiagnostics.IsEmpty,
                "The output compilation must have no errors and no warnings:\n" + Harness.Format(run.OutputDiagnostics)
                + "\n--- " + hintName + " ---\n" + generated);
        }

        [Fact]
        public void Rosenbrock_StraightLine()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Functions
    {
        [Differentiable]
        public static double Rosenbrock(double x, double y)
        {
            double a = 1 - x, b = y - x * x;
            return a * a + 100 * b * b;
        }
    }
}
", "Functions.Rosenbrock.g.cs", "Rosenbrock");
        }

        [Fact]
        public void Sigmoid_KeepsExpTemp()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Activations
    {
        [Differentiable]
        public static double Sigmoid(double x)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }
    }
}
", "Activations.Sigmoid.g.cs", "Sigmoid");
        }

        [Fact]
        public void IfElse_WithEarlyReturn()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Branches
    {
        [Differentiable]
        public static double Piecewise(double x, double y)
        {
            if (x < 0)
            {
                return -x * y;
            }

            double t;
            if (y > 1)
            {
                t = x * y;
            }
            else
            {
                t = x + y;
            }

            return t * t;
        }
    }
}
", "Branches.Piecewise.g.cs", "IfElseEarlyReturn");
        }

        [Fact]
        public void ScalarLoop_UsesTape()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Loops
    {
        [Differentiable(nameof(x))]
        public static double Power(double x, int n)
        {
            double r = 1;
            for (int i = 0; i < n; i++)
            {
                r *= x;
            }

            return r;
        }
    }
}
", "Loops.Power.g.cs", "ScalarLoopTape");
        }

        [Fact]
        public void LogisticRegression_ReductionLoops()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Losses
    {
        [Differentiable(nameof(w))]
        public static double Logistic(double[] w, double[][] xs, double[] ys)
        {
            double sum = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += w[j] * xs[n][j];
                sum += Math.Log(1 + Math.Exp(-ys[n] * s));
            }
            return sum / xs.Length;
        }
    }
}
", "Losses.Logistic.g.cs", "LogisticRegression");
        }

        [Fact]
        public void CallToAnotherDifferentiableMethod()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Composed
    {
        [Differentiable]
        public static double Square(double x) => x * x;

        [Differentiable]
        public static double Distance(double x, double y)
        {
            double d2 = Square(x) + Square(y);
            return Math.Sqrt(d2);
        }
    }
}
", "Composed.Distance.g.cs", "CallToDifferentiable", "Composed.Square.g.cs");
        }

        [Fact]
        public void InstanceMethod_ReadsField()
        {
            Verify(Usings + @"namespace Samples
{
    public sealed partial class Spring
    {
        private readonly double _stiffness;

        public Spring(double stiffness)
        {
            _stiffness = stiffness;
        }

        public double Rest { get; set; } = 1.0;

        [Differentiable]
        public double Energy(double x)
        {
            double d = x - Rest;
            return 0.5 * _stiffness * d * d;
        }
    }
}
", "Spring.Energy.g.cs", "InstanceField");
        }

        /// <summary>An overwritten scalar in a loop (a recurrence): each overwrite the reverse sweep needs is taped.</summary>
        [Fact]
        public void Recurrence_OverwrittenScalarInLoop()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Recurrences
    {
        [Differentiable(nameof(x))]
        public static double Smooth(double[] x, double decay)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++) s = s * decay + Math.Sin(x[i]) * s + x[i];
            return s;
        }
    }
}
", "Recurrences.Smooth.g.cs", "Recurrence");
        }

        /// <summary>A nested loop over a matrix: row sums of A·x, wrt A and x.</summary>
        [Fact]
        public void NestedLoop_OverMatrix()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Matrices
    {
        [Differentiable]
        public static double QuadraticForm(double[,] A, double[] x)
        {
            double total = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double row = 0;
                for (int j = 0; j < x.Length; j++) row += A[i, j] * x[j];
                total += x[i] * row;
            }
            return total;
        }
    }
}
", "Matrices.QuadraticForm.g.cs", "NestedLoopMatrix");
        }

        /// <summary>Softmax written the usual way: the Pullback and the Jacobian of a vector-valued method.</summary>
        [Fact]
        public void Softmax_VectorValued()
        {
            Verify(Usings + @"namespace Samples
{
    public static partial class Vectors
    {
        [Differentiable]
        public static void Softmax(ReadOnlySpan<double> x, Span<double> y)
        {
            double max = x[0];
            for (int i = 1; i < x.Length; i++) max = Math.Max(max, x[i]);
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = Math.Exp(x[i] - max);
                sum += y[i];
            }
            for (int i = 0; i < x.Length; i++) y[i] /= sum;
        }
    }
}
", "Vectors.Softmax.g.cs", "Softmax");
        }

        [Fact]
        public void SnapshotHelper_ReportsFirstDifference()
        {
            string message = Snapshot.FirstDifference("a\nbcd\ne\n", "a\nbXd\ne\n");
            Assert.Contains("line 2, column 2", message);
            Assert.Contains("\"bcd\"", message);
            Assert.Contains("\"bXd\"", message);
            Assert.Contains("<end of file>", Snapshot.FirstDifference("a", "a\nb"));
        }
    }
}
