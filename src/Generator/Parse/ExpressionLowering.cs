using System.Collections.Generic;
using System.Linq;
using System.Text;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Parse
{
    internal sealed partial class BodyLowering
    {
        /// <summary>The expression's type; for a collection expression <c>[a, b]</c>, which has none of its own, the type it converts to.</summary>
        private Ty TypeOf(ExpressionSyntax syntax)
        {
            var info = _model.GetTypeInfo(syntax);
            return TypeMapper.Map(syntax is CollectionExpressionSyntax ? info.Type ?? info.ConvertedType : info.Type);
        }

        private Expr LowerExpr(ExpressionSyntax syntax)
        {
            if (syntax.IsKind(SyntaxKind.PointerMemberAccessExpression) || syntax.IsKind(SyntaxKind.AddressOfExpression)
                || syntax.IsKind(SyntaxKind.PointerIndirectionExpression) || _model.GetTypeInfo(syntax).Type is IPointerTypeSymbol)
                return Unsupported(Descriptors.UnsupportedExpression, syntax, "Pointer code", "use arrays or spans");
            if (_model.GetTypeInfo(syntax).Type is { TypeKind: TypeKind.Dynamic })
                return Unsupported(Descriptors.UnsupportedExpression, syntax, "'dynamic'", "use a statically typed double or array");
            switch (syntax)
            {
                case ParenthesizedExpressionSyntax p:
                    return LowerExpr(p.Expression);
                case LiteralExpressionSyntax literal:
                    return new Lit(literal.Token.Text, TypeOf(literal));
                case IdentifierNameSyntax identifier:
                    return LowerIdentifier(identifier);
                // The length of a row of a local jagged array: JaggedLocals reads it from the row lengths it records.
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length", Expression: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax rows } row }
                    when _model.GetSymbolInfo(rows).Symbol is ILocalSymbol && TypeOf(rows) is { Shape: Shape.Jagged, IsFloating: true }:
                    return new Opaque("{0}.Length", EquatableArray.Create(LowerExpr(row)), Ty.Int);
                case MemberAccessExpressionSyntax:
                case ThisExpressionSyntax:
                case ObjectCreationExpressionSyntax:
                case ImplicitObjectCreationExpressionSyntax:
                case InterpolatedStringExpressionSyntax:
                case TypeOfExpressionSyntax:
                case DefaultExpressionSyntax:
                case IsPatternExpressionSyntax:
                    return LowerPassive(syntax);
                case ElementAccessExpressionSyntax element:
                    return LowerElementAccess(element);
                case BinaryExpressionSyntax binary:
                    return LowerBinary(binary);
                case PrefixUnaryExpressionSyntax prefix:
                    if (prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression))
                        return HoistIncrement(prefix, prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression), postfix: false)
                            ?? Unsupported(Descriptors.EmbeddedAssignment, prefix, OneLine(prefix));
                    return new Unary(prefix.OperatorToken.Text, LowerExpr(prefix.Operand), TypeOf(prefix));
                case PostfixUnaryExpressionSyntax postfix:
                    if (postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression)) return LowerExpr(postfix.Operand);
                    return HoistIncrement(postfix, postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression), postfix: true)
                        ?? Unsupported(Descriptors.EmbeddedAssignment, postfix, OneLine(postfix));
                case AssignmentExpressionSyntax assignment:
                    return Unsupported(Descriptors.EmbeddedAssignment, assignment, OneLine(assignment));
                case ConditionalExpressionSyntax conditional:
                    return new Cond(LowerExpr(conditional.Condition), LowerExpr(conditional.WhenTrue), LowerExpr(conditional.WhenFalse), TypeOf(conditional));
                case CastExpressionSyntax cast:
                    return LowerCast(cast);
                case InvocationExpressionSyntax invocation:
                    return LowerInvocation(invocation);
                case ArrayCreationExpressionSyntax creation:
                    return LowerArrayCreation(creation, creation.Type.RankSpecifiers, creation.Initializer, stackAlloc: false);
                case StackAllocArrayCreationExpressionSyntax stackAlloc when stackAlloc.Type is ArrayTypeSyntax arrayType:
                    return LowerArrayCreation(stackAlloc, arrayType.RankSpecifiers, stackAlloc.Initializer, stackAlloc: true);
                case SimpleLambdaExpressionSyntax:
                case ParenthesizedLambdaExpressionSyntax:
                case AnonymousMethodExpressionSyntax:
                    return Unsupported(Descriptors.UnsupportedExpression, syntax, "A lambda", "write the computation inline, or as a [Differentiable] method");
                case QueryExpressionSyntax:
                    return Unsupported(Descriptors.UnsupportedExpression, syntax, "A LINQ query", LinqFix);
                case CheckedExpressionSyntax checkedExpression:
                    return LowerExpr(checkedExpression.Expression);
                case ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax when TypeOf(syntax).IsFloating:
                    return HoistInitializedArray(syntax)
                        ?? Unsupported(Descriptors.UnsupportedExpression, syntax, "An array initializer here", "declare it as a local first (double[] w = { … };) and use the local");
                case InitializerExpressionSyntax initializer when TypeMapper.Map(_model.GetTypeInfo(initializer).ConvertedType) is { IsFloating: true, IsArrayLike: true }:
                    // One-dimensional initializers of locals are lowered by the declaration.
                    return Unsupported(Descriptors.UnsupportedExpression, initializer, "An array initializer of a double[,] or double[][]",
                        "create a double[,] with new double[m, n] and assign its elements; for rows of different lengths use a flat double[] with computed indices");
                case SwitchExpressionSyntax switchExpression:
                    return LowerSwitchExpression(switchExpression);
                default:
                    var type = TypeOf(syntax);
                    if (type.IsFloating)
                        return Unsupported(Descriptors.UnsupportedExpression, syntax, "'" + OneLine(syntax) + "'", "rewrite it with arithmetic, Math functions, ?: and calls to [Differentiable] methods");
                    return LowerPassive(syntax);
            }
        }

        /// <summary>
        /// <c>a[k++] = e</c>: an integer counter advanced inside an expression becomes its own
        /// statement before this one (the expression reads the old value from a temporary), when
        /// nothing else in the statement reads the counter and the increment is not conditional,
        /// so the order of evaluation cannot tell. Otherwise null (the caller reports GG0016).
        /// </summary>
        private Expr? HoistIncrement(ExpressionSyntax node, ExpressionSyntax operand, bool increment, bool postfix)
        {
            if (_pre is null || _hoistScope is null || operand is not IdentifierNameSyntax identifier) return null;
            var symbol = _model.GetSymbolInfo(identifier).Symbol;
            var type = TypeOf(operand);
            if (!(symbol is ILocalSymbol || symbol is IParameterSymbol) || !(type.Scalar == ScalarKind.Int || type.Scalar == ScalarKind.Long) || !type.IsScalar) return null;
            int uses = _hoistScope.DescendantNodes().OfType<IdentifierNameSyntax>().Count(n => SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n).Symbol, symbol));
            if (uses != 1) return null;
            for (SyntaxNode? n = node; n is not null && n != _hoistScope; n = n.Parent)
            {
                if (n.Parent is ConditionalExpressionSyntax c && n != c.Condition) return null;
                if (n.Parent is BinaryExpressionSyntax b && n == b.Right && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression) || b.IsKind(SyntaxKind.CoalesceExpression))) return null;
            }
            if (symbol is IParameterSymbol) _writtenParameters[symbol.Name] = (LocationInfo.From(node), "Advancing '" + symbol.Name + "'");
            var variable = LowerIdentifier(identifier);
            string source = OneLine(node) + ";";
            if (postfix)
            {
                string old = FreshLocalName(symbol.Name + "Before");
                _pre.Add(new LocalDecl(old, type, variable, source));
                _pre.Add(new Assign(variable, increment ? "+=" : "-=", new Lit("1", Ty.Int), source));
                return new VarRef(old, type);
            }
            _pre.Add(new Assign(variable, increment ? "+=" : "-=", new Lit("1", Ty.Int), source));
            return variable;
        }

        private Expr Unsupported(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args)
        {
            Report(descriptor, node, args);
            var type = node is ExpressionSyntax e ? TypeOf(e) : node is ArgumentSyntax a ? TypeOf(a.Expression) : new Ty("object", ScalarKind.Other, Shape.Scalar);
            return new Lit("default", type);
        }

        private Expr LowerIdentifier(IdentifierNameSyntax identifier)
        {
            var symbol = _model.GetSymbolInfo(identifier).Symbol;
            var type = TypeOf(identifier);
            switch (symbol)
            {
                case ILocalSymbol local:
                    return new VarRef(LocalName(local), type);
                case IParameterSymbol parameter when _inlinedParameters.TryGetValue(parameter, out var argument):
                    return argument;
                case IParameterSymbol parameter:
                    return new VarRef(NameAllocator.Identifier(parameter.Name), type);
                default:
                    return LowerPassive(identifier);
            }
        }

        private Expr LowerElementAccess(ElementAccessExpressionSyntax element)
        {
            var targetType = TypeOf(element.Expression);
            if (!targetType.IsArrayLike) return LowerPassive(element);
            var arguments = element.ArgumentList.Arguments;
            if (arguments.Count == 1 && arguments[0].Expression is RangeExpressionSyntax && targetType.IsFloating && IsOneDimensional(targetType))
                return LowerView(element) ?? LowerPassive(element);
            if (arguments.Count == 1 && arguments[0].Expression is PrefixUnaryExpressionSyntax fromEnd && fromEnd.IsKind(SyntaxKind.IndexExpression)
                && IsOneDimensional(targetType) && IsInt(fromEnd.Operand))
            {
                // w[^k] is w[w.Length - k].
                var array = LowerExpr(element.Expression);
                return Index(array, new Binary("-", LengthOf(array), LowerExpr(fromEnd.Operand), Ty.Int), TypeOf(element));
            }
            var target = LowerExpr(element.Expression);
            var indices = arguments.Select(a => LowerExpr(a.Expression)).ToEquatableArray();
            var type = TypeOf(element);
            foreach (var a in arguments)
            {
                if (a.Expression is RangeExpressionSyntax || (a.Expression is PrefixUnaryExpressionSyntax u && u.IsKind(SyntaxKind.IndexExpression)))
                    return Unsupported(Descriptors.UnsupportedExpression, a, "A range or from-end index", "index with int expressions");
            }
            if (target is SliceRef slice && indices.Count == 1) return slice.Element(indices[0], type);
            return new ElemRef(target, indices, type);
        }

        private static Expr Index(Expr target, Expr index, Ty type)
            => target is SliceRef slice ? slice.Element(index, type) : new ElemRef(target, EquatableArray.Create(index), type);

        private Expr LowerBinary(BinaryExpressionSyntax binary)
        {
            var type = TypeOf(binary);
            string op = binary.OperatorToken.Text;
            if (binary.IsKind(SyntaxKind.AsExpression) || binary.IsKind(SyntaxKind.IsExpression) || binary.IsKind(SyntaxKind.CoalesceExpression))
                return type.IsFloating
                    ? Unsupported(Descriptors.UnsupportedExpression, binary, "'" + op + "'", "use ordinary arithmetic")
                    : LowerPassive(binary);
            var left = LowerExpr(binary.Left);
            var right = LowerExpr(binary.Right);
            return new Binary(op, left, right, type);
        }

        private Expr LowerCast(CastExpressionSyntax cast)
        {
            var type = TypeOf(cast);
            var operand = LowerExpr(cast.Expression);
            if (operand.Type.IsFloating && operand.Type.IsScalar && !type.IsFloating && type.IsScalar)
                return new Cutoff(new Cast(operand, type), "The cast to '" + type.Name + "'", LocationInfo.From(cast), type);
            return new Cast(operand, type);
        }

        private Expr LowerArrayCreation(ExpressionSyntax creation, SyntaxList<ArrayRankSpecifierSyntax> ranks, InitializerExpressionSyntax? initializer, bool stackAlloc)
        {
            var type = TypeOf(creation);
            // new double[n][]: rows come later (JaggedLocals flattens it).
            if (type.IsFloating && type.Shape == Shape.Jagged && initializer is null && !stackAlloc && ranks.Count == 2 && ranks[0].Sizes.Count == 1
                && ranks[0].Sizes[0] is not OmittedArraySizeExpressionSyntax && ranks[1].Sizes.All(x => x is OmittedArraySizeExpressionSyntax))
                return new NewArray(EquatableArray.Create(LowerExpr(ranks[0].Sizes[0])), false, type);
            if (type.IsFloating && (type.Shape == Shape.Jagged || ranks.Count > 1))
                return Unsupported(Descriptors.UnsupportedExpression, creation, "A local jagged array created this way", "create it with new double[n][] and allocate each row with new double[k] (acts[l] = new double[width[l]];) before using its elements");
            if (initializer is not null || ranks.Count != 1 || ranks[0].Sizes.Any(s => s is OmittedArraySizeExpressionSyntax))
            {
                if (!type.IsFloating) return LowerPassive(creation);
                return HoistInitializedArray(creation)
                    ?? Unsupported(Descriptors.UnsupportedExpression, creation, "An array initializer here",
                        type.Shape == Shape.Array ? "declare it as a local first (double[] w = { … };) and use the local" : "create the array with new double[m, n] and assign its elements");
            }
            if (!type.IsFloating) return LowerPassive(creation);
            return new NewArray(ranks[0].Sizes.Select(LowerExpr).ToEquatableArray(), stackAlloc, type);
        }

        private Expr LowerInvocation(InvocationExpressionSyntax invocation)
        {
            var type = TypeOf(invocation);
            if (_model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
                return type.IsFloating
                    ? Unsupported(Descriptors.UnsupportedExpression, invocation, "The call '" + OneLine(invocation.Expression) + "'", "call a method GradGen can resolve")
                    : LowerPassive(invocation);

            if (IsLinq(method))
                return Unsupported(Descriptors.UnsupportedExpression, invocation, "The LINQ call '" + OneLine(invocation) + "'", LinqFix);
            // A view of a local or parameter array (a view of constant data stays an ordinary call).
            if (type.IsFloating && IsOneDimensional(type) && IsViewMethod(invocation) && LowerView(invocation) is { } view)
                return view;
            // Shapes are int constants: a.GetLength(0) reads no element of a.
            if (method.Name is "GetLength" or "GetLowerBound" or "GetUpperBound" && method.ContainingType.SpecialType == SpecialType.System_Array)
                return LowerPassive(invocation);
            if (method.MethodKind == MethodKind.LocalFunction)
                return InlineLocalFunction(invocation, method);

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (!argument.RefKindKeyword.IsKind(SyntaxKind.None))
                    return Unsupported(Descriptors.UnsupportedExpression, argument, "A ref/out/in argument", "pass values and return results");
            }
            // Arguments in parameter order (named arguments may come in any order), defaults filled in:
            // derivative templates and Pullback calls are positional.
            var args = ArgumentsByParameter(invocation, method);
            if (args is null) return LowerUnknownCall(invocation, method, type);
            if (KnownDerivatives.IsStepFunction(method) && args.Count >= 1)
                return new Cutoff(LowerUnknownCall(invocation, method, type), "'" + method.ContainingType.Name + "." + method.Name + "'", LocationInfo.From(invocation), type);

            string? templateError = null;
            var partials = KnownDerivatives.ForMath(method) ?? KnownDerivatives.FromAttribute(method, out templateError);
            if (templateError is not null)
                return Unsupported(Descriptors.UnsupportedExpression, invocation, "The [Derivative] template " + templateError,
                    "write each template as a C# expression that refers to the arguments by their positions in braces and to the result as {r}");
            if (partials is not null)
            {
                string name = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name;
                return new ElemCall(name, args.ToEquatableArray(), partials.ToEquatableArray(), type);
            }

            if (IsDifferentiableCallee(method))
            {
                NoteOutputArguments(invocation, method);
                return LowerDifferentiableCall(invocation, method, args, type);
            }
            return LowerUnknownCall(invocation, method, type);
        }

        private const string LinqFix = "write it as a for loop over the elements";

        /// <summary>System.Linq's operators (Enumerable, Queryable, ParallelEnumerable, …): their lambdas hide the computation.</summary>
        private static bool IsLinq(IMethodSymbol method)
            => method.ContainingNamespace?.ToDisplayString() == "System.Linq";

        /// <summary>
        /// A vector-valued [Differentiable] callee writes its Span outputs: an argument there is a
        /// write to whatever it aliases (an output of ours, an input, or state).
        /// </summary>
        private void NoteOutputArguments(InvocationExpressionSyntax invocation, IMethodSymbol method)
        {
            if (!method.ReturnsVoid) return;
            var arguments = invocation.ArgumentList.Arguments;
            for (int i = 0; i < arguments.Count && i < method.Parameters.Length; i++)
            {
                var ty = TypeMapper.Map(method.Parameters[i].Type);
                if (!(ty.Shape == Shape.Span && ty.IsFloating)) continue;
                var expression = arguments[i].Expression;
                string what = "Passing '" + OneLine(expression) + "' as the output '" + method.Parameters[i].Name + "' of '" + method.Name + "'";
                var root = expression;
                while (root is ParenthesizedExpressionSyntax p) root = p.Expression;
                var symbol = _model.GetSymbolInfo(root).Symbol;
                if (symbol is IParameterSymbol parameter)
                {
                    if (!_writtenParameters.ContainsKey(parameter.Name)) _writtenParameters[parameter.Name] = (LocationInfo.From(expression), what);
                }
                else if (AliasRoot(expression) is { } aliased)
                {
                    if (aliased is IParameterSymbol aliasedParameter)
                        _aliasWrites.Add((aliasedParameter.Name, LocationInfo.From(expression), what));
                    else
                        Report(Descriptors.WriteToState, expression, OneLine(expression), StateKind(aliased) + " (written as the output '" + method.Parameters[i].Name + "' of '" + method.Name + "')");
                }
            }
        }

        /// <summary>The lowered arguments in the callee's parameter order, or null for a call GradGen cannot map (params arrays).</summary>
        private List<Expr>? ArgumentsByParameter(InvocationExpressionSyntax invocation, IMethodSymbol method)
        {
            var byParameter = new Expr?[method.Parameters.Length];
            var arguments = invocation.ArgumentList.Arguments;
            for (int i = 0; i < arguments.Count; i++)
            {
                int ordinal = i;
                if (arguments[i].NameColon is { } name)
                {
                    ordinal = -1;
                    for (int k = 0; k < method.Parameters.Length; k++)
                        if (method.Parameters[k].Name == name.Name.Identifier.ValueText) ordinal = k;
                }
                if (ordinal < 0 || ordinal >= byParameter.Length || byParameter[ordinal] is not null || method.Parameters[ordinal].IsParams) return null;
                byParameter[ordinal] = LowerExpr(arguments[i].Expression);
            }
            var result = new List<Expr>();
            for (int i = 0; i < byParameter.Length; i++)
            {
                var p = method.Parameters[i];
                if (byParameter[i] is { } given) result.Add(given);
                else if (p.HasExplicitDefaultValue) result.Add(new Lit(DefaultValueText(p), TypeMapper.Map(p.Type)));
                else return null;
            }
            return result;
        }

        /// <summary>
        /// A left-out default value as C# source: "R" text with ".0" only where it would otherwise
        /// read as an integer (1e20 is "1E+20"), non-finite values by name, anything else as Roslyn
        /// prints a constant (strings and chars quoted).
        /// </summary>
        private static string DefaultValueText(IParameterSymbol parameter)
        {
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            return parameter.ExplicitDefaultValue switch
            {
                double d when double.IsNaN(d) => "double.NaN",
                double d when double.IsInfinity(d) => d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity",
                double d => d.ToString("R", invariant) is var text && text.IndexOf('.') < 0 && text.IndexOf('E') < 0 ? text + ".0" : text,
                float f when float.IsNaN(f) => "float.NaN",
                float f when float.IsInfinity(f) => f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity",
                float f => f.ToString("R", invariant) + "f",
                null => "default",
                var value => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) ?? "default",
            };
        }

        internal static bool IsDifferentiableCallee(IMethodSymbol method)
            => method.GetAttributes().Any(a =>
            {
                string? name = a.AttributeClass?.ToDisplayString();
                return name == MethodParser.DifferentiableAttributeName || name == "GradGen.CustomPullbackAttribute";
            });

        private Expr LowerDifferentiableCall(InvocationExpressionSyntax invocation, IMethodSymbol method, List<Expr> args, Ty type)
        {
            // The callee's wrt set is read from its attribute: the same rule that decided its Pullback's signature.
            HashSet<string>? wrt = null;
            var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == MethodParser.DifferentiableAttributeName);
            if (attribute is not null && attribute.ConstructorArguments.Length == 1)
            {
                var arg = attribute.ConstructorArguments[0];
                var names = arg.Kind == TypedConstantKind.Array ? (arg.IsNull ? Enumerable.Empty<string?>() : arg.Values.Select(v => v.Value as string)) : new[] { arg.Value as string };
                wrt = new HashSet<string>(names.Where(n => n is not null)!);
                if (wrt.Count == 0) wrt = null;
            }
            var parameters = method.Parameters.Select(p =>
            {
                var ty = TypeMapper.Map(p.Type);
                bool isOutput = method.ReturnsVoid && ty.Shape == Shape.Span && ty.IsFloating;
                return new CalleeParam(p.Name, ty, !isOutput && ty.IsDifferentiable && (wrt is null || wrt.Contains(p.Name)));
            }).ToEquatableArray();

            Expr? receiver = null;
            string primal;
            if (method.IsStatic)
            {
                primal = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name;
            }
            else if (invocation.Expression is MemberAccessExpressionSyntax access && !(access.Expression is ThisExpressionSyntax))
            {
                receiver = LowerExpr(access.Expression);
                primal = method.Name;
            }
            else
            {
                primal = "this." + method.Name;
            }
            for (int i = 0; i < args.Count && i < parameters.Count; i++)
            {
                // An output is written whole by the callee; a view of a local array there is not modelled.
                if (args[i] is SliceRef && method.ReturnsVoid && parameters[i].Type.Shape == Shape.Span && parameters[i].Type.IsFloating)
                    return Unsupported(Descriptors.UnsupportedExpression, invocation, "Passing a view as the output '" + parameters[i].Name + "' of '" + method.Name + "'",
                        "pass a whole local array as the output, then copy the part you need (y.CopyTo(u.AsSpan(k)))");
            }
            var callee = new CalleeSpec(primal, primal + "Pullback", method.IsStatic, parameters, TypeMapper.Map(method.ReturnType));
            return new DiffCall(callee, receiver, args.ToEquatableArray(), type) { Location = LocationInfo.From(invocation) };
        }

        private Expr LowerUnknownCall(InvocationExpressionSyntax invocation, IMethodSymbol method, Ty type)
        {
            var (format, args) = Holes(invocation);
            return new UnknownCall(format, args, type, method.ContainingType.Name + "." + method.Name, LocationInfo.From(invocation)) { Fix = NoDerivativeFix(method) };
        }

        /// <summary>
        /// GG0008's suggestion. Only a method whose source is in this compilation can be marked
        /// [Differentiable]; for a library method say what to write instead.
        /// </summary>
        private static string NoDerivativeFix(IMethodSymbol method)
        {
            string name = method.ContainingType.Name + "." + method.Name;
            const string Constants = "or compute this value from constants only";
            if ((method.ReducedFrom ?? method).OriginalDefinition.Locations.Any(l => l.IsInSource))
                return "mark '" + name + "' [Differentiable], declare its partials with [Derivative], " + Constants;
            switch (method.Name)
            {
                case "AsSpan" or "Slice" or "AsMemory":
                    return "views of a local or parameter array are supported with int bounds: w.AsSpan(start, length), s.Slice(start, length), w[a..b], w[^k]";
                case "Clear" or "Fill":
                    return "write an element loop (for (int i = 0; i < a.Length; i++) a[i] = value;)";
                case "CopyTo" or "Copy" or "Clone" or "ToArray":
                    return "copy between local or parameter arrays with x.CopyTo(u), Array.Copy or (double[])x.Clone(), or write an element loop";
            }
            string? math = KnownDerivatives.MathEquivalent(method);
            if (math is not null)
                return "call " + math + " instead (it has the same meaning and a known derivative), " + Constants;
            return "'" + name + "' is not declared in this project's source, so it cannot be marked [Differentiable] here: write the computation with arithmetic and Math (or GradGen.GradMath) functions, "
                + "or wrap the call in a method of this project that declares its partials with [Derivative] (or its pullback with [CustomPullback]), " + Constants;
        }

        /// <summary>
        /// A constant-valued expression kept as text, with every local or parameter it reads turned
        /// into a hole so that renamed locals print right and the reverse sweep knows what it reads.
        /// </summary>
        private Expr LowerPassive(ExpressionSyntax syntax)
        {
            var (format, args) = Holes(syntax);
            var type = TypeOf(syntax);
            foreach (var node in syntax.DescendantNodesAndSelf())
            {
                if (node is QueryExpressionSyntax)
                    return Unsupported(Descriptors.UnsupportedExpression, node, "A LINQ query", LinqFix);
                if (node is InvocationExpressionSyntax call && _model.GetSymbolInfo(call).Symbol is IMethodSymbol callee && IsLinq(callee))
                    return Unsupported(Descriptors.UnsupportedExpression, node, "The LINQ call '" + OneLine(node) + "'", LinqFix);
                if (node is ExpressionSyntax inner && _model.GetTypeInfo(inner).Type is { TypeKind: TypeKind.Dynamic })
                    return Unsupported(Descriptors.UnsupportedExpression, node, "'dynamic'", "use a statically typed double or array");
                if (node is SimpleLambdaExpressionSyntax || node is ParenthesizedLambdaExpressionSyntax || node is AnonymousMethodExpressionSyntax)
                    return Unsupported(Descriptors.UnsupportedExpression, node, "A lambda", "write the computation inline, or as a [Differentiable] method");
                if (node is AssignmentExpressionSyntax || (node is PostfixUnaryExpressionSyntax pu && !pu.IsKind(SyntaxKind.SuppressNullableWarningExpression))
                    || (node is PrefixUnaryExpressionSyntax pr && (pr.IsKind(SyntaxKind.PreIncrementExpression) || pr.IsKind(SyntaxKind.PreDecrementExpression))))
                    return Unsupported(Descriptors.EmbeddedAssignment, node, OneLine(node));
            }
            return new Opaque(format, args, type) { Location = LocationInfo.From(syntax) };
        }

        private (string Format, EquatableArray<Expr> Args) Holes(ExpressionSyntax syntax, IdentifierNameSyntax? plain = null)
        {
            var text = new StringBuilder();
            var args = new List<Expr>();
            int start = syntax.SpanStart;
            string source = syntax.ToString();
            int cursor = 0;
            foreach (var identifier in syntax.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (identifier.SpanStart - start < cursor) continue;
                var symbol = _model.GetSymbolInfo(identifier).Symbol;
                if (!(symbol is ILocalSymbol || symbol is IParameterSymbol)) continue;
                if (identifier.Parent is MemberAccessExpressionSyntax ma && ma.Name == identifier) continue;

                var (hole, arg) = identifier == plain ? (identifier, LowerIdentifier(identifier)) : HoleFor(identifier, syntax);
                int offset = hole.SpanStart - start;
                AppendEscaped(text, source.Substring(cursor, offset - cursor));
                text.Append('{').Append(args.Count).Append('}');
                args.Add(arg);
                cursor = offset + hole.Span.Length;
            }
            AppendEscaped(text, source.Substring(cursor));
            return (text.ToString(), args.ToEquatableArray());
        }

        /// <summary>
        /// The hole for a variable read inside an opaque expression: the variable itself, or, for
        /// <c>xs.Length</c> and <c>w.GetLength(0)</c>, the whole non-floating fact about it, so that
        /// a call like <c>Foo(w.Length)</c> does not count as reading w's values.
        /// </summary>
        private (SyntaxNode Hole, Expr Arg) HoleFor(IdentifierNameSyntax identifier, ExpressionSyntax whole)
        {
            if (identifier.Parent is MemberAccessExpressionSyntax receiver && receiver.Expression == identifier)
            {
                var fact = receiver.Parent is InvocationExpressionSyntax invoked && invoked.Expression == receiver ? (ExpressionSyntax)invoked : receiver;
                var factType = TypeOf(fact);
                if (fact != whole && factType.IsScalar && !factType.IsFloating && factType.Scalar != ScalarKind.Other)
                {
                    var (format, args) = Holes(fact, identifier);
                    return (fact, new Opaque(format, args, factType));
                }
            }
            return (identifier, LowerIdentifier(identifier));
        }

        private static void AppendEscaped(StringBuilder text, string s)
        {
            foreach (char c in s)
            {
                if (c == '{' || c == '}') text.Append(c);
                text.Append(c);
            }
        }
    }
}
