using System;
using GradGen;
using Quickstart;

// 1. A scalar function of two variables: value, generated gradient, finite differences.
double x = -1.2, y = 1.0;
double f = Losses.RosenbrockGradient(x, y, out double gx, out double gy);
var check = GradientCheck.Check(v => Losses.Rosenbrock(v[0], v[1]), new[] { x, y }, new[] { gx, gy }, names: new[] { "x", "y" });
Console.WriteLine("Rosenbrock(x, y) = (1 - x)² + 100 (y - x²)²   at (x, y) = (-1.2, 1)");
Console.WriteLine($"  value              {f,14:G10}");
Console.WriteLine($"  generated  ∂f/∂x   {gx,14:G10}   ∂f/∂y {gy,14:G10}");
Console.WriteLine($"  differences ∂f/∂x  {check.Numerical[0],14:G10}   ∂f/∂y {check.Numerical[1],14:G10}");
Console.WriteLine($"  closed form ∂f/∂x  {-2 * (1 - x) - 400 * x * (y - x * x),14:G10}   ∂f/∂y {200 * (y - x * x),14:G10}");
Console.WriteLine("  " + check.ToString().Split('\n')[0]);
Console.WriteLine();

// 2. A loss over data: logistic regression, 200 examples of 5 features.
var rng = new Random(42);
int n = 200, d = 5;
var xs = new double[n][];
var ys = new double[n];
var truth = new[] { 1.5, -2.0, 0.5, 0.0, 1.0 };
for (int i = 0; i < n; i++)
{
    xs[i] = new double[d];
    double s = 0;
    for (int j = 0; j < d; j++) s += truth[j] * (xs[i][j] = rng.NextDouble() * 2 - 1);
    ys[i] = s + 0.3 * (rng.NextDouble() - 0.5) > 0 ? 1 : -1;
}
var w = new double[d];
var grad = new double[d];
double loss = Losses.LogisticGradient(w, xs, ys, grad);
var logisticCheck = GradientCheck.Check(v => Losses.Logistic(v, xs, ys), w, grad);
Console.WriteLine("Logistic loss (1/N) Σ ln(1 + exp(-y wᵀx)), N = 200, d = 5, at w = 0");
Console.WriteLine($"  value {loss:G10}");
for (int j = 0; j < d; j++)
    Console.WriteLine($"  ∂L/∂w[{j}]   generated {grad[j],14:G10}   differences {logisticCheck.Numerical[j],14:G10}");
Console.WriteLine("  " + logisticCheck.ToString().Split('\n')[0]);

// 3. Use it: 200 steps of gradient descent.
for (int step = 0; step < 200; step++)
{
    loss = Losses.LogisticGradient(w, xs, ys, grad);
    for (int j = 0; j < d; j++) w[j] -= 2.0 * grad[j];
}
Console.WriteLine($"  after 200 gradient-descent steps: loss {loss:G6}, w = [{string.Join(", ", Array.ConvertAll(w, v => v.ToString("F2")))}]");
return check.Passed && logisticCheck.Passed ? 0 : 1;
