using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Parse
{
    /// <summary>Maps Roslyn types to the differentiator's <see cref="Ty"/>.</summary>
    internal static class TypeMapper
    {
        public static Ty Map(ITypeSymbol? type)
        {
            if (type is null) return new Ty("object", ScalarKind.Other, Shape.Scalar);
            switch (type.SpecialType)
            {
                case SpecialType.System_Double: return Ty.Double;
                case SpecialType.System_Single: return Ty.Float;
                case SpecialType.System_Int32: return Ty.Int;
                case SpecialType.System_Int64: return Ty.Long;
                case SpecialType.System_Boolean: return Ty.Bool;
                case SpecialType.System_Void: return new Ty("void", ScalarKind.Other, Shape.Scalar);
            }

            if (type is IArrayTypeSymbol array)
            {
                var element = Map(array.ElementType);
                if (array.Rank == 1 && element.IsScalar && element.Scalar != ScalarKind.Other)
                    return new Ty(element.ElementName + "[]", element.Scalar, Shape.Array);
                if (array.Rank == 2 && element.IsScalar && element.Scalar != ScalarKind.Other)
                    return new Ty(element.ElementName + "[,]", element.Scalar, Shape.Array2D);
                if (array.Rank == 1 && element.Shape == Shape.Array)
                    return new Ty(element.ElementName + "[][]", element.Scalar, Shape.Jagged);
            }

            if (type is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 1
                && named.ContainingNamespace?.ToDisplayString() == "System")
            {
                var element = Map(named.TypeArguments[0]);
                if (element.IsScalar && element.Scalar != ScalarKind.Other)
                {
                    if (named.Name == "Span")
                        return new Ty("global::System.Span<" + element.ElementName + ">", element.Scalar, Shape.Span);
                    if (named.Name == "ReadOnlySpan")
                        return new Ty("global::System.ReadOnlySpan<" + element.ElementName + ">", element.Scalar, Shape.ReadOnlySpan);
                }
            }

            return new Ty(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), ScalarKind.Other, Shape.Scalar);
        }
    }
}
