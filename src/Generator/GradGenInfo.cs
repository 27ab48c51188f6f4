namespace GradGen.Generator
{
    internal static class GradGenInfo
    {
        /// <summary>Written into every generated file's header and [GeneratedCode] attribute.</summary>
        public const string Version = "0.1.0";
    }
}
