namespace GradGen.Generator.Model
{
    /// <summary>
    /// A parameter of the differentiated method. <see cref="TypeText"/> is its type as declared
    /// (nullable annotations kept, <c>double[]?</c>), <see cref="DefaultValue"/> the text of its
    /// default value (<c>0.5</c>, <c>null</c>) and <see cref="Documentation"/> the user's
    /// <c>&lt;param&gt;</c> text: the generated signatures and their XML docs repeat them.
    /// </summary>
    public sealed record ParamSpec(string Name, Ty Type, bool IsWrt, bool IsOutput, string? TypeText = null, string? DefaultValue = null, string? Documentation = null)
    {
        /// <summary>The type to declare the parameter with in a generated signature.</summary>
        public string DeclaredType => TypeText ?? Type.Name;
    }

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
