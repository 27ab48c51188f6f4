using System;
using GradGen.Tests.Shared;
using Xunit;

namespace GradGen.EndToEnd.Tests.InMemory
{
    /// <summary>Parameters, locals and types named with C# keywords (<c>@in</c>) keep their <c>@</c> in the generated code.</summary>
    public sealed class KeywordNameTests
    {
        [Fact]
        public void VerbatimParametersAndLocals_GradientMatchesClosedForm()
        {
            var assembly = InMemoryGenerator.Build(@"using System;
using GradGen;

public static partial class @checked
{
    [Differentiable]
    public static double F(double @in, double @class)
    {
        double @double = @in * @class;
        return @double * @double + Math.Sin(@in);
    }
}");
            var method = assembly.GetType("checked", throwOnError: true)!.GetMethod("FGradient")!;
            double x = 0.7, c = -1.3;
            var args = new object?[] { x, c, null, null };
            double value = (double)method.Invoke(null, args)!;
            Assert.Equal(x * c * x * c + Math.Sin(x), value, 12);
            Assert.Equal(2 * x * c * c + Math.Cos(x), (double)args[2]!, 12);
            Assert.Equal(2 * x * x * c, (double)args[3]!, 12);
        }
    }
}
