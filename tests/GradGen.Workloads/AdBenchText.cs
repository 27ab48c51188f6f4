using System;
using System.Globalization;

namespace GradGen.Workloads
{
    /// <summary>
    /// Reads ADBench's whitespace-separated text files token by token (line breaks carry no meaning).
    /// </summary>
    internal sealed class AdBenchText
    {
        private static readonly char[] Whitespace = { ' ', '\t', '\r', '\n' };

        private readonly string[] tokens;
        private readonly string source;
        private int position;

        public AdBenchText(string text, string source)
        {
            tokens = text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
            this.source = source;
        }

        public int ReadInt()
        {
            string token = Next();
            if (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                throw new FormatException($"{source}: expected an integer at token {position}, found '{token}'.");
            }

            return value;
        }

        public double ReadDouble()
        {
            string token = Next();
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new FormatException($"{source}: expected a number at token {position}, found '{token}'.");
            }

            return value;
        }

        public double[] ReadDoubles(int count)
        {
            double[] values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = ReadDouble();
            }

            return values;
        }

        public void ExpectEnd()
        {
            if (position != tokens.Length)
            {
                throw new FormatException($"{source}: {tokens.Length - position} unexpected tokens after the data, starting with '{tokens[position]}'.");
            }
        }

        private string Next()
        {
            if (position >= tokens.Length)
            {
                throw new FormatException($"{source}: the file ends early, after {tokens.Length} tokens.");
            }

            return tokens[position++];
        }
    }
}
