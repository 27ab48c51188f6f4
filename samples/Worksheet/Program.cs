using System;
using System.Collections.Generic;
using GradGen;
using Worksheet;

// Every worksheet exercise: the function, GradGen's gradient at a sample point, the textbook closed
// form, and how far apart they are. Then gradient descent with the worksheet's step sizes, and a
// hand derivation checked against the generated Jacobian.

var rng = new Random(2026);
double[] Vector(int n) { var v = new double[n]; for (int i = 0; i < n; i++) v[i] = Math.Round(rng.NextDouble() * 2 - 1, 2); return v; }
double[,] Matrix(int r, int c) { var m = new double[r, c]; for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i, j] = Math.Round(rng.NextDouble() * 2 - 1, 2); return m; }
double[] Flat(double[,] m) { var f = new double[m.Length]; int k = 0; foreach (double v in m) f[k++] = v; return f; }
string Show(double[] v) => v.Length <= 4 ? "[" + string.Join(", ", Array.ConvertAll(v, x => x.ToString("G6"))) + "]" : "[" + string.Join(", ", Array.ConvertAll(v[..3], x => x.ToString("G6"))) + ", …]";

int failures = 0;
void Row(string number, string function, double[] generated, double[] closedForm)
{
    var agreement = GradientCheck.Compare(closedForm, generated, 1e-9);
    if (!agreement.Passed) failures++;
    Console.WriteLine($"{number,3}  {function,-44} generated {Show(generated),-34} closed form {Show(closedForm),-34} max rel. diff {agreement.MaxRelativeError:E1} {(agreement.Passed ? "agrees" : "DISAGREES")}");
}

Console.WriteLine("GradGen worksheet: every gradient generated at compile time, next to the textbook answer.\n");

{ double x = 0.7; Exercises.SigmoidGradient(x, out double g); double s = ClosedForms.Sigma(x); Row("1", "σ(x) at x = 0.7", new[] { g }, new[] { s * (1 - s) }); }
{
    var x = new[] { 0.5, -1.0, 2.0, 0.1 };
    var y = new double[4];
    var jacobian = new double[4, 4];
    Exercises.SoftmaxJacobian(x, y, jacobian);
    Row("2", "softmax(x), Jacobian ∂y_i/∂x_j (16 entries)", Flat(jacobian), Flat(ClosedForms.SoftmaxJacobian(y)));
}
{ double x = 0.8, beta = 2.5; Exercises.SoftplusGradient(x, beta, out double gx, out double gb); Row("3", "softplus_β(x), ∂/∂x at x = 0.8, β = 2.5", new[] { gx }, new[] { ClosedForms.SoftplusDx(x, beta) }); }
{ var w = Vector(5); var g = new double[5]; Exercises.SumSoftplusGradient(w, g); Row("4", "Σ ln(1 + e^(w_i))", g, ClosedForms.SumSoftplus(w)); }
{ var w = Vector(5); var g = new double[5]; Exercises.SqrtOnePlusNormGradient(w, g); Row("5", "√(1 + ‖w‖²)", g, ClosedForms.SqrtOnePlusNorm(w)); }
{ var w = Vector(4); var v = Vector(4); var A = Matrix(4, 4); var g = new double[4]; Exercises.FourBilinearGradient(w, A, v, g); Row("6", "wᵀAv + wᵀAᵀv + vᵀAw + vᵀAᵀw", g, ClosedForms.FourBilinear(A, v)); }
{ var x = Vector(4); var z = Vector(4); var A = Matrix(4, 4); var g = new double[4]; Exercises.QuadraticPlusLinearGradient(x, A, z, g); Row("7", "xᵀ(Ax + z)", g, ClosedForms.QuadraticPlusLinear(x, A, z)); }
{ var w = Vector(4); var x = Vector(4); var g = new double[4]; Exercises.HalfSquaredErrorGradient(w, x, 0.3, g); Row("8", "½(wᵀx − y)²", g, ClosedForms.HalfSquaredError(w, x, 0.3)); }
{ var w = Vector(3); var X = Matrix(6, 3); var y = Vector(6); var g = new double[3]; Exercises.LeastSquaresGradient(w, X, y, g); Row("9", "½‖Xw − y‖²", g, ClosedForms.LeastSquares(w, X, y)); }
{
    var W = Matrix(3, 4); var b = Vector(3); var x = Vector(4); var y = Vector(3);
    var gW = new double[3, 4]; var gb = new double[3];
    Exercises.AffineSquaredErrorGradient(W, b, x, y, gW, gb);
    var (cW, cb) = ClosedForms.AffineSquaredError(W, b, x, y);
    Row("10", "‖Wx + b − y‖², ∂/∂W", Flat(gW), Flat(cW));
    Row("10", "‖Wx + b − y‖², ∂/∂b", gb, cb);
}
var xs = new double[20][]; var ys = new double[20];
for (int n = 0; n < 20; n++) { xs[n] = Vector(4); ys[n] = rng.NextDouble() < 0.5 ? -1 : 1; }
{ var w = Vector(4); var g = new double[4]; Exercises.LogisticMeanGradient(w, xs, ys, g); Row("11", "(1/N) Σ ln(1 + e^(−y wᵀx)), N = 20", g, ClosedForms.Logistic(w, xs, ys, 1.0 / 20, 0)); }
{ var w = Vector(4); var g = new double[4]; Exercises.LogisticRegularizedGradient(w, xs, ys, 0.1, g); Row("12", "Σ ln(1 + e^(−y wᵀx)) + λ‖w‖², λ = 0.1", g, ClosedForms.Logistic(w, xs, ys, 1, 0.1)); }
{ var w = Vector(4); var x = Vector(4); var g = new double[4]; Exercises.CrossEntropyGradient(w, x, 1, g); Row("13", "−y ln p − (1−y) ln(1−p), p = σ(wᵀx)", g, ClosedForms.CrossEntropy(w, x, 1)); }
{ var w = Vector(4); var phi = Vector(4); var g = new double[4]; Exercises.SquaredLossOnSigmoidGradient(w, phi, 1, g); Row("14", "½(y − σ(wᵀφ))²", g, ClosedForms.SquaredLossOnSigmoid(w, phi, 1)); }

// Row 15: the reviews as bag-of-words features [1, not, good, pretty, bad, plot, scenery].
var reviews = new[] { new double[] { 1, 1, 1, 0, 0, 0, 0 }, new double[] { 1, 0, 0, 1, 1, 0, 0 }, new double[] { 1, 0, 1, 0, 0, 1, 0 }, new double[] { 1, 0, 0, 1, 0, 0, 1 } };
var labels = new double[] { -1, -1, +1, +1 };
{ var w = new[] { 0.2, -0.1, 0.3, 0.1, -0.2, 0.4, 0.1 }; var g = new double[7]; Exercises.HingeGradient(w, reviews, labels, g); Row("15", "Σ max(0, 1 − y wᵀφ), four reviews", g, ClosedForms.Hinge(w, reviews, labels)); }
{
    var V = Matrix(3, 4); var b = Vector(3); var w = Vector(3); var x = Vector(4);
    var gV = new double[3, 4]; var gb = new double[3]; var gw = new double[3];
    Exercises.OneHiddenLayerGradient(V, b, w, x, 1, gV, gb, gw);
    var (cV, cb, cw) = ClosedForms.OneHiddenLayer(V, b, w, x, 1);
    Row("16", "ln(1 + exp(−y wᵀσ(Vx + b))), ∂/∂V", Flat(gV), Flat(cV));
    Row("16", "  ∂/∂b", gb, cb);
    Row("16", "  ∂/∂w", gw, cw);
}
{
    double x = 0.6;
    double t = Math.Tanh(x);
    Exercises.TanhGradient(x, out double g1); Row("17", "tanh x at 0.6", new[] { g1 }, new[] { 1 - t * t });
    Exercises.ErfGradient(x, out double g2); Row("17", "erf x", new[] { g2 }, new[] { 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) });
    Exercises.ReluGradient(x, out double g3); Exercises.ReluGradient(-x, out double g3n); Row("17", "max(0, x) at ±0.6", new[] { g3, g3n }, new[] { 1.0, 0.0 });
    Exercises.LeakyReluGradient(x, out double g4); Exercises.LeakyReluGradient(-x, out double g4n); Row("17", "max(0.01x, x) at ±0.6", new[] { g4, g4n }, new[] { 1.0, 0.01 });
    Exercises.PluGradient(x, 0.1, 1, out double g5); Exercises.PluGradient(3, 0.1, 1, out double g5b); Row("17", "PLU, α = 0.1, c = 1, at 0.6 and 3", new[] { g5, g5b }, new[] { 1.0, 0.1 });
    Exercises.SinGradient(x, out double g6); Row("17", "sin x", new[] { g6 }, new[] { Math.Cos(x) });
    Exercises.GaussianGradient(x, out double g7); Row("17", "e^(−x²)", new[] { g7 }, new[] { -2 * x * Math.Exp(-x * x) });
}
{ var a = Vector(5); var g = new double[5]; Exercises.LogSumExpGradient(a, g); Row("18", "ln Σ e^(a_i)", g, ClosedForms.LogSumExp(a)); }
{ double t = 0.4; Exercises.SmoothHingeGradient(t, out double g); Row("18", "ln(1 + e^(1 − t)) at t = 0.4", new[] { g }, new[] { -ClosedForms.Sigma(1 - t) }); }

Console.WriteLine("\nGradient descent on L(w) = ½(wx − y)², x = 1, y = 100, w₀ = 0, w ← w − α·∂L/∂w (the derivative is generated):");
foreach (double alpha in new[] { 0.5, 1.5, 2.5 })
{
    double w = 0;
    var path = new List<string>();
    for (int step = 0; step < 6; step++)
    {
        Exercises.QuadraticGradient(w, 1, 100, out double g);
        w -= alpha * g;
        path.Add(w.ToString("G6"));
    }
    string verdict = alpha switch { < 1 => "converges to 100", < 2 => "oscillates, converges to 100", _ => "diverges" };
    Console.WriteLine($"  α = {alpha}: {string.Join(", ", path)}, …  ({verdict}; GD converges exactly for 0 < α < 2)");
}

Console.WriteLine("\nLogistic regression and the hinge loss, trained with the generated gradients:");
{
    var w = new double[4];
    var g = new double[4];
    double first = Exercises.LogisticMeanGradient(w, xs, ys, g), loss = first;
    for (int step = 0; step < 300; step++) { loss = Exercises.LogisticMeanGradient(w, xs, ys, g); for (int j = 0; j < 4; j++) w[j] -= 0.5 * g[j]; }
    Console.WriteLine($"  logistic (row 11): loss {first:F4} → {loss:F4} after 300 steps");
}
{
    var w = new double[7];
    var g = new double[7];
    double loss = 0;
    for (int step = 0; step < 50 && (loss = Exercises.HingeGradient(w, reviews, labels, g)) > 0; step++)
        for (int j = 0; j < 7; j++) w[j] -= 0.1 * g[j];
    int correct = 0;
    for (int n = 0; n < 4; n++) if (labels[n] * ClosedForms.Dot(w, reviews[n]) > 0) correct++;
    Console.WriteLine($"  hinge (row 15): loss {loss:G4}, {correct} of 4 reviews classified correctly, w = {string.Join(", ", Array.ConvertAll(w, v => v.ToString("F1")))}");

    // The inseparable set becomes separable with the feature not×good: features [1, good, bad, not, not×good].
    var set = new[] { new double[] { 1, 0, 1, 0, 0 }, new double[] { 1, 1, 0, 0, 0 }, new double[] { 1, 0, 1, 1, 0 }, new double[] { 1, 1, 0, 1, 1 } };
    var setLabels = new double[] { -1, +1, +1, -1 };
    var worksheetW = new double[] { 0, 1, -1, 2, -4 };
    var g5 = new double[5];
    double worksheetLoss = Exercises.HingeGradient(worksheetW, set, setLabels, g5);
    Console.WriteLine($"  hinge with not×good, worksheet's w = [0, 1, −1, 2, −4]: loss {worksheetLoss}, gradient [{string.Join(", ", g5)}] (all four classified correctly)");
}

Console.WriteLine("\nChecking a hand derivation: the softmax Jacobian with the diagonal y_i(1 + y_i) (the sign is wrong):");
{
    var x = new[] { 0.5, -1.0, 2.0, 0.1 };
    var y = new double[4];
    var generated = new double[4, 4];
    Exercises.SoftmaxJacobian(x, y, generated);
    var report = GradientCheck.CompareJacobian(generated, ClosedForms.SoftmaxJacobianWrongDiagonal(y));
    Console.WriteLine("  " + report.ToString().Replace("\n", "\n  "));
}

Console.WriteLine(failures == 0 ? "\nEvery exercise agrees with its closed form." : $"\n{failures} exercise(s) DISAGREE with the closed form.");
return failures == 0 ? 0 : 1;
