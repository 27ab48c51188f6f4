#!/usr/bin/env python3
"""Regenerates GeneratedCopies.cs: copies of GradGen's generated pullbacks, each with ONE mechanical
edit, for the `--analyze` mode (docs/benchmarks.md, "Where the time goes").

Reads the generated sources of a Release build of tests/GradGen.Workloads:
    dotnet build -c Release benchmarks/GradGen.Benchmarks
    python3 benchmarks/GradGen.Benchmarks/Analysis/make_copies.py
The edits are textual and assert that the text they edit is there, so a generator change that
invalidates one fails loudly here instead of silently measuring something else.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
GENERATED = os.path.join(ROOT, "tests", "GradGen.Workloads", "obj", "Release", "net10.0", "generated",
                         "GradGen.Generator", "GradGen.Generator.DifferentiableGenerator")


def newest(file):
    """The newest generated file for `<Type>.<Method>.g.cs` (the generator has also named it
    `<Namespace>.<Type>.<Method>.<n>.g.cs`; stale files of an older naming stay in obj/)."""
    stem = file[:-len(".g.cs")]
    pattern = re.compile(r"^(?:[\w.]+\.)?" + re.escape(stem) + r"(?:\.\d+)?\.g\.cs$")
    candidates = [f for f in os.listdir(GENERATED) if pattern.match(f)]
    if not candidates:
        sys.exit(f"make_copies.py: no generated file for {file} in {GENERATED}")
    return max((os.path.join(GENERATED, f) for f in candidates), key=os.path.getmtime)


def method(file, name):
    """The text of `public static double <name>(...) { ... }` in a generated file."""
    path = newest(file)
    print("reading", os.path.relpath(path, ROOT))
    s = open(path, encoding="utf-8-sig").read()
    i = s.index("public static double " + name + "(")
    depth = 0
    for k in range(s.index("{", i), len(s)):
        if s[k] == "{":
            depth += 1
        elif s[k] == "}":
            depth -= 1
            if depth == 0:
                return s[i:k + 1]
    raise ValueError(name)


def replace(s, old, new, count=1):
    found = s.count(old)
    if found != count:
        sys.exit(f"make_copies.py: expected {count} occurrence(s) of {old!r}, found {found}")
    return s.replace(old, new)


def rename(s, old, new):
    return replace(s, "public static double " + old + "(", "private static double " + new + "(")


def scoped_adjoints(s):
    """Moves the adjoint declarations (`double dX = 0.0;`, `double dResult = seed;`) from the method's
    entry to the start of the reverse sweep, so they are not live across the forward sweep."""
    forward = s.index("// Forward sweep")
    preamble, rest = s[:forward], s[forward:]
    pattern = re.compile(r"^            double d[A-Z]\w* = (?:0\.0|seed);\n", re.M)
    declarations = pattern.findall(preamble)
    if not declarations:
        sys.exit("make_copies.py: no adjoint declarations in the preamble")
    preamble = pattern.sub("", preamble)
    match = re.search(r"^            double result = [^\n]*\n", rest, re.M)
    if not match:
        sys.exit("make_copies.py: no `double result = ...;` line")
    moved = "            // (adjoints declared here, at the start of the reverse sweep, instead of at entry)\n" + "".join(declarations)
    return preamble + rest[:match.end()] + moved + rest[match.end():]


def local_seed(s):
    """Logistic: the inner reverse loop reads a copy of dS made just before it (`double dSRow = dS;`)."""
    s = replace(s, "                for (int j = w.Length - 1; j >= 0; j--)",
                "                double dSRow = dS; // a fresh local, live only across this loop\n"
                "                for (int j = w.Length - 1; j >= 0; j--)")
    return replace(s, "gradW[j] += dS * xs[n][j];", "gradW[j] += dSRow * xs[n][j];")


def local_seed_span(s):
    """LogisticSpan: the inner reverse loop reads a copy of dS made just before it."""
    s = replace(s, "                for (int j = d - 1; j >= 0; j--)",
                "                double dSRow = dS; // a fresh local, live only across this loop\n"
                "                for (int j = d - 1; j >= 0; j--)")
    return replace(s, "gradW[j] += dS * xsFlat[n * d + j];", "gradW[j] += dSRow * xsFlat[n * d + j];")


def unchecked_tape(s):
    """The tape's Pop without the empty check (whose throw-helper call is on the reverse loop's path):
    a local UncheckedTape with the same storage as ValueTape."""
    if "global::GradGen.ValueTape<" not in s:
        sys.exit("make_copies.py: no ValueTape to replace")
    return s.replace("global::GradGen.ValueTape<", "UncheckedTape<")


def gate_derivatives(s):
    """LSTM: the sigmoid gates' adjoints from the gate values the reverse sweep holds, not SigmoidPullback."""
    for dz, gate, seed in (("dZ3", "outgate", "dOutgate"), ("dZ2", "ingate", "dIngate"), ("dZ1", "forget", "dForget")):
        pattern = re.compile(r"double %s = 0\.0;\n\s*global::GradGen\.Workloads\.Lstm\.SigmoidPullback\([^\n]*, %s, ref %s\);" % (dz, seed, dz))
        if not pattern.search(s):
            sys.exit(f"make_copies.py: no SigmoidPullback for {gate}")
        s = pattern.sub(f"double {dz} = {seed} * {gate} * (1 - {gate}); // was: SigmoidPullback(<pre-activation, recomputed>, {seed}, ref {dz})", s)
    return s


def counter_inverted(s):
    """GMM: lIndex is not taped; the reverse of lIndex++ is lIndex--, starting from its final value."""
    s = replace(s, "                            intTape.Push(lIndex);\n", "")
    s = replace(s, "            var intTape = new global::GradGen.ValueTape<int>(stackalloc int[64]);\n", "")
    s = replace(s, "            intTape.Dispose();\n", "")
    s = replace(s, "                    // for (int col = 0; col < d; col++)\n                    for (int col = d - 1; col >= 0; col--)",
                "                    lIndex = c2 * icfSize + icfSize; // the value the forward lIndex++ left\n"
                "                    // for (int col = 0; col < d; col++)\n                    for (int col = d - 1; col >= 0; col--)")
    return replace(s, "lIndex = intTape.Pop();", "lIndex--; // inverse of lIndex++ (was: intTape.Pop())")


def increments_untaped(s):
    """GMM: `qxCentered[row] += ...` does not push the old value (the reverse never reads it)."""
    s = replace(s, "                            doubleTape.Push(qxCentered[row]);\n", "")
    return replace(s, "                            qxCentered[row] = doubleTape.Pop();\n", "")


def tidy(s):
    s = s.replace("global::GradGen.Workloads.", "").replace("global::System.", "").replace("global::GradGen.", "GradGen.")
    s = s.replace(" LogMultivariateGamma(", " Gmm.LogMultivariateGamma(")
    return "        " + s + "\n"


def wrapper(name, pullback, parameters, arguments, outputs, doc):
    clear = "".join(f"            {o}.Clear();\n" for o in outputs)
    return (f"        /// <summary>{doc}</summary>\n"
            f"        public static double {name}({parameters})\n        {{\n{clear}"
            f"            return {pullback}({arguments});\n        }}\n\n")


LOGISTIC_SPAN = ("ReadOnlySpan<double> w, ReadOnlySpan<double> xsFlat, ReadOnlySpan<double> ys, int d, Span<double> gradW", "w, xsFlat, ys, d, 1.0, gradW", ["gradW"])
LOGISTIC = ("double[] w, double[][] xs, double[] ys, Span<double> gradW", "w, xs, ys, 1.0, gradW", ["gradW"])
NETWORK = None
ROSENBROCK = ("double[] x, Span<double> gradX", "x, 1.0, gradX", ["gradX"])
LSTM = ("double[] mainParams, double[] extraParams, double[] state, double[] sequence, int l, int c, int b, Span<double> gradMainParams, Span<double> gradExtraParams",
        "mainParams, extraParams, state, sequence, l, c, b, 1.0, gradMainParams, gradExtraParams", ["gradMainParams", "gradExtraParams"])
GMM = ("double[] alphas, double[] means, double[] icf, double[] x, int d, int k, int n, double gamma, int m, Span<double> gradAlphas, Span<double> gradMeans, Span<double> gradIcf",
       "alphas, means, icf, x, d, k, n, gamma, m, 1.0, gradAlphas, gradMeans, gradIcf", ["gradAlphas", "gradMeans", "gradIcf"])


def variant(cls_lines, signature, name, pullback_text, doc):
    parameters, arguments, outputs = signature
    cls_lines.append(wrapper("Gradient" + name, "Pullback" + name, parameters, arguments, outputs, doc))
    cls_lines.append(tidy(pullback_text) + "\n")


def main():
    logistic = method("Logistic.Loss.g.cs", "LossPullback")
    logistic_span = method("Logistic.LossSpan.g.cs", "LossSpanPullback")
    rosenbrock = method("Rosenbrock.Extended.g.cs", "ExtendedPullback")
    network = method("Network.Loss.g.cs", "LossPullback")
    lstm = method("Lstm.Objective.g.cs", "ObjectivePullback")
    gmm = method("Gmm.Objective.g.cs", "ObjectivePullback")

    classes = []

    lines = []
    variant(lines, LOGISTIC, "ScopedAdjoints", scoped_adjoints(rename(logistic, "LossPullback", "PullbackScopedAdjoints")),
            "As generated, but the adjoints are declared at the start of the reverse sweep.")
    variant(lines, LOGISTIC, "LocalSeed", local_seed(rename(logistic, "LossPullback", "PullbackLocalSeed")),
            "As generated, but the inner reverse loop reads a local copy of dS made just before it.")
    variant(lines, LOGISTIC, "UncheckedTape", unchecked_tape(rename(logistic, "LossPullback", "PullbackUncheckedTape")),
            "As generated, but with a tape whose Pop has no empty check (no throw-helper call in the reverse loop).")
    variant(lines, LOGISTIC_SPAN, "SpanLocalSeed", local_seed_span(rename(logistic_span, "LossSpanPullback", "PullbackSpanLocalSeed")),
            "LossSpan as generated, but the inner reverse loop reads a local copy of dS made just before it.")
    classes.append(("LogisticCopies", "Copies of the generated Logistic.LossPullback and LossSpanPullback.", lines))

    lines = []
    variant(lines, ROSENBROCK, "UncheckedTape", unchecked_tape(rename(rosenbrock, "ExtendedPullback", "PullbackUncheckedTape")),
            "As generated, but with a tape whose Pop has no empty check (no throw-helper call in the reverse loop).")
    variant(lines, ROSENBROCK, "ScopedAdjoints", scoped_adjoints(rename(rosenbrock, "ExtendedPullback", "PullbackScopedAdjoints")),
            "As generated, but the adjoints are declared at the start of the reverse sweep.")
    classes.append(("RosenbrockCopies", "Copies of the generated Rosenbrock.ExtendedPullback.", lines))

    lines = [tidy(scoped_adjoints(rename(network, "LossPullback", "LossPullbackScopedAdjoints")).replace(
        "private static double LossPullbackScopedAdjoints", "public static double LossPullbackScopedAdjoints")) + "\n"]
    classes.append(("NetworkCopies", "Copies of the generated Network.LossPullback.", lines))

    lines = []
    variant(lines, LSTM, "GateDerivatives", gate_derivatives(rename(lstm, "ObjectivePullback", "PullbackGateDerivatives")),
            "S1: as generated, but the gates' adjoints use the kept gate values, σ' = σ(1 − σ), instead of SigmoidPullback (which recomputes Exp).")
    variant(lines, LSTM, "ScopedAdjoints", scoped_adjoints(rename(lstm, "ObjectivePullback", "PullbackScopedAdjoints")),
            "S2: as generated, but the adjoints are declared at the start of the reverse sweep.")
    variant(lines, LSTM, "UncheckedTape", unchecked_tape(rename(lstm, "ObjectivePullback", "PullbackUncheckedTape")),
            "S4: as generated, but with tapes whose Pop has no empty check.")
    variant(lines, LSTM, "Both", scoped_adjoints(gate_derivatives(rename(lstm, "ObjectivePullback", "PullbackBoth"))),
            "S3: S1 and S2.")
    classes.append(("LstmCopies", "Copies of the generated Lstm.ObjectivePullback.", lines))

    lines = []
    variant(lines, GMM, "ScopedAdjoints", scoped_adjoints(rename(gmm, "ObjectivePullback", "PullbackScopedAdjoints")),
            "G1: as generated, but the adjoints are declared at the start of the reverse sweep.")
    variant(lines, GMM, "CounterInverted", counter_inverted(rename(gmm, "ObjectivePullback", "PullbackCounterInverted")),
            "G2: as generated, but lIndex is not taped: the reverse of lIndex++ is lIndex--.")
    variant(lines, GMM, "IncrementsUntaped", increments_untaped(counter_inverted(rename(gmm, "ObjectivePullback", "PullbackIncrementsUntaped"))),
            "G3: G2, and `qxCentered[row] += …` pushes nothing (the reverse sweep never reads the intermediate values).")
    variant(lines, GMM, "All", scoped_adjoints(increments_untaped(counter_inverted(rename(gmm, "ObjectivePullback", "PullbackAll")))),
            "G4: G1, G2 and G3.")
    variant(lines, GMM, "AllUncheckedTape", unchecked_tape(scoped_adjoints(increments_untaped(counter_inverted(rename(gmm, "ObjectivePullback", "PullbackAllUncheckedTape"))))),
            "G5: G4 with a tape whose Pop has no empty check.")
    classes.append(("GmmCopies", "Copies of the generated Gmm.ObjectivePullback.", lines))

    out = ["// <auto-generated by Analysis/make_copies.py from the generated sources of a Release build; do not edit by hand/>",
           "// Copies of GradGen's generated pullbacks, each with one mechanical edit (see make_copies.py), timed by",
           "// `--analyze` next to the real generated code. Analysis only; each is checked against the hand gradient.",
           "#pragma warning disable CS0162, CS0168, CS0219 // as in the generated files these are copied from",
           "",
           "using System;",
           "using GradGen.Workloads;",
           "",
           "namespace GradGen.Benchmarks.Analysis",
           "{"]
    for i, (name, doc, body) in enumerate(classes):
        out.append(f"    /// <summary>{doc}</summary>")
        out.append(f"    internal static class {name}")
        out.append("    {")
        out.append("".join(body).rstrip("\n"))
        out.append("    }")
        if i + 1 < len(classes):
            out.append("")
    out.append("}")
    with open(os.path.join(HERE, "GeneratedCopies.cs"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", os.path.join(HERE, "GeneratedCopies.cs"))


if __name__ == "__main__":
    main()
