using System;
using System.IO;

namespace GradGen.Workloads
{
    /// <summary>
    /// One ADBench LSTM instance: "l c b", main_params (2l rows × 4b), extra_params (3 rows × b),
    /// state (2l rows × b), then c rows × b of 0/1 bits. Flat order is reading order.
    /// </summary>
    public sealed class LstmInput
    {
        private LstmInput(int l, int c, int b, double[] mainParams, double[] extraParams, double[] state, double[] sequence)
        {
            L = l;
            C = c;
            B = b;
            MainParams = mainParams;
            ExtraParams = extraParams;
            State = state;
            Sequence = sequence;
        }

        /// <summary>Number of layers.</summary>
        public int L { get; }

        /// <summary>Number of characters in the sequence.</summary>
        public int C { get; }

        /// <summary>Bits per character (the hidden size).</summary>
        public int B { get; }

        /// <summary>Layer weights and biases, 8·L·B values.</summary>
        public double[] MainParams { get; }

        /// <summary>Input weight, output weight and output bias, 3·B values.</summary>
        public double[] ExtraParams { get; }

        /// <summary>Initial hidden and cell state per layer, 2·L·B values (a constant).</summary>
        public double[] State { get; }

        /// <summary>The character bits, C×B row-major.</summary>
        public double[] Sequence { get; }

        /// <summary>Number of differentiated parameters, 8LB + 3B.</summary>
        public int ParameterCount => MainParams.Length + ExtraParams.Length;

        /// <summary>Reads an instance from an ADBench LSTM text file.</summary>
        public static LstmInput Load(string path)
        {
            return Parse(File.ReadAllText(path), path);
        }

        /// <summary>Parses an instance from the text of an ADBench LSTM file; <paramref name="source"/> names it in errors.</summary>
        public static LstmInput Parse(string text, string source = "LSTM input")
        {
            var reader = new AdBenchText(text, source);
            int l = reader.ReadInt();
            int c = reader.ReadInt();
            int b = reader.ReadInt();
            if (l < 1 || c < 2 || b < 1)
            {
                throw new FormatException($"{source}: need l >= 1, c >= 2, b >= 1, got {l} {c} {b}.");
            }

            double[] mainParams = reader.ReadDoubles(8 * l * b);
            double[] extraParams = reader.ReadDoubles(3 * b);
            double[] state = reader.ReadDoubles(2 * l * b);
            double[] sequence = reader.ReadDoubles(c * b);
            reader.ExpectEnd();
            return new LstmInput(l, c, b, mainParams, extraParams, state, sequence);
        }
    }
}
