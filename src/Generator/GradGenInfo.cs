using System.Reflection;

namespace GradGen.Generator
{
    internal static class GradGenInfo
    {
        /// <summary>
        /// Written into every generated file's header and [GeneratedCode] attribute: the release
        /// (major.minor.patch) that MinVer stamps on this assembly from the git tag, so it cannot
        /// drift from the package's version.
        /// </summary>
        public static readonly string Version = ReleaseOf(typeof(GradGenInfo).Assembly);

        private static string ReleaseOf(Assembly assembly)
        {
            string? file = assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
            return System.Version.TryParse(file, out var v) ? v.ToString(3) : "0.0.0";
        }
    }
}
