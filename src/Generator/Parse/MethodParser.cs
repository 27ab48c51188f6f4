using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Parse
{
    /// <summary>The parse stage's output for one method: the IR, or the reasons there is none.</summary>
    public sealed record ParseResult(MethodSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, string MethodName)
    {
        /// <summary>The method has C# errors: nothing is reported or generated until they are fixed.</summary>
        public bool HasCompilerErrors { get; init; }
    }

    /// <summary>
    /// Parse stage: checks a [Differentiable] method's declaration and lowers its body to the IR.
    /// Shared by the generator and the analyzer, so the IDE shows exactly what the build reports.
    /// </summary>
    public static class MethodParser
    {
        public const string DifferentiableAttributeName = "GradGen.DifferentiableAttribute";

        public static ParseResult Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            string methodName = method.Name;

            // While the method does not compile, the compiler's error is the real problem: report
            // nothing of ours (never blame Math.Sin for a missing argument) and generate nothing.
            if (HasCompilerErrors(syntax, model, cancellationToken))
                return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty, methodName) { HasCompilerErrors = true };

            var identifier = LocationInfo.From(syntax.Identifier.GetLocation(), syntax);
            CheckContainingTypes(syntax, method, diagnostics);
            if (method.IsGenericMethod)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.GenericMethod, syntax.TypeParameterList is { } typeParameters ? LocationInfo.From(typeParameters, syntax) : identifier, methodName));
            else if (ContainingTypes(method).Any(t => t.IsGenericType))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.GenericMethod, identifier, methodName));
            var asyncKeyword = syntax.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.AsyncKeyword));
            if (asyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethodKind, LocationInfo.From(asyncKeyword.GetLocation(), syntax), methodName, "async"));
            var firstYield = OwnNodes(syntax).OfType<YieldStatementSyntax>().FirstOrDefault();
            if (firstYield is not null)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethodKind, LocationInfo.From(YieldKeywords(firstYield), syntax), methodName, "an iterator"));
            if (syntax.Body is null && syntax.ExpressionBody is null)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethodKind, identifier, methodName,
                    "abstract, partial or extern (it has no body; put [Differentiable] on the declaration that has the body)"));

            for (int i = 0; i < method.Parameters.Length; i++)
            {
                var p = method.Parameters[i];
                if (p.RefKind == RefKind.None) continue;
                string kind = p.RefKind switch
                {
                    RefKind.Ref => "ref",
                    RefKind.Out => "out",
                    RefKind.In => "in",
                    _ => "ref readonly",
                };
                var where = i < syntax.ParameterList.Parameters.Count
                    ? LocationInfo.From(syntax.ParameterList.Parameters[i], syntax)
                    : LocationInfo.From(p.Locations.FirstOrDefault(), syntax);
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedParameterModifier, where, p.Name, kind));
            }

            var returnType = TypeMapper.Map(method.ReturnType);
            bool isVector = method.ReturnsVoid;
            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturn, LocationInfo.From(syntax.ReturnType, syntax), methodName, "by reference"));
            else if (!isVector && !(returnType.IsFloating && returnType.IsScalar))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturn, LocationInfo.From(syntax.ReturnType, syntax), methodName, "'" + method.ReturnType.ToDisplayString() + "'"));

            var wrtNames = ReadWrt(method, syntax, diagnostics, cancellationToken);
            CheckNameCollisions(method, syntax, isVector, diagnostics);

            if (diagnostics.Any(d => d.IsError))
                return new ParseResult(null, diagnostics.ToEquatableArray(), methodName);

            cancellationToken.ThrowIfCancellationRequested();
            var lowering = new BodyLowering(model, method, diagnostics, cancellationToken);
            var body = lowering.LowerBody(syntax);

            // Parameters: a Span the body writes is an output of a vector-valued method; inputs are never written.
            var written = lowering.WrittenParameters;
            var parameters = new List<ParamSpec>();
            var signature = ParameterSignatures.Read(method, syntax);
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                var p = method.Parameters[i];
                var ty = TypeMapper.Map(p.Type);
                bool isOutput = isVector && ty.Shape == Shape.Span && ty.IsFloating && written.Contains(p.Name);
                bool explicitWrt = wrtNames is not null && wrtNames.Contains(p.Name);
                bool isWrt = !isOutput && ty.IsDifferentiable && (wrtNames is null || explicitWrt);
                var (typeText, defaultValue, documentation) = signature[i];
                parameters.Add(new ParamSpec(NameAllocator.Identifier(p.Name), ty, isWrt, isOutput, typeText, defaultValue, documentation));
            }
            foreach (var name in written)
            {
                var p = parameters.FirstOrDefault(x => x.Name == NameAllocator.Identifier(name));
                if (p is not null && !p.IsOutput && p.Type.IsArrayLike)
                {
                    var (where, what) = lowering.WriteLocation(name);
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.WriteToInput, where, what, name));
                }
            }
            foreach (var (name, where, what) in lowering.AliasWrites)
            {
                var p = parameters.FirstOrDefault(x => x.Name == NameAllocator.Identifier(name));
                if (p is null) continue;
                if (p.IsOutput)
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedExpression, where, what + " (an alias of the output '" + name + "')", "write the elements of '" + name + "' directly"));
                else
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.WriteToInput, where, what, name));
            }

            if (!parameters.Any(p => p.IsWrt))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NothingToDifferentiate, LocationInfo.From(syntax.Identifier.GetLocation(), syntax), methodName));
            if (isVector && !parameters.Any(p => p.IsOutput))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturn, LocationInfo.From(syntax.ReturnType, syntax), methodName, "void but writes no Span<double> parameter"));

            if (diagnostics.Any(d => d.IsError))
                return new ParseResult(null, diagnostics.ToEquatableArray(), methodName);

            var types = ContainingTypes(method).Reverse().Select(t => new TypeDeclSpec(TypeKeyword(t), NameAllocator.Identifier(t.Name), "partial")).ToEquatableArray();
            string? ns = method.ContainingNamespace is { IsGlobalNamespace: false } n ? NamespaceText(n) : null;
            string typePath = string.Join(".", ContainingTypes(method).Reverse().Select(t => t.Name));

            var spec = new MethodSpec(
                methodName,
                ns,
                types,
                CollectUsings(syntax),
                AccessibilityText(method.DeclaredAccessibility),
                method.IsStatic,
                returnType,
                parameters.ToEquatableArray(),
                body.ToEquatableArray(),
                lowering.ReservedNames.OrderBy(x => x, StringComparer.Ordinal).ToEquatableArray(),
                method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                HintName(method, typePath),
                LocationInfo.From(syntax.Identifier.GetLocation(), syntax))
            {
                Key = MethodKey(method),
                Callees = SourceCallees(syntax, model, cancellationToken),
            };
            return new ParseResult(spec, diagnostics.ToEquatableArray(), methodName);
        }

        /// <summary>
        /// GG0006 for [Differentiable] on a declaration that is not an ordinary method (a local
        /// function, an operator, a constructor, an accessor), at the attribute.
        /// </summary>
        public static DiagnosticInfo UnsupportedTarget(IMethodSymbol method, SyntaxNode declaration)
        {
            string kind = declaration switch
            {
                LocalFunctionStatementSyntax => "a local function",
                OperatorDeclarationSyntax => "an operator",
                ConversionOperatorDeclarationSyntax => "a conversion operator",
                ConstructorDeclarationSyntax => "a constructor",
                DestructorDeclarationSyntax => "a finalizer",
                AccessorDeclarationSyntax => "an accessor",
                _ => "not an ordinary method",
            };
            string name = declaration switch
            {
                LocalFunctionStatementSyntax f => f.Identifier.ValueText,
                _ => method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            };
            var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName);
            var where = attribute?.ApplicationSyntaxReference is { } reference && reference.SyntaxTree == declaration.SyntaxTree
                ? LocationInfo.From(Location.Create(reference.SyntaxTree, reference.Span), declaration)
                : LocationInfo.From(declaration.GetLocation(), declaration);
            return DiagnosticInfo.Create(Descriptors.UnsupportedMethodKind, where, name, kind);
        }

        private static string HintName(IMethodSymbol method, string typePath)
        {
            // Overloads share a name: tell their files apart by arity, and overloads of one arity
            // (F(double), F(float)) by their order in the type; a hint name must be unique.
            var overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
                .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName))
                .ToList();
            string suffix = overloads.Count > 1 ? "_" + method.Parameters.Length : "";
            var sameArity = overloads.Where(m => m.Parameters.Length == method.Parameters.Length).ToList();
            if (sameArity.Count > 1)
            {
                int index = sameArity.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, method));
                suffix += "_" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return typePath + "." + method.Name + suffix + ".g.cs";
        }

        internal static IEnumerable<INamedTypeSymbol> ContainingTypes(ISymbol symbol)
        {
            for (var t = symbol.ContainingType; t is not null; t = t.ContainingType) yield return t;
        }

        /// <summary>
        /// Errors of the declaration and its body (syntax, binding, flow); warnings promoted by
        /// /warnaserror do not count, they do not stop the compiler from understanding the code.
        /// </summary>
        private static bool HasCompilerErrors(MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        {
            if (syntax.ContainsDiagnostics && syntax.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) return true;
            foreach (var d in model.GetDiagnostics(syntax.Span, cancellationToken))
            {
                if (d.Severity == DiagnosticSeverity.Error && !d.IsWarningAsError) return true;
            }
            return false;
        }

        private static void CheckContainingTypes(MethodDeclarationSyntax syntax, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
        {
            foreach (var type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
            {
                // A file-local type cannot be re-opened from the generated file (it would be another type).
                if (type.Modifiers.Any(SyntaxKind.FileKeyword))
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotYetSupported, LocationInfo.From(type.Identifier.GetLocation(), syntax), method.Name,
                        "it is declared in the file-local type '" + type.Identifier.ValueText + "', which the generated file cannot extend; make the type internal"));
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.TypeNotPartial, LocationInfo.From(type.Identifier.GetLocation(), syntax), type.Identifier.Text, method.Name));
            }
        }

        /// <summary>The wrt parameter names, or null when the attribute names none (all differentiable parameters).</summary>
        private static HashSet<string>? ReadWrt(IMethodSymbol method, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var attribute = FindAttribute(method, syntax, cancellationToken);
            if (attribute is null || attribute.ConstructorArguments.Length == 0) return null;
            var arg = attribute.ConstructorArguments[0];
            // [Differentiable(null)] passes a null array, which the attribute treats as empty: every parameter.
            if (arg.Kind == TypedConstantKind.Error || (arg.Kind == TypedConstantKind.Array && arg.IsNull)) return null;
            var names = arg.Kind == TypedConstantKind.Array
                ? arg.Values.Select(v => v.Value as string).ToList()
                : new List<string?> { arg.Value as string };
            if (names.Count == 0) return null;

            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var elements = WrtExpressions(attributeSyntax);
            var result = new HashSet<string>();
            for (int i = 0; i < names.Count; i++)
            {
                string? name = names[i];
                var where = elements.Count == names.Count ? LocationInfo.From(elements[i], syntax)
                    : elements.Count > 0 ? LocationInfo.From(elements[0], syntax)
                    : attributeSyntax is not null ? LocationInfo.From(attributeSyntax, syntax)
                    : LocationInfo.From(syntax.Identifier.GetLocation(), syntax);
                var parameter = method.Parameters.FirstOrDefault(p => p.Name == name);
                if (name is null || parameter is null)
                {
                    string candidates = method.Parameters.Length == 0 ? "it has none" : string.Join(", ", method.Parameters.Select(p => p.Name));
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnknownWrt, where, name ?? "null", method.Name, candidates));
                    continue;
                }
                if (!TypeMapper.Map(parameter.Type).IsDifferentiable)
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrtNotDifferentiable, where, name, parameter.Type.ToDisplayString()));
                else if (elements.Count == names.Count && elements[i].IsKind(SyntaxKind.StringLiteralExpression))
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrtShouldUseNameof, where, name));
                result.Add(name);
            }
            CheckWrtOrder(method, names, attributeSyntax, diagnostics);
            return result;
        }

        /// <summary>
        /// GG0021: the outputs follow the parameters' declaration order, whatever the attribute's order;
        /// a list in another order reads as if <c>out</c> arguments were in its order.
        /// </summary>
        private static void CheckWrtOrder(IMethodSymbol method, List<string?> names, AttributeSyntax? attribute, List<DiagnosticInfo> diagnostics)
        {
            if (attribute is null || names.Count < 2 || names.Distinct().Count() != names.Count) return;
            var ordinals = names.Select(n => method.Parameters.FirstOrDefault(p => p.Name == n)?.Ordinal ?? -1).ToList();
            if (ordinals.Any(o => o < 0)) return;
            if (ordinals.Zip(ordinals.Skip(1), (a, b) => a < b).All(ok => ok)) return;
            var declared = ordinals.OrderBy(o => o).Select(o => method.Parameters[o].Name);
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrtOutOfOrder, LocationInfo.From(attribute), string.Join(", ", names), method.Name, string.Join(", ", declared)));
        }

        /// <summary>The [Differentiable] attribute written on this declaration (the one the generator was triggered by).</summary>
        private static AttributeData? FindAttribute(IMethodSymbol method, MethodDeclarationSyntax syntax, CancellationToken cancellationToken)
        {
            AttributeData? any = null;
            foreach (var a in method.GetAttributes())
            {
                if (a.AttributeClass?.ToDisplayString() != DifferentiableAttributeName) continue;
                any ??= a;
                if (a.ApplicationSyntaxReference is { } reference && reference.SyntaxTree == syntax.SyntaxTree && syntax.Span.Contains(reference.Span))
                    return a;
            }
            return any;
        }

        /// <summary>
        /// One expression per wrt name: the attribute's arguments, or the elements of the single array
        /// (<c>new[] { … }</c>, <c>[ … ]</c>) passed to the params parameter.
        /// </summary>
        public static IReadOnlyList<ExpressionSyntax> WrtExpressions(AttributeSyntax? attribute)
        {
            var arguments = attribute?.ArgumentList?.Arguments;
            if (arguments is not { Count: > 0 } list) return Array.Empty<ExpressionSyntax>();
            if (list.Count == 1)
            {
                switch (list[0].Expression)
                {
                    case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                        return initializer.Expressions;
                    case ImplicitArrayCreationExpressionSyntax implicitArray:
                        return implicitArray.Initializer.Expressions;
                    case CollectionExpressionSyntax collection:
                        return collection.Elements.Select(e => e is ExpressionElementSyntax x ? x.Expression : (ExpressionSyntax)list[0].Expression).ToList();
                }
            }
            return list.Select(a => a.Expression).ToList();
        }

        /// <summary>The nodes of the method itself, not of the lambdas and local functions inside it.</summary>
        private static IEnumerable<SyntaxNode> OwnNodes(MethodDeclarationSyntax syntax)
            => syntax.DescendantNodes(n => !(n is LocalFunctionStatementSyntax || n is AnonymousFunctionExpressionSyntax));

        private static Location YieldKeywords(YieldStatementSyntax statement)
            => Location.Create(statement.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(statement.YieldKeyword.SpanStart, statement.ReturnOrBreakKeyword.Span.End));

        private static void CheckNameCollisions(IMethodSymbol method, MethodDeclarationSyntax syntax, bool isVector, List<DiagnosticInfo> diagnostics)
        {
            var generated = isVector ? new[] { "Pullback", "Jacobian" } : new[] { "Gradient", "Pullback" };
            foreach (var suffix in generated)
            {
                string name = method.Name + suffix;
                foreach (var member in method.ContainingType.GetMembers(name))
                {
                    if (IsGeneratedByUs(member)) continue;
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameCollision, LocationInfo.From(syntax.Identifier.GetLocation(), syntax), method.ContainingType.Name, name, method.Name));
                    break;
                }
            }
        }

        private static bool IsGeneratedByUs(ISymbol member)
            => member.GetAttributes().Any(a =>
                a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
                && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value as string == "GradGen");

        private static EquatableArray<string> CollectUsings(SyntaxNode node)
        {
            // The generated file re-opens the type in a new file: it needs the same usings for the
            // user's own expressions (constants, helper calls) that it copies.
            var usings = new List<string>();
            foreach (var scope in node.Ancestors())
            {
                SyntaxList<UsingDirectiveSyntax> list = scope switch
                {
                    CompilationUnitSyntax cu => cu.Usings,
                    BaseNamespaceDeclarationSyntax ns => ns.Usings,
                    _ => default,
                };
                foreach (var u in list)
                {
                    if (u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) continue;
                    string text = u.WithoutTrivia().ToString();
                    if (!usings.Contains(text)) usings.Add(text);
                }
            }
            return usings.ToEquatableArray();
        }

        internal static string MethodKey(IMethodSymbol method) => method.OriginalDefinition.GetDocumentationCommentId() ?? method.ToDisplayString();

        /// <summary>The [Differentiable] methods declared in this compilation that the body calls, by key.</summary>
        private static EquatableArray<string> SourceCallees(MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        {
            var keys = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var invocation in syntax.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol callee) continue;
                if (!callee.Locations.Any(l => l.IsInSource)) continue;
                if (callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName))
                    keys.Add(MethodKey(callee));
            }
            return keys.ToEquatableArray();
        }

        private static string NamespaceText(INamespaceSymbol ns)
        {
            var parts = new List<string>();
            for (var n = ns; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace) parts.Add(NameAllocator.Identifier(n.Name));
            parts.Reverse();
            return string.Join(".", parts);
        }

        private static string TypeKeyword(INamedTypeSymbol type)
        {
            if (type.IsRecord) return type.IsValueType ? "record struct" : "record";
            return type.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
        }

        private static string AccessibilityText(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };
    }
}
