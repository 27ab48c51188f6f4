namespace GradGen.Generator.Model
{
    /// <summary>The scalar kind of a value or of an array's elements.</summary>
    public enum ScalarKind
    {
        Double,
        Float,
        Int,
        Long,
        Bool,
        Other,
    }

    /// <summary>How values of a type are laid out: a scalar, or one of the array shapes GradGen differentiates.</summary>
    public enum Shape
    {
        Scalar,
        Array,
        Array2D,
        Jagged,
        Span,
        ReadOnlySpan,
    }

    /// <summary>
    /// A C# type as the differentiator sees it. <see cref="Name"/> is the fully qualified C# spelling
    /// used in generated code.
    /// </summary>
    public sealed record Ty(string Name, ScalarKind Scalar, Shape Shape)
    {
        public static readonly Ty Double = new Ty("double", ScalarKind.Double, Shape.Scalar);
        public static readonly Ty Float = new Ty("float", ScalarKind.Float, Shape.Scalar);
        public static readonly Ty Int = new Ty("int", ScalarKind.Int, Shape.Scalar);
        public static readonly Ty Long = new Ty("long", ScalarKind.Long, Shape.Scalar);
        public static readonly Ty Bool = new Ty("bool", ScalarKind.Bool, Shape.Scalar);

        public bool IsFloating => Scalar == ScalarKind.Double || Scalar == ScalarKind.Float;

        public bool IsScalar => Shape == Shape.Scalar;

        /// <summary>A floating scalar or a floating array: something that can carry a derivative.</summary>
        public bool IsDifferentiable => IsFloating;

        public bool IsArrayLike => Shape != Shape.Scalar;

        /// <summary>The C# keyword of the element (or scalar) type: "double" or "float".</summary>
        public string ElementName => Scalar switch
        {
            ScalarKind.Double => "double",
            ScalarKind.Float => "float",
            ScalarKind.Int => "int",
            ScalarKind.Long => "long",
            ScalarKind.Bool => "bool",
            _ => Name,
        };

        /// <summary>The scalar type of one element.</summary>
        public Ty ElementScalar => Scalar switch
        {
            ScalarKind.Double => Double,
            ScalarKind.Float => Float,
            ScalarKind.Int => Int,
            ScalarKind.Long => Long,
            ScalarKind.Bool => Bool,
            _ => this,
        };

        /// <summary>The literal zero and one of a floating type.</summary>
        public string Zero => Scalar == ScalarKind.Float ? "0f" : "0.0";

        public string One => Scalar == ScalarKind.Float ? "1f" : "1.0";
    }
}
