using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GradGen.EndToEnd.Tests.Fuzz
{
    /// <summary>
    /// Writes a random but valid scalar-valued [Differentiable] method from a seed, as a template in
    /// which "§T" stands for the value type and "§M" for the math class: instantiated with
    /// double/Math it is the method under test, with D/D (the forward-mode dual in
    /// <see cref="RandomProgramSource"/>) it is its exact forward-mode twin. Same statements, same
    /// branch decisions, so the two derivatives must agree to rounding.
    /// </summary>
    internal sealed class RandomProgramGenerator
    {
        private readonly Random _rng;
        private readonly StringBuilder _sb = new StringBuilder();
        private readonly List<string> _scalars = new List<string>();   // double-valued names in scope
        private readonly List<string> _ints = new List<string>();      // int loop counters in scope
        private readonly List<string> _assignable = new List<string>(); // locals that may be reassigned
        private bool _hasLocalArray;
        private int _loopDepth;
        private int _nextLocal;
        private int _statementBudget;

        public int ScalarParameters { get; }

        private RandomProgramGenerator(int seed)
        {
            _rng = new Random(seed);
            ScalarParameters = 1 + _rng.Next(3);
        }

        /// <summary>The method body template (parameters a, b, c… and double[] x; x.Length &gt;= 3).</summary>
        public static (string Template, int ScalarParameters) Generate(int seed)
        {
            var g = new RandomProgramGenerator(seed);
            return (g.Body(), g.ScalarParameters);
        }

        private string Body()
        {
            for (int k = 0; k < ScalarParameters; k++)
            {
                _scalars.Add(((char)('a' + k)).ToString());
            }

            for (int k = 0; k < 3; k++)
            {
                _scalars.Add($"x[{k}]");
            }

            Line(1, "int n = x.Length;");
            _ints.Add("n");
            int locals = 2 + _rng.Next(3);
            for (int k = 0; k < locals; k++)
            {
                string name = "l" + k;
                Line(1, $"§T {name} = {Expr(2)};");
                _scalars.Add(name);
                _assignable.Add(name);
            }

            if (_rng.Next(2) == 0)
            {
                _hasLocalArray = true;
                Line(1, "§T[] t = new §T[n];");
            }

            _statementBudget = 10 + _rng.Next(10);
            while (_statementBudget > 0)
            {
                Statement(1);
            }

            Line(1, $"return {Expr(2)};");
            return _sb.ToString();
        }

        private void Line(int indent, string text) => _sb.Append(' ', 4 * (indent + 1)).Append(text).Append('\n');

        private string Pick(List<string> list) => list[_rng.Next(list.Count)];

        private string Constant()
        {
            double c = Math.Round(_rng.NextDouble() * 3 - 1.5, 2);
            if (c == 0)
            {
                c = 0.25;
            }

            string s = c.ToString("0.0#", CultureInfo.InvariantCulture);
            return c < 0 ? "(" + s + ")" : s;
        }

        private string Leaf()
        {
            int r = _rng.Next(20);
            if (r < 2)
            {
                return Constant();
            }

            if (r < 4 && _ints.Count > 1)
            {
                return $"(0.25 * {Pick(_ints)})";
            }

            if (r < 6 && _hasLocalArray)
            {
                return $"t[{Index()}]";
            }

            if (r < 8)
            {
                return $"x[{Index()}]";
            }

            return Pick(_scalars);
        }

        /// <summary>An in-range index into an array of length n.</summary>
        private string Index()
        {
            string i = _ints.Count > 1 ? _ints[1 + _rng.Next(_ints.Count - 1)] : "0";
            switch (_rng.Next(5))
            {
                case 0: return _ints.Count > 1 ? i : "0";
                case 1: return $"({i} + {1 + _rng.Next(3)}) % n";
                case 2: return $"n - 1 - {i}";
                case 3: return _ints.Count > 2 ? $"({_ints[1]} * 2 + {_ints[_ints.Count - 1]}) % n" : $"({i} * 2 + 1) % n";
                default: return _rng.Next(3).ToString(CultureInfo.InvariantCulture);
            }
        }

        private string Cmp() => _rng.Next(2) == 0 ? ">" : "<";

        private string Expr(int depth)
        {
            if (depth <= 0 || _rng.Next(4) == 0)
            {
                return Leaf();
            }

            string E() => Expr(depth - 1);
            switch (_rng.Next(17))
            {
                case 0: return $"({E()} + {E()})";
                case 1: return $"({E()} - {E()})";
                case 2: return $"({E()} * {E()})";
                case 3: return $"({E()} * §M.Tanh({E()}))";
                case 4:
                {
                    string d = E();
                    return $"({E()} / (1.5 + {d} * {d}))";
                }

                case 5: return $"-{Leaf()}";
                case 6: return $"§M.Sin({E()})";
                case 7: return $"§M.Cos({E()})";
                case 8: return $"§M.Exp(0.5 * §M.Sin({E()}))";
                case 9: return $"§M.Tanh({E()})";
                case 10:
                {
                    string e = E();
                    return $"§M.Sqrt({e} * {e} + 1)";
                }

                case 11:
                {
                    string e = E();
                    return $"§M.Log({e} * {e} + 1)";
                }

                case 12: return $"§M.Max({E()}, {E()})";
                case 13: return $"§M.Min({E()}, {E()})";
                case 14: return $"§M.Abs({E()})";
                case 15: return $"({E()} {Cmp()} {E()} ? {E()} : {E()})";
                default: return $"({E()} + {E()})";
            }
        }

        private string Cond() => $"{Expr(1)} {Cmp()} {Expr(1)}";

        private void Statement(int indent)
        {
            _statementBudget--;
            int r = _rng.Next(20);
            if (r < 6 || indent > 4)
            {
                Assign(indent);
            }
            else if (r < 9)
            {
                Line(indent, $"if ({Cond()})");
                Block(indent, 1 + _rng.Next(2));
                if (_rng.Next(2) == 0)
                {
                    Line(indent, "else");
                    Block(indent, 1 + _rng.Next(2));
                }
            }
            else if (r < 14 && _loopDepth < 2)
            {
                Loop(indent);
            }
            else if (r < 15)
            {
                // early return inside a branch (possibly inside a loop)
                Line(indent, $"if ({Cond()}) return {Expr(2)};");
            }
            else if (r < 17 && _loopDepth > 0)
            {
                Line(indent, $"if ({Cond()}) {(_rng.Next(3) == 0 ? "continue" : "break")};");
            }
            else if (r < 19 && _hasLocalArray)
            {
                string op = _rng.Next(2) == 0 ? "=" : "+=";
                Line(indent, $"t[{Index()}] {op} {Expr(2)};");
            }
            else
            {
                Assign(indent);
            }
        }

        private void Block(int indent, int count)
        {
            Line(indent, "{");
            int scalars = _scalars.Count;
            int assignable = _assignable.Count;
            if (_rng.Next(3) == 0)
            {
                // a block-scoped local
                string name = "v" + _nextLocal++;
                Line(indent + 1, $"§T {name} = {Expr(2)};");
                _scalars.Add(name);
                _assignable.Add(name);
            }

            for (int k = 0; k < count; k++)
            {
                Statement(indent + 1);
            }

            _scalars.RemoveRange(scalars, _scalars.Count - scalars);
            _assignable.RemoveRange(assignable, _assignable.Count - assignable);
            Line(indent, "}");
        }

        private void Loop(int indent)
        {
            string i = _loopDepth == 0 ? "i" : "j";
            string bound = _loopDepth == 0 ? "n" : (_rng.Next(3) switch { 0 => "n", 1 => "i", _ => "i + 1" });
            Line(indent, $"for (int {i} = 0; {i} < {bound}; {i}++)");
            _ints.Add(i);
            _loopDepth++;
            Line(indent, "{");
            int scalars = _scalars.Count;
            int assignable = _assignable.Count;
            if (_rng.Next(2) == 0)
            {
                string name = "e" + _nextLocal++;
                Line(indent + 1, $"§T {name} = {Expr(2)};");
                _scalars.Add(name);
            }

            // the typical loop bodies: accumulation, product, recurrence
            string target = Pick(_assignable);
            switch (_rng.Next(4))
            {
                case 0: Line(indent + 1, $"{target} += {Expr(2)};"); break;
                case 1: Line(indent + 1, $"{target} *= 1 + 0.3 * §M.Tanh({Expr(2)});"); break;
                case 2: Line(indent + 1, $"{target} = {target} * 0.5 + {Expr(2)};"); break;
                default: break;
            }

            int count = 1 + _rng.Next(3);
            for (int k = 0; k < count; k++)
            {
                Statement(indent + 1);
            }

            _scalars.RemoveRange(scalars, _scalars.Count - scalars);
            _assignable.RemoveRange(assignable, _assignable.Count - assignable);
            Line(indent, "}");
            _loopDepth--;
            _ints.RemoveAt(_ints.Count - 1);
        }

        private void Assign(int indent)
        {
            string target = Pick(_assignable);
            switch (_rng.Next(6))
            {
                case 0: Line(indent, $"{target} += {Expr(2)};"); break;
                case 1: Line(indent, $"{target} -= {Expr(2)};"); break;
                case 2: Line(indent, $"{target} *= §M.Tanh({Expr(2)});"); break;
                case 3: Line(indent, $"{target} = {target} * 0.5 + {Expr(2)};"); break;
                default: Line(indent, $"{target} = {Expr(3)};"); break;
            }
        }
    }
}
