using System;
using System.Collections.Generic;
using System.Linq;
using GradGen.Generator.Model;

namespace GradGen.Generator.Differentiate
{
    /// <summary>
    /// Reverse mode over structured code. Builds, for a rewritten body, a forward sweep (the
    /// original computation plus what the reverse sweep needs) and a reverse sweep (statements in
    /// reverse order, loops run backwards, branches replayed).
    /// <list type="number">
    /// <item>The adjoint code of every active assignment is built first, which tells what primal values it reads.</item>
    /// <item>The to-be-recorded analysis then finds the overwrites that destroy a value the reverse sweep still needs.</item>
    /// <item>Emission saves exactly those values: in a local outside loops, on a <c>ValueTape</c> inside them;
    /// an integer counter is stepped back instead, a cheap per-iteration local is recomputed, and an
    /// array a call or a zeroing overwrites whole is pushed element by element.</item>
    /// </list>
    /// </summary>
    internal sealed partial class ReverseBuilder
    {
        private readonly MethodSpec _spec;
        private readonly Activity _activity;
        private readonly NameAllocator _names;
        private readonly IReadOnlyList<Stmt> _body;
        private readonly GradientPlan _plan = new GradientPlan();
        private readonly Dictionary<string, string> _adjoints = new Dictionary<string, string>();
        private readonly Dictionary<string, Ty> _types = new Dictionary<string, Ty>();
        private readonly Dictionary<Stmt, AdjointCore> _cores = new Dictionary<Stmt, AdjointCore>(ReferenceComparer<Stmt>.Instance);
        private readonly Dictionary<Stmt, AssignForm> _forms = new Dictionary<Stmt, AssignForm>(ReferenceComparer<Stmt>.Instance);
        private readonly Dictionary<Stmt, AdjointCore> _callCores = new Dictionary<Stmt, AdjointCore>(ReferenceComparer<Stmt>.Instance);
        private readonly Dictionary<Stmt, List<string>> _wholeSaves = new Dictionary<Stmt, List<string>>(ReferenceComparer<Stmt>.Instance);
        private readonly Dictionary<string, Expr> _allocatedLength = new Dictionary<string, Expr>();
        private readonly HashSet<Stmt> _recomputed = new HashSet<Stmt>(ReferenceComparer<Stmt>.Instance);
        private readonly Dictionary<Stmt, List<LocalDecl>> _recomputedIn = new Dictionary<Stmt, List<LocalDecl>>(ReferenceComparer<Stmt>.Instance);
        private readonly HashSet<string> _definedOnce = new HashSet<string>();
        private readonly HashSet<Stmt> _steppedBack = new HashSet<Stmt>(ReferenceComparer<Stmt>.Instance);
        private readonly HashSet<string> _reverseRead = new HashSet<string>();
        private readonly HashSet<Stmt> _saved = new HashSet<Stmt>(ReferenceComparer<Stmt>.Instance);
        private readonly HashSet<string> _invariant = new HashSet<string>();
        private readonly HashSet<string> _fixedBinding = new HashSet<string>();
        private readonly HashSet<string> _contentsWritten = new HashSet<string>();
        private readonly HashSet<string> _hoisted = new HashSet<string>();
        private readonly Dictionary<string, string> _tapes = new Dictionary<string, string>();
        private readonly List<(string Message, LocationInfo? Location)> _errors = new List<(string Message, LocationInfo? Location)>();
        private readonly List<string> _leases = new List<string>();

        private ReverseBuilder(MethodSpec spec, Activity activity, NameAllocator names, IReadOnlyList<Stmt> body)
        {
            _spec = spec;
            _activity = activity;
            _names = names;
            _body = body;
        }

        /// <summary>Builds the plan, or returns the reasons it cannot (each names the construct).</summary>
        public static (GradientPlan? Plan, List<(string Message, LocationInfo? Location)> Errors) Build(MethodSpec spec, Activity activity, NameAllocator names, IReadOnlyList<Stmt> body, string? result)
        {
            var builder = new ReverseBuilder(spec, activity, names, body);
            builder._plan.ResultName = result;
            builder.Run(result);
            return builder._errors.Count > 0 ? (null, builder._errors) : (builder._plan, builder._errors);
        }

        /// <summary>Records why the method cannot be differentiated, at the construct when known.</summary>
        private void Fail(string message, LocationInfo? location = null)
        {
            if (!_errors.Any(e => e.Message == message)) _errors.Add((message, location));
        }

        private void Run(string? result)
        {
            CollectTypesAndInvariants();
            DeclareAdjoints(result);

            // 1. adjoint code of every active assignment
            var topLevel = new HashSet<Stmt>(_body, ReferenceComparer<Stmt>.Instance);
            foreach (var s in IrWalker.AllStatements(_body))
            {
                if (s is ExprStmt { Expression: DiffCall call } && call.Callee.ReturnType.Name == "void")
                {
                    _callCores[s] = BuildVectorCallCore(call);
                    continue;
                }
                var form = FormOf(s);
                if (form is null) continue;
                // Only a declaration that runs once starts from a zero adjoint; one in a loop or branch must clear it.
                if (form.IsDeclaration && !topLevel.Contains(s)) form = form with { IsDeclaration = false };
                _forms[s] = form;
                if (_activity.IsActive(IrWalker.Root(form.Target))) _cores[s] = BuildCore(form);
            }
            AddRestoreIndexReads();
            CheckAliasesReadInReverse();
            foreach (var core in _cores.Values.Concat(_callCores.Values))
            {
                _reverseRead.UnionWith(core.ReadsOld);
                _reverseRead.UnionWith(core.ReadsNew);
            }

            // 2. to-be-recorded analysis
            FindRecomputed(_body, new HashSet<string>());
            Record(_body, new HashSet<string>());

            // 3. emission
            int fused = FusableLoop();
            var (forward, reverse) = fused < 0 ? EmitList(_body, new Scope(0, false, Array.Empty<string>())) : EmitFused(fused);
            _plan.Forward.AddRange(forward);
            _plan.Reverse.AddRange(reverse);
            KeepFinalOutputs();
            KeepFinalResult(result);

            foreach (var p in _spec.Parameters)
            {
                if (p.IsWrt && p.Type.IsScalar && _activity.IsActive(p.Name))
                    _plan.Epilogue.Add(new Line(GradName(p.Name) + " += " + _adjoints[p.Name] + ";"));
            }
            _plan.Scratch.AddRange(_tapes.Values.OrderBy(t => t, StringComparer.Ordinal));
            _plan.Scratch.AddRange(_leases);
            _plan.Epilogue.Add(new ReleaseScratch());
        }

        /// <summary>
        /// Restoring overwritten output elements in the reverse sweep would leave the caller with
        /// intermediate values: keep the final outputs aside and put them back at the end.
        /// </summary>
        private void KeepFinalOutputs()
        {
            foreach (var p in _spec.Parameters.Where(p => p.IsOutput))
            {
                bool restoredInReverse = _saved.Any(s => _forms.TryGetValue(s, out var f) && IrWalker.Root(f.Target) == p.Name)
                    || _wholeSaves.Values.Any(arrays => arrays.Contains(p.Name));
                if (!restoredInReverse) continue;
                string lease = _names.Fresh(p.Name + "Final");
                _plan.Forward.Add(new Comment("The reverse sweep restores intermediate values of '" + p.Name + "': keep its final values."));
                _plan.Forward.Add(new Line("var " + lease + " = global::GradGen.PooledSpan<" + p.Type.ElementName + ">.Rent(" + p.Name + ".Length);"));
                _plan.Forward.Add(new Line(p.Name + ".CopyTo(" + lease + ".Span);"));
                _plan.Reverse.Add(new Line(lease + ".Span.CopyTo(" + p.Name + ");"));
                _leases.Add(lease);
            }
        }

        /// <summary>
        /// The reverse sweep may restore earlier values of the result variable (a reused Exp result,
        /// a return inside a loop): return a copy taken when the forward sweep ends.
        /// </summary>
        private void KeepFinalResult(string? result)
        {
            if (result is null || !_saved.Any(s => _forms.TryGetValue(s, out var f) && IrWalker.Root(f.Target) == result)) return;
            string value = _names.Fresh("value");
            _plan.Forward.Add(new Comment("The reverse sweep restores earlier values of '" + result + "': keep the one to return."));
            _plan.Forward.Add(new Line(_spec.ReturnType.Name + " " + value + " = " + result + ";"));
            _plan.ResultName = value;
        }

        internal static string GradName(string parameter) => "grad" + NameAllocator.Capitalize(parameter);

        private void CollectTypesAndInvariants()
        {
            foreach (var p in _spec.Parameters) _types[p.Name] = p.Type;
            foreach (var s in IrWalker.AllStatements(_body))
            {
                if (s is LocalDecl decl) _types[decl.Name] = decl.Type;
                if (s is LocalDecl { Init: NewArray { Dims: { Count: 1 } dims } } allocated) _allocatedLength[allocated.Name] = dims[0];
                _contentsWritten.UnionWith(ContentsWrittenBy(s));
            }

            // Fixed binding: the variable is never assigned again (an array keeps naming the same storage).
            // Invariant: neither the binding nor, for an array, its contents change, so the reverse sweep may re-evaluate it.
            var definitions = IrWalker.DefinitionCounts(_body);
            var topLevel = new HashSet<string>(_body.OfType<LocalDecl>().Where(d => d.Init is not null).Select(d => d.Name));
            foreach (var p in _spec.Parameters)
                if (!definitions.ContainsKey(p.Name)) _fixedBinding.Add(p.Name);
            foreach (var kv in definitions)
            {
                if (kv.Value != 1) continue;
                if (topLevel.Contains(kv.Key)) _fixedBinding.Add(kv.Key);
                if (!_contentsWritten.Contains(kv.Key)) _definedOnce.Add(kv.Key);
            }
            _invariant.UnionWith(_fixedBinding.Where(v => !_contentsWritten.Contains(v)));
        }

        /// <summary>
        /// The arrays whose elements a statement may overwrite: an element assignment, a zeroing, the
        /// Span outputs of a differentiable call, any array handed to a call statement without a
        /// derivative (one whose value is used, such as <c>x.GetLength(0)</c>, is taken to only read).
        /// </summary>
        private static IEnumerable<string> ContentsWrittenBy(Stmt s)
        {
            switch (s)
            {
                case Assign { Target: ElemRef element }:
                    yield return IrWalker.Root(element);
                    break;
                case ZeroArray zero:
                    yield return zero.Name;
                    break;
                case ExprStmt { Expression: UnknownCall statementCall }:
                    foreach (var a in statementCall.Args)
                        if (a.Type.IsArrayLike && a is VarRef or ElemRef) yield return IrWalker.Root(a);
                    break;
            }
            foreach (var e in IrWalker.OwnExpressions(s))
            {
                foreach (var x in IrWalker.DescendantsAndSelf(e))
                {
                    if (x is DiffCall call)
                    {
                        for (int i = 0; i < call.Args.Count && i < call.Callee.Parameters.Count; i++)
                        {
                            var p = call.Callee.Parameters[i];
                            if (p.IsWritten && call.Args[i] is VarRef or ElemRef) yield return IrWalker.Root(call.Args[i]);
                        }
                    }
                }
            }
        }

        private void DeclareAdjoints(string? result)
        {
            foreach (var p in _spec.Parameters)
            {
                if (!p.IsWrt) continue;
                if (p.Type.IsScalar) _adjoints[p.Name] = _names.Fresh("d" + NameAllocator.Capitalize(p.Name));
                else _adjoints[p.Name] = GradName(p.Name);
            }
            foreach (var p in _spec.Parameters.Where(p => p.IsOutput))
            {
                // The adjoint of an output starts as its seed, in pooled scratch.
                string adjoint = _names.Fresh("d" + NameAllocator.Capitalize(p.Name));
                string lease = _names.Fresh(adjoint + "Lease");
                _adjoints[p.Name] = adjoint;
                _plan.Declarations.Add(new Line("var " + lease + " = global::GradGen.PooledSpan<" + p.Type.ElementName + ">.Rent(" + p.Name + ".Length);"));
                _plan.Declarations.Add(new Line("global::System.Span<" + p.Type.ElementName + "> " + adjoint + " = " + lease + ".Span;"));
                _plan.Declarations.Add(new Line(Differentiator.SeedName(p.Name) + ".CopyTo(" + adjoint + ");"));
                _leases.Add(lease);
            }
            foreach (var s in IrWalker.AllStatements(_body))
            {
                if (s is LocalDecl d && _activity.IsActive(d.Name) && !_adjoints.ContainsKey(d.Name))
                    _adjoints[d.Name] = _names.Fresh("d" + NameAllocator.Capitalize(d.Name));
            }
            foreach (var kv in _adjoints.OrderBy(kv => kv.Value, StringComparer.Ordinal))
            {
                var type = _types[kv.Key];
                if (!type.IsScalar || !_activity.IsActive(kv.Key)) continue;
                string init = kv.Key == result ? "seed" : type.Zero;
                _plan.Declarations.Add(new Line(type.ElementName + " " + kv.Value + " = " + init + ";"));
            }
            if (result is not null && !_activity.IsActive(result))
                _plan.Declarations.Add(new Comment("The result does not depend on the wrt inputs: every gradient is zero."));
        }

        private string AdjointOf(string variable)
        {
            if (_adjoints.TryGetValue(variable, out var name)) return name;
            Fail("internal: no adjoint for '" + variable + "'");
            return "default";
        }

        /// <summary>The adjoint of a scalar variable, as the IR reads it.</summary>
        private Expr AdjointVar(string variable, Ty type) => new VarRef(AdjointOf(variable), type);

        /// <summary>The adjoint of an element: the same indices into the adjoint array (whose index values the reverse sweep reads).</summary>
        private Expr AdjointTarget(ElemRef element, HashSet<string> reads) => Rebase(element, AdjointOf(IrWalker.Root(element)), reads);

        private string AdjointElement(ElemRef element, HashSet<string> reads) => CSharpPrinter.Print(AdjointTarget(element, reads));

        private static Expr Rebase(Expr e, string root, HashSet<string> reads)
        {
            if (e is not ElemRef x) return new VarRef(root, e.Type);
            foreach (var i in x.Indices) IrWalker.CollectReads(i, reads);
            return x with { Target = Rebase(x.Target, root, reads) };
        }

        // ----- 1. adjoint cores -----

        private static AssignForm? FormOf(Stmt s)
        {
            Expr target;
            string op;
            Expr value;
            bool declaration = false;
            switch (s)
            {
                case LocalDecl d when d.Init is not null && d.Type.IsScalar:
                    target = new VarRef(d.Name, d.Type);
                    op = "=";
                    value = d.Init;
                    declaration = true;
                    break;
                case Assign a:
                    target = a.Target;
                    op = a.Op;
                    value = a.Value;
                    break;
                default:
                    return null;
            }

            string root = IrWalker.Root(target);
            var reads = new HashSet<string>();
            IrWalker.CollectReads(value, reads);
            bool readsTarget = reads.Contains(root);
            switch (op)
            {
                case "+=" when !readsTarget: return new AssignForm(target, AssignKind.Increment, false, value, false);
                case "-=" when !readsTarget: return new AssignForm(target, AssignKind.Increment, true, value, false);
                case "+=":
                case "-=":
                case "*=":
                case "/=":
                    return new AssignForm(target, AssignKind.OverwriteOld, false, new Binary(op.Substring(0, 1), target, value, target.Type), false);
            }
            if (op != "=") return new AssignForm(target, AssignKind.Overwrite, false, value, declaration); // passive integer ops
            if (!readsTarget) return new AssignForm(target, AssignKind.Overwrite, false, value, declaration);

            // v = v + e and v = e + v (e not reading v) are increments; v = v − e too.
            if (target is VarRef && value is Binary b && (b.Op == "+" || b.Op == "-"))
            {
                var leftReads = new HashSet<string>();
                var rightReads = new HashSet<string>();
                IrWalker.CollectReads(b.Left, leftReads);
                IrWalker.CollectReads(b.Right, rightReads);
                if (b.Left == target && !rightReads.Contains(root)) return new AssignForm(target, AssignKind.Increment, b.Op == "-", b.Right, false);
                if (b.Op == "+" && b.Right == target && !leftReads.Contains(root)) return new AssignForm(target, AssignKind.Increment, false, b.Left, false);
            }
            return new AssignForm(target, AssignKind.OverwriteOld, false, value, declaration);
        }

        private AdjointCore BuildCore(AssignForm form)
        {
            var core = new AdjointCore();
            string root = IrWalker.Root(form.Target);
            var type = form.Target.Type;
            var adjointExpr = form.Target is ElemRef element ? AdjointTarget(element, core.ReadsOld) : AdjointVar(root, type);
            bool valueActive = _activity.IsActive(form.Value);
            ElemCall? reused = form.Kind == AssignKind.Overwrite && CallTemps.ReusesTarget(form.Target, form.Value) ? (ElemCall)form.Value : null;
            if (reused is not null)
            {
                IrWalker.CollectReads(form.Target, core.ReadsOld);
                core.ReadsOld.Remove(root);
                core.ReadsNew.Add(root);
            }
            var ctxBefore = new PropagationContext(core.BeforeRestore, core.ReadsOld, reused, reused is null ? null : form.Target, core.ReadsNew);
            var ctxAfter = new PropagationContext(core.AfterRestore, core.ReadsOld, null, null, core.ReadsNew);

            switch (form.Kind)
            {
                case AssignKind.Increment:
                    Propagate(form.Value, form.Negate ? AdjointAlgebra.Neg(adjointExpr) : adjointExpr, ctxBefore);
                    break;
                case AssignKind.Overwrite:
                    if (valueActive)
                    {
                        if (form.Target is ElemRef)
                        {
                            string name = _names.Numbered("adj");
                            core.BeforeRestore.Add(new LocalInit(type.ElementScalar, name, adjointExpr));
                            core.BeforeRestore.Add(new Assignment(adjointExpr, new Lit(type.Zero, type)));
                            Propagate(form.Value, new VarRef(name, type.ElementScalar), ctxBefore);
                        }
                        else
                        {
                            Propagate(form.Value, adjointExpr, ctxBefore);
                            if (!form.IsDeclaration) core.BeforeRestore.Add(new Assignment(adjointExpr, new Lit(type.Zero, type)));
                        }
                    }
                    else if (!form.IsDeclaration)
                    {
                        core.BeforeRestore.Add(new Assignment(adjointExpr, new Lit(type.Zero, type)));
                    }
                    break;
                case AssignKind.OverwriteOld:
                    {
                        string name = _names.Numbered("adj");
                        core.BeforeRestore.Add(new LocalInit(type.ElementScalar, name, adjointExpr));
                        core.BeforeRestore.Add(new Assignment(adjointExpr, new Lit(type.Zero, type)));
                        Propagate(form.Value, new VarRef(name, type.ElementScalar), ctxAfter);
                        break;
                    }
            }
            MergeAccumulations(core.BeforeRestore);
            MergeAccumulations(core.AfterRestore);
            return core;
        }

        /// <summary>
        /// A local that still names another array (one chosen at run time, which alias inlining
        /// could not replace) holds only its last value when the reverse sweep runs.
        /// </summary>
        private void CheckAliasesReadInReverse()
        {
            var reverseRead = new HashSet<string>(_cores.Values.Concat(_callCores.Values).SelectMany(c => c.ReadsOld.Concat(c.ReadsNew)));
            foreach (var s in IrWalker.AllStatements(_body))
            {
                if (s is LocalDecl { Init: not NewArray and not null } d && d.Type.IsArrayLike && reverseRead.Contains(d.Name))
                    Fail("the array '" + d.Name + "' refers to an array chosen while the method runs, and the reverse sweep needs it; index the arrays it refers to directly", d.Location);
            }
        }

        /// <summary>Restoring an element of an array the reverse sweep reads needs its index values too.</summary>
        private void AddRestoreIndexReads()
        {
            var reverseRead = new HashSet<string>();
            foreach (var core in _cores.Values)
            {
                reverseRead.UnionWith(core.ReadsOld);
                reverseRead.UnionWith(core.ReadsNew);
            }
            foreach (var kv in _forms)
            {
                if (kv.Value.Target is not ElemRef element || !reverseRead.Contains(IrWalker.Root(element))) continue;
                if (!_cores.TryGetValue(kv.Key, out var core))
                {
                    core = new AdjointCore();
                    _cores[kv.Key] = core;
                }
                Rebase(element, "_", core.ReadsOld);
            }
        }
    }

    /// <summary>Reference identity for IR nodes, which are records and so compare by value.</summary>
    internal sealed class ReferenceComparer<T> : IEqualityComparer<T> where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new ReferenceComparer<T>();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
