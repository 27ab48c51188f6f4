using System;
using System.Collections.Generic;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// One benchmarked problem: its data, the objective, the generated gradient, the hand-written
    /// gradient, and access to the differentiated parameters as one flat vector (for central
    /// differences, for comparing gradients and for exporting the data to the PyTorch peer).
    /// </summary>
    /// <remarks>
    /// Every output buffer is allocated once in the constructor, so a timed call allocates only what
    /// the called method itself allocates.
    /// </remarks>
    public abstract class Workload
    {
        private readonly List<Block> parameters = new List<Block>();

        protected Workload(string name, string description)
        {
            Name = name;
            Description = description;
        }

        /// <summary>Short name, used as the table row and in the peer's output (e.g. <c>gmm-d10-K25</c>).</summary>
        public string Name { get; }

        /// <summary>What is computed, with the sizes.</summary>
        public string Description { get; }

        /// <summary>Number of differentiated parameters (the length of the gradient).</summary>
        public int ParameterCount { get; private set; }

        /// <summary>The differentiated parameters, in gradient order.</summary>
        public IReadOnlyList<Block> Parameters => parameters;

        /// <summary>Evaluates the objective.</summary>
        public abstract double Objective();

        /// <summary>Evaluates the GradGen-generated gradient into this workload's generated-gradient buffers; returns the value.</summary>
        public abstract double GeneratedGradient();

        /// <summary>Evaluates the hand-written gradient into this workload's hand-gradient buffers; returns the value.</summary>
        public abstract double HandGradient();

        /// <summary>A copy of the last generated gradient, flat, in parameter order.</summary>
        public abstract double[] GeneratedResult();

        /// <summary>A copy of the last hand-written gradient, flat, in parameter order.</summary>
        public abstract double[] HandResult();

        /// <summary>Parameter <paramref name="index"/> of the flat parameter vector.</summary>
        public double GetParameter(int index)
        {
            (Block block, int offset) = Locate(index);
            return block.Get(offset);
        }

        /// <summary>Overwrites parameter <paramref name="index"/> of the flat parameter vector.</summary>
        public void SetParameter(int index, double value)
        {
            (Block block, int offset) = Locate(index);
            block.Set(offset, value);
        }

        /// <summary>The name of parameter <paramref name="index"/>, e.g. <c>icf[17]</c>.</summary>
        public string ParameterName(int index)
        {
            (Block block, int offset) = Locate(index);
            return $"{block.Name}[{offset}]";
        }

        /// <summary>Writes the data the PyTorch peer needs (see <see cref="DataExport"/>).</summary>
        public abstract void Export(DataExport.WorkloadEntry entry);

        protected void AddParameter(string name, double[] values)
        {
            AddBlock(new Block(name, values.Length, i => values[i], (i, v) => values[i] = v));
        }

        protected void AddParameter(string name, double[,] values)
        {
            int columns = values.GetLength(1);
            AddBlock(new Block(name, values.Length, i => values[i / columns, i % columns], (i, v) => values[i / columns, i % columns] = v));
        }

        protected static double[] Concat(params double[][] parts)
        {
            int length = 0;
            foreach (double[] part in parts)
            {
                length += part.Length;
            }

            var result = new double[length];
            int offset = 0;
            foreach (double[] part in parts)
            {
                Array.Copy(part, 0, result, offset, part.Length);
                offset += part.Length;
            }

            return result;
        }

        protected static double[] Flatten(double[,] matrix)
        {
            var result = new double[matrix.Length];
            int columns = matrix.GetLength(1);
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = matrix[i / columns, i % columns];
            }

            return result;
        }

        private void AddBlock(Block block)
        {
            parameters.Add(block);
            ParameterCount += block.Length;
        }

        private (Block Block, int Offset) Locate(int index)
        {
            if ((uint)index >= (uint)ParameterCount)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"{Name} has {ParameterCount} parameters.");
            }

            foreach (Block block in parameters)
            {
                if (index < block.Length)
                {
                    return (block, index);
                }

                index -= block.Length;
            }

            throw new InvalidOperationException("unreachable");
        }

        /// <summary>One differentiated parameter (an array), seen as a flat vector.</summary>
        public sealed class Block
        {
            public Block(string name, int length, Func<int, double> get, Action<int, double> set)
            {
                Name = name;
                Length = length;
                Get = get;
                Set = set;
            }

            public string Name { get; }

            public int Length { get; }

            public Func<int, double> Get { get; }

            public Action<int, double> Set { get; }
        }
    }
}
