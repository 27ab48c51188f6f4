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

        /// <summary>The method's documentation id (<c>M:N.T.F(System.Double)</c>): unique in the compilation.</summary>
        public string Key { get; init; } = "";

        /// <summary>
        /// Keys of the [Differentiable] methods of this compilation it calls: their generated
        /// Pullbacks must exist for this method's file to compile.
        /// </summary>
        public EquatableArray<string> Callees { get; init; } = EquatableArray<string>.Empty;
    }
}
