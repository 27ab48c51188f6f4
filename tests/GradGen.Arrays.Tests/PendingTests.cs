using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using GradGen.Tests.Shared;
using Xunit;
using Xunit.Sdk;

namespace GradGen.Arrays.Tests
{
    /// <summary>
    /// Valid [Differentiable] code that the generator once could not build (tests/README.md, all
    /// fixed), kept as Pending/*.cs.txt. Each file is one self-contained class <c>Pending</c> (using
    /// System and GradGen only) with the methods and a <c>public static void Check()</c> that throws
    /// when the generated gradient is wrong. The test generates and compiles the file in memory, then
    /// runs Check(), so a regression fails here without breaking the rest of the project's build.
    /// </summary>
    public class PendingTests
    {
        public static IEnumerable<object[]> Files()
            => typeof(PendingTests).Assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith("Pending/", StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new object[] { n.Substring("Pending/".Length) });

        [Theory]
        [MemberData(nameof(Files))]
        public void Pending_source_builds_and_its_gradient_is_right(string file)
        {
            using Stream stream = typeof(PendingTests).Assembly.GetManifestResourceStream("Pending/" + file)!;
            string source = new StreamReader(stream).ReadToEnd();
            Assembly assembly = InMemoryGenerator.Build(source, "/pending/" + file, warningsAreErrors: true);
            MethodInfo check = assembly.GetType("Pending", throwOnError: true)!.GetMethod("Check", BindingFlags.Public | BindingFlags.Static)
                ?? throw new XunitException(file + " has no public static Check().");
            try
            {
                check.Invoke(null, null);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new XunitException(file + ": " + e.InnerException.Message);
            }
        }
    }
}
