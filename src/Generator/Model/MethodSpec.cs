namespace GradGen.Generator.Model
{
    /// <summary>A parameter of the differentiated method.</summary>
    public sealed record ParamSpec(string Name, Ty Type, bool IsWrt, bool IsOutput);

    /// <summary>One enclosing type, outermost first, to re-open it as a partial declaration.</summary>
    public sealed record TypeDeclSpec(string Keyword, string Name, string Modifiers);

    /// <summary>
    /// Everything the differentiate and emit stages need about one [Differentiable] method, as data.
    /// </summary>
    public sealed record MethodSpec(
        string Name,
        string? Namespace,
        EquatableArray<TypeDeclSpec> ContainingTypes,
        EquatableArray<string> Usings,
        string Accessibility,
        bool IsStatic,
        Ty ReturnType,
        EquatableArray<ParamSpec> Parameters,
        EquatableArray<Stmt> Body,
        EquatableArray<string> ReservedNames,
        string SourceSignature,
        string HintName,
        LocationInfo? Location)
    {
        public bool IsVectorValued => ReturnType.Name == "void";
    }
}
