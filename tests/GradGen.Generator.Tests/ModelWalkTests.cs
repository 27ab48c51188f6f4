using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using GradGen.Generator.Model;
using GradGen.Generator.Parse;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradGen.Generator.Tests
{
    /// <summary>
    /// In the style of System.Text.Json's generator tests: walks every type reachable from the
    /// pipeline's models (<see cref="ParseResult"/>, <see cref="GeneratedFile"/>) by reflection and
    /// fails if any of them can hold a Roslyn object that would defeat caching (or keep a
    /// compilation alive).
    /// </summary>
    public sealed class ModelWalkTests
    {
        private static readonly Type[] Forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SemanticModel), typeof(Compilation), typeof(Location), typeof(SyntaxTree),
        };

        private static readonly Assembly GeneratorAssembly = typeof(DifferentiableGenerator).Assembly;

        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

        /// <summary>Every type reachable from the roots, with one path that reaches it.</summary>
        private static Dictionary<Type, string> Walk()
        {
            var seen = new Dictionary<Type, string>();
            var queue = new Queue<(Type Type, string Path)>();
            queue.Enqueue((typeof(ParseResult), nameof(ParseResult)));
            queue.Enqueue((typeof(GeneratedFile), nameof(GeneratedFile)));
            var generatorTypes = GeneratorTypes();

            while (queue.Count > 0)
            {
                var (type, path) = queue.Dequeue();
                if (type.IsGenericParameter || type.IsPointer) continue;
                if (type.IsByRef) type = type.GetElementType()!;
                if (seen.ContainsKey(type)) continue;
                seen[type] = path;

                if (type.IsArray) queue.Enqueue((type.GetElementType()!, path + "[]"));
                if (type.IsGenericType)
                    foreach (var argument in type.GetGenericArguments()) queue.Enqueue((argument, path + "<" + argument.Name + ">"));

                if (type.Assembly != GeneratorAssembly) continue; // framework types: only their generic arguments matter

                for (var t = type; t is not null && t.Assembly == GeneratorAssembly; t = t.BaseType)
                {
                    foreach (var field in t.GetFields(Instance)) queue.Enqueue((field.FieldType, path + "." + field.Name));
                    foreach (var property in t.GetProperties(Instance))
                    {
                        if (property.GetIndexParameters().Length > 0) continue;
                        queue.Enqueue((property.PropertyType, path + "." + property.Name));
                    }
                }
                // Abstract records (Expr, Stmt, …): every derived type in the generator assembly.
                if (!type.IsSealed && !type.IsValueType)
                {
                    foreach (var derived in generatorTypes.Where(d => d != type && !d.IsGenericTypeDefinition && type.IsAssignableFrom(d)))
                        queue.Enqueue((derived, path + " ⊳ " + derived.Name));
                }
            }
            return seen;
        }

        private static Type[] GeneratorTypes()
        {
            try
            {
                return GeneratorAssembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return e.Types.Where(t => t is not null).ToArray()!;
            }
        }

        private static bool CanHoldForbidden(Type type, out Type? which)
        {
            foreach (var f in Forbidden)
            {
                // The member's type is a Roslyn object, or is general enough (object, an interface it implements) to hold one.
                if (f.IsAssignableFrom(type) || type.IsAssignableFrom(f))
                {
                    which = f;
                    return true;
                }
            }
            which = null;
            return false;
        }

        [Fact]
        public void ReachableModelTypes_HoldNoRoslynObjects()
        {
            var reachable = Walk();
            var violations = new List<string>();
            foreach (var (type, path) in reachable)
            {
                if (CanHoldForbidden(type, out var which))
                    violations.Add(path + " : " + type.FullName + " can hold a " + which!.Name);
            }
            Assert.True(violations.Count == 0, "Pipeline models must be plain data:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void Walk_ReachesTheWholeModel()
        {
            var reachable = Walk();
            // The walk must actually cover the IR, or the check above proves nothing.
            foreach (var expected in new[]
            {
                typeof(MethodSpec), typeof(ParamSpec), typeof(Ty), typeof(LocationInfo), typeof(Diagnostics.DiagnosticInfo),
                typeof(Expr), typeof(Stmt), typeof(Binary), typeof(ElemCall), typeof(DiffCall), typeof(CalleeSpec), typeof(CalleeParam),
                typeof(UnknownCall), typeof(Cutoff), typeof(Loop), typeof(If), typeof(Assign), typeof(LocalDecl),
            })
            {
                Assert.True(reachable.ContainsKey(expected), expected.Name + " was not reached by the model walk");
            }
        }

        [Fact]
        public void ReachableModelTypes_HaveValueEquality()
        {
            // Anything the pipeline caches must compare by value: records, or IEquatable<T> value types,
            // and no member that compares by reference (arrays, List<T>, ImmutableArray<T> outside EquatableArray).
            var violations = new List<string>();
            foreach (var (type, path) in Walk())
            {
                if (type.Assembly != GeneratorAssembly || type.IsEnum || type.IsInterface) continue;
                bool equatable = typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type);
                if (!equatable) violations.Add(path + " : " + type.Name + " does not implement IEquatable<" + type.Name + ">");

                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>)) continue;
                for (var t = type; t is not null && t.Assembly == GeneratorAssembly; t = t.BaseType)
                {
                    foreach (var field in t.GetFields(Instance))
                    {
                        var ft = field.FieldType;
                        bool byReference = ft.IsArray
                            || (ft.IsGenericType && (ft.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
                                || ft.GetGenericTypeDefinition() == typeof(List<>)
                                || ft.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                                || ft.GetGenericTypeDefinition() == typeof(HashSet<>)));
                        if (byReference) violations.Add(path + "." + field.Name + " : " + ft.Name + " compares by reference");
                    }
                }
            }
            Assert.True(violations.Count == 0, "Models must compare by value:\n" + string.Join("\n", violations.Distinct()));
        }

        [Fact]
        public void CanHoldForbidden_DetectsRoslynAndObjectMembers()
        {
            Assert.True(CanHoldForbidden(typeof(IMethodSymbol), out _));
            Assert.True(CanHoldForbidden(typeof(Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax), out _));
            Assert.True(CanHoldForbidden(typeof(object), out _));
            Assert.True(CanHoldForbidden(typeof(Location), out _));
            Assert.False(CanHoldForbidden(typeof(string), out _));
            Assert.False(CanHoldForbidden(typeof(LocationInfo), out _));
        }
    }
}
