using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Checks that need activity: a call with no derivative is only an error where a derivative must
    /// flow through it, and a cast to int only warns when it cuts a derivative that exists.
    /// </summary>
    internal static class Validation
    {
        public static List<DiagnosticInfo> Check(IReadOnlyList<Stmt> body, Activity activity, LocationInfo? methodLocation)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var reported = new HashSet<LocationInfo>();

            void Add(DiagnosticInfo d)
            {
                if (d.Location is null || reported.Add(d.Location)) diagnostics.Add(d);
            }

            foreach (var s in IrWalker.AllStatements(body))
            {
                // Calls without a derivative, where the derivative must flow.
                Expr? flowing = s switch
                {
                    LocalDecl d when d.Init is not null && activity.IsActive(d.Name) => d.Init,
                    Assign a when activity.IsActive(IrWalker.Root(a.Target)) => a.Value,
                    _ => null,
                };
                if (s is ExprStmt { Expression: DiffCall vectorCall }) flowing = vectorCall;
                if (flowing is not null)
                {
                    foreach (var x in Activity.DiffPositions(flowing))
                    {
                        if (x is UnknownCall call && ReadsVaried(call, activity))
                            Add(DiagnosticInfo.Create(Descriptors.NoDerivative, call.Location, call.MethodName, call.Fix));
                        if (x is DiffCall differentiable) CheckConstantParameters(differentiable, activity, methodLocation, Add);
                        if (x is VarRef held && held.Type.Scalar == ScalarKind.Other && activity.Varied.Contains(held.Name))
                            Add(DiagnosticInfo.Create(Descriptors.UnsupportedExpression, s.Location ?? methodLocation,
                                "Carrying a differentiated value in '" + held.Name + "' (of type '" + held.Type.Name + "')",
                                "keep it in a double or float local, or in a double[] or Span<double>"));
                        if (x is Opaque holder && holder.Type.IsFloating)
                        {
                            // A tuple, struct or nullable holding a differentiated value: its derivative would be lost.
                            var carried = holder.Args.OfType<VarRef>().FirstOrDefault(v => !v.Type.IsFloating && activity.Varied.Contains(v.Name));
                            if (carried is not null)
                                Add(DiagnosticInfo.Create(Descriptors.UnsupportedExpression, holder.Location ?? s.Location ?? methodLocation,
                                    "Carrying a differentiated value in '" + carried.Name + "' (of type '" + carried.Type.Name + "')",
                                    "keep it in a double or float local, or in a double[] or Span<double>"));
                        }
                    }
                }
                // A call statement may write into the active arrays it is given.
                if (s is ExprStmt { Expression: UnknownCall statementCall } && statementCall.Args.Any(a => a is VarRef v && activity.Varied.Contains(v.Name)))
                    Add(DiagnosticInfo.Create(Descriptors.NoDerivative, statementCall.Location, statementCall.MethodName, statementCall.Fix));

                foreach (var e in IrWalker.OwnExpressions(s))
                {
                    foreach (var x in IrWalker.DescendantsAndSelf(e))
                    {
                        if (x is Cutoff cut && CutReads(cut).Any(activity.Varied.Contains))
                            Add(DiagnosticInfo.Create(Descriptors.ZeroDerivative, cut.Location, cut.What));
                    }
                }
            }
            return diagnostics;
        }

        /// <summary>The callee's Pullback has no output for a constant parameter: an active argument there would lose its derivative.</summary>
        private static void CheckConstantParameters(DiffCall call, Activity activity, LocationInfo? location, System.Action<DiagnosticInfo> add)
        {
            for (int i = 0; i < call.Args.Count && i < call.Callee.Parameters.Count; i++)
            {
                var p = call.Callee.Parameters[i];
                bool isOutput = call.Callee.ReturnType.Name == "void" && p.IsOutput;
                if (p.IsWrt || isOutput || !p.Type.IsFloating) continue;
                if (Activity.FloatingReads(call.Args[i]).Any(activity.Varied.Contains))
                    add(DiagnosticInfo.Create(Descriptors.ConstantParameterGetsActiveValue, call.Location ?? location, call.Callee.Primal.Substring(call.Callee.Primal.LastIndexOf('.') + 1), p.Name));
            }
        }

        /// <summary>What a cut-off value's operand depends on: (int)x, Math.Floor(x * n), but not xs.Length.</summary>
        private static IEnumerable<string> CutReads(Cutoff cut) => cut.Value switch
        {
            Cast c => Activity.DependReads(c.Operand),
            UnknownCall call => call.Args.SelectMany(Activity.DependReads),
            _ => Activity.DependReads(cut.Value),
        };

        private static bool ReadsVaried(UnknownCall call, Activity activity)
            => Activity.FloatingReads(call).Any(activity.Varied.Contains);
    }
}
