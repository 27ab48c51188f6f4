using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Diagnostics
{
    /// <summary>
    /// The catalogue of GradGen diagnostics. Each message names the construct and says what to do
    /// instead; docs/diagnostics.md has one section per id.
    /// </summary>
    public static class Descriptors
    {
        private const string Category = "GradGen";

        private static DiagnosticDescriptor Error(string id, string title, string message)
            => Create(id, title, message, DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
            => new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true,
                helpLinkUri: "docs/diagnostics.md#" + id.ToLowerInvariant());

        public static readonly DiagnosticDescriptor TypeNotPartial = Error("GG0001",
            "Containing type must be partial",
            "Type '{0}' must be declared 'partial' so that GradGen can add the derivatives of '{1}' to it; add the 'partial' modifier to '{0}'");

        public static readonly DiagnosticDescriptor UnknownWrt = Error("GG0002",
            "Wrt name is not a parameter",
            "'{0}' is not a parameter of '{1}'; name one of its parameters ({2}) with nameof(...)");

        public static readonly DiagnosticDescriptor WrtNotDifferentiable = Error("GG0003",
            "Parameter cannot be differentiated",
            "Parameter '{0}' has type '{1}', which GradGen cannot differentiate; use double, float, double[], float[], Span<double>, ReadOnlySpan<double>, double[,] or double[][], or leave it out of the wrt list");

        public static readonly DiagnosticDescriptor UnsupportedReturn = Error("GG0004",
            "Return type is not floating point",
            "'{0}' returns {1}; a differentiable method returns double or float by value, or returns void and writes Span<double> outputs");

        public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Error("GG0005",
            "ref, out and in parameters are not supported",
            "Parameter '{0}' is declared '{1}', which GradGen does not support yet; pass it by value (use a Span<double> parameter for outputs)");

        public static readonly DiagnosticDescriptor UnsupportedMethodKind = Error("GG0006",
            "Method kind is not supported",
            "'{0}' is {1}, which GradGen cannot differentiate; write it as an ordinary synchronous method");

        public static readonly DiagnosticDescriptor GenericMethod = Error("GG0007",
            "Generic methods are not supported",
            "'{0}' is generic (or in a generic type), which GradGen does not support yet; write it for double (or float)");

        public static readonly DiagnosticDescriptor NoDerivative = Error("GG0008",
            "Call has no known derivative",
            "'{0}' has no known derivative and its argument depends on a differentiated input; {1}");

        public static readonly DiagnosticDescriptor UnsupportedStatement = Error("GG0009",
            "Statement is not supported",
            "{0} is not supported in a [Differentiable] method; {1}");

        public static readonly DiagnosticDescriptor UnsupportedExpression = Error("GG0010",
            "Expression or language feature is not supported",
            "{0} is not supported in a [Differentiable] method; {1}");

        public static readonly DiagnosticDescriptor WriteToState = Error("GG0011",
            "Write to a field, property or static state",
            "'{0}' is {1}, not a local: a [Differentiable] method may only write its own locals and its Span outputs; compute into a local and return it");

        public static readonly DiagnosticDescriptor WriteToInput = Error("GG0012",
            "Write to an input array",
            "{0} writes to the input parameter '{1}', and an input is never written; copy it into a local array first (new double[n] or stackalloc) and write that");

        public static readonly DiagnosticDescriptor ZeroDerivative = Create("GG0013",
            "Derivative is zero through this operation",
            "{0} of a value that depends on a differentiated input has derivative zero almost everywhere, so the gradient does not flow through it; if that is intended, suppress GG0013 here, otherwise keep the value floating-point",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor NameCollision = Error("GG0014",
            "Generated method name already exists",
            "Type '{0}' already has a member named '{1}', which GradGen would generate for '{2}'; rename one of them");

        public static readonly DiagnosticDescriptor NothingToDifferentiate = Error("GG0015",
            "No parameter to differentiate",
            "'{0}' has no parameter of a differentiable type; add a double, float or array parameter, or remove [Differentiable]");

        public static readonly DiagnosticDescriptor EmbeddedAssignment = Error("GG0016",
            "Assignment inside an expression",
            "'{0}' assigns inside an expression; write the assignment (or ++/--) as its own statement");

        public static readonly DiagnosticDescriptor NotYetSupported = Error("GG0017",
            "Construct not supported yet",
            "GradGen cannot differentiate '{0}' yet: {1}");

        public static readonly DiagnosticDescriptor WrtShouldUseNameof = Create("GG0018",
            "Wrt name should use nameof",
            "The wrt name \"{0}\" is a string literal; write nameof({0}) so that renaming the parameter keeps the attribute correct",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor OutputNameCollision = Error("GG0019",
            "Generated parameter name collides",
            "The generated parameter '{0}' of '{1}' would collide with {2}; rename the parameter '{3}'");

        public static readonly DiagnosticDescriptor ConstantParameterGetsActiveValue = Error("GG0020",
            "Argument for a constant parameter depends on a wrt input",
            "'{0}' is differentiated only with respect to its [Differentiable(...)] parameters, but the argument for its constant parameter '{1}' depends on a differentiated input; add nameof({1}) to the wrt list of '{0}'");

        public static readonly DiagnosticDescriptor WrtOutOfOrder = Create("GG0021",
            "Wrt list is not in declaration order",
            "The wrt list names ({0}) in another order than '{1}' declares them; the generated gradient outputs follow the declaration order ({2}), so list them in that order",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnstableForm = Create("GG0022",
            "Numerically unstable form of a GradMath function",
            "'{0}' is {1}, which overflows for large arguments (Math.Exp gives infinity, and the value or its gradient becomes infinite or NaN); write {2}, which computes it stably",
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor InternalError = Error("GG9999",
            "GradGen failed on this method",
            "GradGen could not differentiate '{0}' because of an internal error ({1}: {2}); please report it. Other methods are unaffected.");

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new Dictionary<string, DiagnosticDescriptor>();

        static Descriptors()
        {
            foreach (var d in All) ById[d.Id] = d;
        }

        public static IReadOnlyList<DiagnosticDescriptor> All => new[]
        {
            TypeNotPartial, UnknownWrt, WrtNotDifferentiable, UnsupportedReturn, UnsupportedParameterModifier,
            UnsupportedMethodKind, GenericMethod, NoDerivative, UnsupportedStatement, UnsupportedExpression,
            WriteToState, WriteToInput, ZeroDerivative, NameCollision, NothingToDifferentiate, EmbeddedAssignment,
            NotYetSupported, WrtShouldUseNameof, OutputNameCollision, ConstantParameterGetsActiveValue, WrtOutOfOrder, UnstableForm, InternalError,
        };

        /// <summary>
        /// Reported by the analyzer only (an IDE suggestion with a code fix, not about whether the
        /// method can be differentiated): the generator does not run these checks.
        /// </summary>
        public static IReadOnlyList<DiagnosticDescriptor> AnalyzerOnly => new[] { UnstableForm };

        public static DiagnosticDescriptor Get(string id) => ById[id];
    }
}
