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
    public sealed record ParseResult(MethodSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, string MethodName);

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

            CheckContainingTypes(syntax, method, diagnostics);
            if (method.IsGenericMethod || ContainingTypes(method).Any(t => t.IsGenericType))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.GenericMethod, LocationInfo.From(syntax.Identifier.GetLocation()), methodName));
            if (method.IsAsync)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethodKind, LocationInfo.From(syntax.Identifier.GetLocation()), methodName, "async"));
            if (syntax.DescendantNodes().OfType<YieldStatementSyntax>().Any())
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethodKind, LocationInfo.From(syntax.Identifier.GetLocation()), methodName, "an iterator"));
            if (syntax.Body is null && syntax.ExpressionBody is null)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethodKind, LocationInfo.From(syntax.Identifier.GetLocation()), methodName, "abstract, partial or extern (it has no body)"));

            foreach (var p in method.Parameters)
            {
                if (p.RefKind != RefKind.None)
                {
                    string kind = p.RefKind switch { RefKind.Ref => "ref", RefKind.Out => "out", _ => "in" };
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedParameterModifier, LocationInfo.From(p.Locations.FirstOrDefault()), p.Name, kind));
                }
            }

            var returnType = TypeMapper.Map(method.ReturnType);
            bool isVector = method.ReturnsVoid;
            if (!isVector && !(returnType.IsFloating && returnType.IsScalar))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturn, LocationInfo.From(syntax.ReturnType), methodName, method.ReturnType.ToDisplayString()));

            var wrtNames = ReadWrt(method, syntax, diagnostics);
            CheckNameCollisions(method, syntax, isVector, diagnostics);

            if (diagnostics.Any(d => d.IsError))
                return new ParseResult(null, diagnostics.ToEquatableArray(), methodName);

            cancellationToken.ThrowIfCancellationRequested();
            var lowering = new BodyLowering(model, method, diagnostics, cancellationToken);
            var body = lowering.LowerBody(syntax);

            // Parameters: a Span the body writes is an output of a vector-valued method; inputs are never written.
            var written = lowering.WrittenParameters;
            var parameters = new List<ParamSpec>();
            foreach (var p in method.Parameters)
            {
                var ty = TypeMapper.Map(p.Type);
                bool isOutput = isVector && ty.Shape == Shape.Span && ty.IsFloating && written.Contains(p.Name);
                bool explicitWrt = wrtNames is not null && wrtNames.Contains(p.Name);
                bool isWrt = !isOutput && ty.IsDifferentiable && (wrtNames is null || explicitWrt);
                parameters.Add(new ParamSpec(p.Name, ty, isWrt, isOutput));
            }
            foreach (var name in written)
            {
                var p = parameters.FirstOrDefault(x => x.Name == name);
                if (p is not null && !p.IsOutput && p.Type.IsArrayLike)
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.WriteToInput, lowering.WriteLocation(name), name));
            }

            if (!parameters.Any(p => p.IsWrt))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NothingToDifferentiate, LocationInfo.From(syntax.Identifier.GetLocation()), methodName));
            if (isVector && !parameters.Any(p => p.IsOutput))
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturn, LocationInfo.From(syntax.ReturnType), methodName, "void but writes no Span<double> output"));

            if (diagnostics.Any(d => d.IsError))
                return new ParseResult(null, diagnostics.ToEquatableArray(), methodName);

            var types = ContainingTypes(method).Reverse().Select(t => new TypeDeclSpec(TypeKeyword(t), t.Name, "partial")).ToEquatableArray();
            string? ns = method.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            string typePath = string.Join(".", types.Select(t => t.Name));

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
                LocationInfo.From(syntax.Identifier.GetLocation()));
            return new ParseResult(spec, diagnostics.ToEquatableArray(), methodName);
        }

        private static string HintName(IMethodSymbol method, string typePath)
        {
            // Overloads share a name: tell their files apart by arity.
            int overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
                .Count(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName));
            string suffix = overloads > 1 ? "_" + method.Parameters.Length : "";
            return typePath + "." + method.Name + suffix + ".g.cs";
        }

        internal static IEnumerable<INamedTypeSymbol> ContainingTypes(ISymbol symbol)
        {
            for (var t = symbol.ContainingType; t is not null; t = t.ContainingType) yield return t;
        }

        private static void CheckContainingTypes(MethodDeclarationSyntax syntax, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
        {
            foreach (var type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
            {
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.TypeNotPartial, LocationInfo.From(type.Identifier.GetLocation()), type.Identifier.Text, method.Name));
            }
        }

        /// <summary>The wrt parameter names, or null when the attribute names none (all differentiable parameters).</summary>
        private static HashSet<string>? ReadWrt(IMethodSymbol method, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
        {
            var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName);
            if (attribute is null || attribute.ConstructorArguments.Length == 0) return null;
            var arg = attribute.ConstructorArguments[0];
            var names = arg.Kind == TypedConstantKind.Array
                ? arg.Values.Select(v => v.Value as string).ToList()
                : new List<string?> { arg.Value as string };
            if (names.Count == 0) return null;

            var argSyntax = (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments;
            var result = new HashSet<string>();
            for (int i = 0; i < names.Count; i++)
            {
                string? name = names[i];
                SyntaxNode where = argSyntax is { } list && i < list.Count ? list[i] : syntax.Identifier.Parent!;
                var parameter = method.Parameters.FirstOrDefault(p => p.Name == name);
                if (name is null || parameter is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnknownWrt, where, name ?? "null", method.Name));
                    continue;
                }
                if (!TypeMapper.Map(parameter.Type).IsDifferentiable)
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrtNotDifferentiable, where, name, parameter.Type.ToDisplayString()));
                result.Add(name);
            }
            return result;
        }

        private static void CheckNameCollisions(IMethodSymbol method, MethodDeclarationSyntax syntax, bool isVector, List<DiagnosticInfo> diagnostics)
        {
            var generated = isVector ? new[] { "Pullback", "Jacobian" } : new[] { "Gradient", "Pullback" };
            foreach (var suffix in generated)
            {
                string name = method.Name + suffix;
                foreach (var member in method.ContainingType.GetMembers(name))
                {
                    if (IsGeneratedByUs(member)) continue;
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameCollision, LocationInfo.From(syntax.Identifier.GetLocation()), method.ContainingType.Name, name, method.Name));
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
