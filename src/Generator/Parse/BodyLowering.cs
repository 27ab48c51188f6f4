using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using GradGen.Generator.Diagnostics;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradGen.Generator.Parse
{
    /// <summary>
    /// Lowers a method body to the IR. Locals get method-unique names (the reverse sweep declares
    /// them all at the top), and every construct the differentiator cannot handle becomes a
    /// diagnostic at its own span.
    /// </summary>
    internal sealed partial class BodyLowering
    {
        private readonly SemanticModel _model;
        private readonly IMethodSymbol _method;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<ISymbol, string> _localNames = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _usedLocalNames = new HashSet<string>();

        /// <summary>Statements to run before the one being lowered: increments hoisted out of its expressions (<c>a[k++]</c>).</summary>
        private List<Stmt>? _pre;
        private StatementSyntax? _hoistScope;
        private readonly Dictionary<string, (LocationInfo? Location, string What)> _writtenParameters = new Dictionary<string, (LocationInfo?, string)>();
        private readonly Dictionary<ISymbol, ISymbol> _arrayAliases = new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
        private readonly List<(string Parameter, LocationInfo? Location, string What)> _aliasWrites = new List<(string, LocationInfo?, string)>();

        public BodyLowering(SemanticModel model, IMethodSymbol method, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            _model = model;
            _method = method;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
            foreach (var p in method.Parameters) _usedLocalNames.Add(NameAllocator.Identifier(p.Name));
        }

        /// <summary>Every identifier the method mentions: generated names must avoid them.</summary>
        public HashSet<string> ReservedNames { get; } = new HashSet<string>();

        public IReadOnlyCollection<string> WrittenParameters => _writtenParameters.Keys;

        /// <summary>Where the body first writes <paramref name="parameter"/>, and that write as text for a message.</summary>
        public (LocationInfo? Location, string What) WriteLocation(string parameter)
            => _writtenParameters.TryGetValue(parameter, out var l) ? l : (null, "The method");

        /// <summary>Element writes through a local that aliases a parameter (<c>var a = w; a[0] = 1;</c>).</summary>
        public IReadOnlyList<(string Parameter, LocationInfo? Location, string What)> AliasWrites => _aliasWrites;

        public List<Stmt> LowerBody(MethodDeclarationSyntax syntax)
        {
            foreach (var token in syntax.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken)) ReservedNames.Add(token.ValueText);
            }

            var output = new List<Stmt>();
            if (syntax.ExpressionBody is { } arrow)
            {
                var value = LowerExpr(arrow.Expression);
                if (_method.ReturnsVoid) output.Add(new ExprStmt(value, OneLine(arrow.Expression)));
                else output.Add(new Return(value, "return " + OneLine(arrow.Expression) + ";"));
            }
            else if (syntax.Body is { } block)
            {
                LowerStatements(block.Statements, output);
            }
            foreach (var name in _localNames.Values) ReservedNames.Add(name);
            return JaggedLocals.Flatten(output, FreshLocalName, _diagnostics);
        }

        private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args)
            => _diagnostics.Add(DiagnosticInfo.Create(descriptor, node, args));

        private void Report(DiagnosticDescriptor descriptor, Location location, params string[] args)
            => _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(location), args));

        /// <summary>
        /// The part of a statement a diagnostic underlines: the whole statement when it is one line
        /// of its own, the header (keyword through closing parenthesis) when it owns a block.
        /// </summary>
        private static Location Header(StatementSyntax statement)
        {
            int start = statement.SpanStart;
            int end = statement switch
            {
                TryStatementSyntax t => t.TryKeyword.Span.End,
                LockStatementSyntax l => l.CloseParenToken.Span.End,
                UsingStatementSyntax u => u.CloseParenToken.Span.End,
                FixedStatementSyntax f => f.CloseParenToken.Span.End,
                UnsafeStatementSyntax u => u.UnsafeKeyword.Span.End,
                CheckedStatementSyntax c => c.Keyword.Span.End,
                CommonForEachStatementSyntax f => f.CloseParenToken.Span.End,
                LocalFunctionStatementSyntax f => f.ParameterList.Span.End,
                LabeledStatementSyntax l => l.ColonToken.Span.End,
                _ => statement.Span.End,
            };
            if (statement is LocalFunctionStatementSyntax function)
                start = function.Modifiers.Count > 0 ? function.Modifiers[0].SpanStart : function.ReturnType.SpanStart;
            if (end <= start) end = statement.Span.End;
            return Location.Create(statement.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, end));
        }

        // ----- statements -----

        private EquatableArray<Stmt> LowerBranch(StatementSyntax? statement)
        {
            var output = new List<Stmt>();
            if (statement is not null) LowerStatement(statement, output);
            return output.ToEquatableArray();
        }

        private void LowerStatements(SyntaxList<StatementSyntax> statements, List<Stmt> output)
        {
            for (int i = 0; i < statements.Count; i++)
            {
                if (TryLowerBufferSwap(statements, i, output))
                {
                    i += 2;
                    continue;
                }
                LowerStatement(statements[i], output);
            }
        }

        private void LowerStatement(StatementSyntax statement, List<Stmt> output)
        {
            int first = output.Count;
            bool simple = statement is ExpressionStatementSyntax || statement is LocalDeclarationStatementSyntax || statement is ReturnStatementSyntax;
            var outerPre = _pre;
            var outerScope = _hoistScope;
            _pre = simple ? new List<Stmt>() : null;
            _hoistScope = simple ? statement : null;
            LowerStatementCore(statement, output);
            if (_pre is { Count: > 0 }) output.InsertRange(first, _pre);
            _pre = outerPre;
            _hoistScope = outerScope;
            // Statements lowered from this one carry its span unless they already have a narrower one.
            var location = LocationInfo.From(statement);
            for (int i = first; i < output.Count; i++)
                if (output[i].Location is null) output[i] = output[i] with { Location = location };
        }

        private void LowerStatementCore(StatementSyntax statement, List<Stmt> output)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (statement)
            {
                case BlockSyntax block:
                    LowerStatements(block.Statements, output);
                    break;
                case EmptyStatementSyntax:
                    break;
                case LocalDeclarationStatementSyntax decl:
                    LowerLocalDeclaration(decl, output);
                    break;
                case ExpressionStatementSyntax expressionStatement:
                    LowerExpressionStatement(expressionStatement, output);
                    break;
                case IfStatementSyntax ifStatement:
                    output.Add(new If(
                        LowerExpr(ifStatement.Condition),
                        LowerBranch(ifStatement.Statement),
                        LowerBranch(ifStatement.Else?.Statement),
                        "if (" + OneLine(ifStatement.Condition) + ")"));
                    break;
                case ForStatementSyntax forStatement:
                    LowerFor(forStatement, output);
                    break;
                case ForEachStatementSyntax forEach:
                    LowerForEach(forEach, output);
                    break;
                case WhileStatementSyntax whileStatement:
                    output.Add(new Loop(EquatableArray<Stmt>.Empty, LowerExpr(whileStatement.Condition), EquatableArray<Stmt>.Empty,
                        LowerBranch(whileStatement.Statement), false, "while (" + OneLine(whileStatement.Condition) + ")"));
                    break;
                case DoStatementSyntax doStatement:
                    output.Add(new Loop(EquatableArray<Stmt>.Empty, LowerExpr(doStatement.Condition), EquatableArray<Stmt>.Empty,
                        LowerBranch(doStatement.Statement), true, "do … while (" + OneLine(doStatement.Condition) + ")"));
                    break;
                case BreakStatementSyntax:
                    output.Add(new Break("break;"));
                    break;
                case ContinueStatementSyntax:
                    output.Add(new Continue("continue;"));
                    break;
                case ReturnStatementSyntax ret:
                    output.Add(new Return(ret.Expression is null ? null : LowerExpr(ret.Expression), OneLine(ret)));
                    break;
                case ThrowStatementSyntax throwStatement:
                    output.Add(new Throw(throwStatement.Expression is null ? null : LowerPassive(throwStatement.Expression), OneLine(throwStatement)));
                    break;
                case SwitchStatementSyntax switchStatement:
                    LowerSwitch(switchStatement, output);
                    break;
                case GotoStatementSyntax:
                    Report(Descriptors.UnsupportedStatement, statement, "'goto'", "write the control flow with if, loops, break and continue");
                    break;
                case LabeledStatementSyntax labeled:
                    Report(Descriptors.UnsupportedStatement, Header(statement), "The label '" + labeled.Identifier.Text + "'", "write the control flow with if, loops, break and continue");
                    LowerStatement(labeled.Statement, output);
                    break;
                case TryStatementSyntax:
                    Report(Descriptors.UnsupportedStatement, Header(statement), "'try'", "move the code that can fail out of the differentiable method, or validate inputs with an if and throw");
                    break;
                case LockStatementSyntax:
                    Report(Descriptors.UnsupportedStatement, Header(statement), "'lock'", "a differentiable method is pure; take the lock in the caller");
                    break;
                case UsingStatementSyntax:
                    Report(Descriptors.UnsupportedStatement, Header(statement), "'using'", "create and dispose resources in the caller");
                    break;
                case FixedStatementSyntax:
                    Report(Descriptors.UnsupportedExpression, Header(statement), "'fixed' (pointer code)", "use arrays or spans instead of pointers");
                    break;
                case UnsafeStatementSyntax:
                    Report(Descriptors.UnsupportedExpression, Header(statement), "An 'unsafe' block", "use arrays or spans instead of pointers");
                    break;
                case LocalFunctionStatementSyntax function:
                    // Not code that runs here: each call is inlined.
                    CheckLocalFunctionUses(function);
                    break;
                case CheckedStatementSyntax:
                    Report(Descriptors.UnsupportedStatement, Header(statement), "A checked/unchecked block", "remove the block; integer overflow checks do not affect derivatives");
                    break;
                case YieldStatementSyntax:
                    break; // reported once for the method
                case ForEachVariableStatementSyntax:
                    Report(Descriptors.UnsupportedStatement, Header(statement), "A deconstructing foreach", "iterate with an index and read each value into its own local");
                    break;
                default:
                    Report(Descriptors.UnsupportedStatement, Header(statement), "'" + statement.Kind() + "'", "rewrite it with assignments, if and loops");
                    break;
            }
        }

        /// <summary>A method-unique name for a local the lowering introduces.</summary>
        private string FreshLocalName(string stem)
        {
            string name = stem;
            for (int k = 2; _usedLocalNames.Contains(name) || ReservedNames.Contains(name); k++) name = stem + k;
            _usedLocalNames.Add(name);
            ReservedNames.Add(name);
            return name;
        }

        private string LocalName(ISymbol symbol)
        {
            if (_localNames.TryGetValue(symbol, out var name)) return name;
            // The reverse sweep declares every local at the top of the method: give shadowing
            // locals of sibling scopes distinct names.
            name = NameAllocator.Identifier(symbol.Name);
            for (int k = 2; _usedLocalNames.Contains(name); k++) name = NameAllocator.Identifier(symbol.Name) + k;
            _usedLocalNames.Add(name);
            _localNames[symbol] = name;
            ReservedNames.Add(name); // also for the copies of an inlined local function's locals, which leave _localNames
            return name;
        }

        private void LowerLocalDeclaration(LocalDeclarationStatementSyntax decl, List<Stmt> output)
        {
            if (decl.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
            {
                Report(Descriptors.UnsupportedStatement, decl, "'using'", "create and dispose resources in the caller");
                return;
            }
            foreach (var variable in decl.Declaration.Variables)
            {
                if (_model.GetDeclaredSymbol(variable) is not ILocalSymbol local) continue;
                if (local.IsRef)
                {
                    Report(Descriptors.UnsupportedStatement, decl, "A ref local", "use an ordinary local or an index");
                    continue;
                }
                var ty = TypeMapper.Map(local.Type);
                string source = (decl.IsConst ? "const " : "") + OneLine(decl.Declaration.Type) + " " + OneLine(variable) + ";";
                if (variable.Initializer is { } initializer
                    && (TryLowerInitializedArray(LocalName(local), ty, initializer.Value, source, output) || TryLowerCopiedArray(LocalName(local), ty, initializer.Value, source, output)))
                    continue;
                Expr? init = variable.Initializer is null ? null : LowerExpr(variable.Initializer.Value);
                if (ty.IsArrayLike && variable.Initializer is not null && AliasRoot(variable.Initializer.Value) is { } aliased)
                    _arrayAliases[local] = aliased;
                output.Add(new LocalDecl(LocalName(local), ty, init, source));
            }
        }

        private void LowerExpressionStatement(ExpressionStatementSyntax statement, List<Stmt> output)
        {
            string source = OneLine(statement);
            switch (statement.Expression)
            {
                case AssignmentExpressionSyntax assignment:
                    LowerAssignment(assignment, source, output);
                    break;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                    LowerIncrement(postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression), source, output);
                    break;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                    LowerIncrement(prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression), source, output);
                    break;
                case InvocationExpressionSyntax invocation:
                    if (TryLowerCopyStatement(invocation, source, output)) break;
                    if (_model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction })
                    {
                        LowerExpr(invocation); // its statements are inlined before this one; the value is unused
                        break;
                    }
                    output.Add(new ExprStmt(LowerExpr(invocation), source));
                    break;
                default:
                    Report(Descriptors.UnsupportedStatement, statement, "This expression statement", "write an assignment or a call");
                    break;
            }
        }

        private void LowerIncrement(ExpressionSyntax operand, bool increment, string source, List<Stmt> output)
        {
            var target = LowerTarget(operand);
            if (target is null) return;
            output.Add(new Assign(target, increment ? "+=" : "-=", new Lit("1", Ty.Int), source));
        }

        private void LowerAssignment(AssignmentExpressionSyntax assignment, string source, List<Stmt> output)
        {
            if (assignment.Left is TupleExpressionSyntax || assignment.Left is DeclarationExpressionSyntax)
            {
                LowerDeconstruction(assignment, source, output);
                return;
            }
            var target = LowerTarget(assignment.Left);
            var value = LowerExpr(assignment.Right);
            if (target is null) return;
            string op = assignment.OperatorToken.Text;
            if (op != "=" && op != "+=" && op != "-=" && op != "*=" && op != "/=" && target.Type.IsFloating)
            {
                Report(Descriptors.UnsupportedExpression, assignment, "'" + op + "' on a floating-point value", "write it with + - * / and Math functions");
                return;
            }
            output.Add(new Assign(target, op, value, source));
        }

        /// <summary>Lowers the left side of an assignment: a local, a parameter, or an element of one.</summary>
        private Expr? LowerTarget(ExpressionSyntax syntax)
        {
            while (syntax is ParenthesizedExpressionSyntax p) syntax = p.Expression;
            var symbol = _model.GetSymbolInfo(syntax).Symbol;
            if (syntax is IdentifierNameSyntax && (symbol is ILocalSymbol || symbol is IParameterSymbol))
            {
                var ty = TypeMapper.Map(((symbol as ILocalSymbol)?.Type) ?? ((IParameterSymbol)symbol).Type);
                if (ty.IsArrayLike)
                {
                    Report(Descriptors.UnsupportedExpression, syntax, "Reassigning the array '" + symbol.Name + "'",
                        "declare each array once and write its elements; to swap buffers between time steps, copy instead (next.CopyTo(" + symbol.Name + ") or an element loop)");
                    return null;
                }
                if (symbol is IParameterSymbol) _writtenParameters[symbol.Name] = (LocationInfo.From(syntax), "'" + OneLine(syntax.Parent) + "'");
                return LowerExpr(syntax);
            }
            if (syntax is ElementAccessExpressionSyntax element)
            {
                var root = element.Expression;
                while (root is ElementAccessExpressionSyntax inner) root = inner.Expression;
                while (root is ParenthesizedExpressionSyntax p2) root = p2.Expression;
                var rootSymbol = _model.GetSymbolInfo(root).Symbol;
                if (rootSymbol is ILocalSymbol aliasLocal && _arrayAliases.TryGetValue(aliasLocal, out var aliased))
                {
                    if (aliased is IParameterSymbol aliasedParameter)
                        _aliasWrites.Add((aliasedParameter.Name, LocationInfo.From(syntax), "The write to '" + OneLine(syntax) + "'"));
                    else
                    {
                        Report(Descriptors.WriteToState, syntax, OneLine(syntax), "an element of " + StateKind(aliased) + " (through the local '" + aliasLocal.Name + "')");
                        return null;
                    }
                }
                if (rootSymbol is IParameterSymbol parameter)
                {
                    if (!_writtenParameters.ContainsKey(parameter.Name)) _writtenParameters[parameter.Name] = (LocationInfo.From(syntax), "The write to '" + OneLine(syntax) + "'");
                }
                else if (rootSymbol is not ILocalSymbol)
                {
                    Report(Descriptors.WriteToState, syntax, OneLine(syntax), "an element of " + StateKind(rootSymbol));
                    return null;
                }
                var lowered = LowerExpr(syntax);
                if (lowered is ElemRef) return lowered;
                Report(Descriptors.UnsupportedExpression, syntax, "Writing through '" + OneLine(element.Expression) + "'", "write elements of a double[], double[,], double[][] or Span<double>");
                return null;
            }
            Report(Descriptors.WriteToState, syntax, OneLine(syntax), StateKind(symbol, named: !(syntax is IdentifierNameSyntax || syntax is MemberAccessExpressionSyntax)));
            return null;
        }

        /// <summary>"a field", "the static property 'Count'", …: what a write outside the locals targets.</summary>
        private static string StateKind(ISymbol? symbol, bool named = true)
        {
            bool isStatic = symbol is { IsStatic: true };
            string kind = symbol switch
            {
                IFieldSymbol => isStatic ? "static field" : "field",
                IPropertySymbol { IsIndexer: true } => "indexer",
                IPropertySymbol => isStatic ? "static property" : "property",
                IEventSymbol => isStatic ? "static event" : "event",
                ILocalSymbol => "local",
                IParameterSymbol => "parameter",
                null => "",
                _ => symbol.Kind.ToString().ToLowerInvariant(),
            };
            if (symbol is null) return "not a variable of this method";
            if (named && !(symbol is IPropertySymbol { IsIndexer: true })) return "the " + kind + " '" + symbol.Name + "'";
            return ("aeiou".IndexOf(kind[0]) >= 0 ? "an " : "a ") + kind;
        }

        /// <summary>
        /// What an array-valued expression aliases: <c>w</c>, <c>xs[i]</c> (a row), <c>w.AsSpan(…)</c>,
        /// <c>s.Slice(…)</c> of a parameter, field or property, or null for fresh memory.
        /// </summary>
        private ISymbol? AliasRoot(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax p:
                        expression = p.Expression;
                        continue;
                    case PostfixUnaryExpressionSyntax suppress when suppress.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        expression = suppress.Operand;
                        continue;
                    case ElementAccessExpressionSyntax element:
                        expression = element.Expression;
                        continue;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                        when access.Name.Identifier.Text is "AsSpan" or "Slice" or "AsMemory":
                        expression = access.Expression;
                        continue;
                }
                var symbol = _model.GetSymbolInfo(expression).Symbol;
                switch (symbol)
                {
                    case IParameterSymbol:
                    case IFieldSymbol:
                    case IPropertySymbol:
                        return symbol;
                    case ILocalSymbol local:
                        return _arrayAliases.TryGetValue(local, out var root) ? root : null;
                    default:
                        return null;
                }
            }
        }

        private void LowerFor(ForStatementSyntax forStatement, List<Stmt> output)
        {
            var init = new List<Stmt>();
            if (forStatement.Declaration is { } declaration)
            {
                foreach (var variable in declaration.Variables)
                {
                    if (_model.GetDeclaredSymbol(variable) is not ILocalSymbol local) continue;
                    init.Add(new LocalDecl(LocalName(local), TypeMapper.Map(local.Type),
                        variable.Initializer is null ? null : LowerExpr(variable.Initializer.Value), OneLine(declaration)));
                }
            }
            foreach (var initializer in forStatement.Initializers) LowerSideEffect(initializer, init);
            var step = new List<Stmt>();
            foreach (var incrementor in forStatement.Incrementors) LowerSideEffect(incrementor, step);
            var condition = forStatement.Condition is null ? null : LowerExpr(forStatement.Condition);
            string header = "for (" + OneLine(forStatement.Declaration) + string.Join(", ", forStatement.Initializers.Select(OneLine)) + "; "
                + (forStatement.Condition is null ? "" : OneLine(forStatement.Condition)) + "; "
                + string.Join(", ", forStatement.Incrementors.Select(OneLine)) + ")";
            output.Add(new Loop(init.ToEquatableArray(), condition, step.ToEquatableArray(), LowerBranch(forStatement.Statement), false, header));
        }

        private void LowerSideEffect(ExpressionSyntax expression, List<Stmt> output)
        {
            string source = OneLine(expression);
            switch (expression)
            {
                case AssignmentExpressionSyntax assignment:
                    LowerAssignment(assignment, source, output);
                    break;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                    LowerIncrement(postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression), source, output);
                    break;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                    LowerIncrement(prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression), source, output);
                    break;
                default:
                    output.Add(new ExprStmt(LowerExpr(expression), source));
                    break;
            }
        }

        private void LowerForEach(ForEachStatementSyntax forEach, List<Stmt> output)
        {
            var collectionType = TypeMapper.Map(_model.GetTypeInfo(forEach.Expression).Type);
            var local = _model.GetDeclaredSymbol(forEach);
            if (local is not null && collectionType.Scalar == ScalarKind.Other && IndexableCount(_model.GetTypeInfo(forEach.Expression).Type) is { } count)
            {
                LowerForEachOverConstants(forEach, local, count, output);
                return;
            }
            if (local is null || !(collectionType.Shape == Shape.Array || collectionType.Shape == Shape.Span || collectionType.Shape == Shape.ReadOnlySpan || collectionType.Shape == Shape.Jagged))
            {
                Report(Descriptors.UnsupportedStatement, Header(forEach), "foreach over '" + OneLine(forEach.Expression) + "'", "iterate over an array, a span or a list, or use a for loop over indices");
                return;
            }
            // foreach (var x in xs) body  ==>  for (int xIndex = 0; xIndex < xs.Length; xIndex++) { var x = xs[xIndex]; body }
            var collection = LowerExpr(forEach.Expression);
            string indexName = FreshLocalName(local.Name + "Index");
            var index = new VarRef(indexName, Ty.Int);
            string header = "foreach (" + OneLine(forEach.Type) + " " + forEach.Identifier.Text + " in " + OneLine(forEach.Expression) + ")";
            var init = EquatableArray.Create<Stmt>(new LocalDecl(indexName, Ty.Int, new Lit("0", Ty.Int), header));
            var condition = new Binary("<", index, new Opaque("{0}.Length", EquatableArray.Create(collection), Ty.Int), Ty.Bool);
            var step = EquatableArray.Create<Stmt>(new Assign(index, "+=", new Lit("1", Ty.Int), header));
            var elementType = TypeMapper.Map(local.Type);
            // foreach (double[] row in xs): the row is the caller's array, like double[] row = xs[i].
            if (elementType.IsArrayLike && AliasRoot(forEach.Expression) is { } aliased) _arrayAliases[local] = aliased;
            var body = new List<Stmt>
            {
                new LocalDecl(LocalName(local), elementType, new ElemRef(collection, EquatableArray.Create<Expr>(index), elementType), header),
            };
            LowerStatement(forEach.Statement, body);
            output.Add(new Loop(init, condition, step, body.ToEquatableArray(), false, header));
        }

        /// <summary>
        /// "Length" or "Count" when the type is indexable by int: an array of anything, a list, or
        /// an IReadOnlyList/IList (of constant data: such values carry no derivative). Null otherwise.
        /// </summary>
        private static string? IndexableCount(ITypeSymbol? type)
        {
            if (type is IArrayTypeSymbol { Rank: 1 }) return "Length";
            if (type is not INamedTypeSymbol named) return null;
            foreach (var t in new[] { named }.Concat(named.AllInterfaces))
            {
                string name = t.OriginalDefinition.ToDisplayString();
                if (name == "System.Collections.Generic.IReadOnlyList<T>" || name == "System.Collections.Generic.IList<T>") return "Count";
            }
            return null;
        }

        /// <summary>
        /// foreach over a list or an array of records: constant data, read by index.
        /// foreach (var r in rs) body  ==>  for (int rIndex = 0; rIndex &lt; rs.Count; rIndex++) { var r = rs[rIndex]; body }
        /// </summary>
        private void LowerForEachOverConstants(ForEachStatementSyntax forEach, ILocalSymbol local, string count, List<Stmt> output)
        {
            var collection = LowerExpr(forEach.Expression);
            string indexName = FreshLocalName(local.Name + "Index");
            var index = new VarRef(indexName, Ty.Int);
            string header = "foreach (" + OneLine(forEach.Type) + " " + forEach.Identifier.Text + " in " + OneLine(forEach.Expression) + ")";
            var init = EquatableArray.Create<Stmt>(new LocalDecl(indexName, Ty.Int, new Lit("0", Ty.Int), header));
            var condition = new Binary("<", index, new Opaque("{0}." + count, EquatableArray.Create(collection), Ty.Int), Ty.Bool);
            var step = EquatableArray.Create<Stmt>(new Assign(index, "+=", new Lit("1", Ty.Int), header));
            var elementType = TypeMapper.Map(local.Type);
            var body = new List<Stmt>
            {
                new LocalDecl(LocalName(local), elementType, new Opaque("{0}[{1}]", EquatableArray.Create(collection, index), elementType), header),
            };
            LowerStatement(forEach.Statement, body);
            output.Add(new Loop(init, condition, step, body.ToEquatableArray(), false, header));
        }

        private void LowerSwitch(SwitchStatementSyntax switchStatement, List<Stmt> output)
        {
            // switch on constants ==> an if/else chain; each section must end with break, return or throw.
            var governing = LowerExpr(switchStatement.Expression);
            EquatableArray<Stmt> defaultBody = EquatableArray<Stmt>.Empty;
            var arms = new List<(Expr Condition, EquatableArray<Stmt> Body, string Source)>();
            foreach (var section in switchStatement.Sections)
            {
                Expr? condition = null;
                bool isDefault = false;
                foreach (var label in section.Labels)
                {
                    if (label is DefaultSwitchLabelSyntax) { isDefault = true; continue; }
                    if (label is CaseSwitchLabelSyntax caseLabel)
                    {
                        var test = new Binary("==", governing, LowerExpr(caseLabel.Value), Ty.Bool);
                        condition = condition is null ? test : new Binary("||", condition, test, Ty.Bool);
                        continue;
                    }
                    if (label is CasePatternSwitchLabelSyntax patternLabel)
                    {
                        var test = PatternTest(patternLabel.Pattern, governing);
                        if (test is null) continue;
                        if (patternLabel.WhenClause is { } when) test = new Binary("&&", test, LowerExpr(when.Condition), Ty.Bool);
                        condition = condition is null ? test : new Binary("||", condition, test, Ty.Bool);
                        continue;
                    }
                    Report(Descriptors.UnsupportedStatement, label, "A pattern case label", "switch on constant values");
                }
                var statements = section.Statements.ToList();
                if (statements.Count > 0 && statements[statements.Count - 1] is BreakStatementSyntax) statements.RemoveAt(statements.Count - 1);
                var body = new List<Stmt>();
                foreach (var s in statements)
                {
                    if (s.DescendantNodesAndSelf(n => !(n is ForStatementSyntax || n is WhileStatementSyntax || n is DoStatementSyntax || n is ForEachStatementSyntax || n is SwitchStatementSyntax))
                        .OfType<BreakStatementSyntax>().Any())
                    {
                        Report(Descriptors.UnsupportedStatement, s, "'break' inside a switch section", "end the section with its break, or use if/else");
                    }
                    LowerStatement(s, body);
                }
                if (isDefault) defaultBody = body.ToEquatableArray();
                else if (condition is not null) arms.Add((condition, body.ToEquatableArray(), "case " + string.Join(", case ", section.Labels.Select(CaseText).Where(t => t.Length > 0)) + ":"));
            }
            var chain = defaultBody;
            for (int i = arms.Count - 1; i >= 0; i--)
            {
                var arm = arms[i];
                chain = EquatableArray.Create<Stmt>(new If(arm.Condition, arm.Body, chain, "switch (" + OneLine(switchStatement.Expression) + ") " + arm.Source));
            }
            foreach (var s in chain) output.Add(s);
        }

        private static string CaseText(SwitchLabelSyntax label) => label switch
        {
            CaseSwitchLabelSyntax c => OneLine(c.Value),
            CasePatternSwitchLabelSyntax p => OneLine(p.Pattern) + (p.WhenClause is null ? "" : " " + OneLine(p.WhenClause)),
            _ => "",
        };

        internal static string OneLine(SyntaxNode? node)
        {
            if (node is null) return "";
            var text = new StringBuilder();
            bool space = false;
            foreach (char c in node.WithoutTrivia().ToString())
            {
                if (char.IsWhiteSpace(c)) { space = true; continue; }
                if (space && text.Length > 0) text.Append(' ');
                space = false;
                text.Append(c);
            }
            string s = text.ToString();
            return s.Length > 120 ? s.Substring(0, 117) + "..." : s;
        }
    }
}
