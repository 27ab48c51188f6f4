using System;

namespace GradGen
{
    /// <summary>
    /// Shape checks and clearing for gradient outputs, called by generated code before anything
    /// is written, so a mismatched output fails with an <see cref="ArgumentException"/> naming it.
    /// </summary>
    public static class Shapes
    {
        /// <summary>Throws unless a gradient output has its input's length.</summary>
        public static void Check(int outputLength, int inputLength, string outputName)
        {
            if (outputLength != inputLength)
                throw new ArgumentException($"The gradient output '{outputName}' has length {outputLength}, but its input has length {inputLength}.", outputName);
        }

        /// <summary>Throws unless a matrix gradient output has its input's dimensions.</summary>
        public static void Check<T>(T[,] output, T[,] input, string outputName)
        {
            if (output is null) throw new ArgumentNullException(outputName);
            if (output.GetLength(0) != input.GetLength(0) || output.GetLength(1) != input.GetLength(1))
                throw new ArgumentException($"The gradient output '{outputName}' is {output.GetLength(0)}×{output.GetLength(1)}, but its input is {input.GetLength(0)}×{input.GetLength(1)}.", outputName);
        }

        /// <summary>Throws unless a jagged gradient output has its input's row count and row lengths.</summary>
        public static void Check<T>(T[][] output, T[][] input, string outputName)
        {
            if (output is null) throw new ArgumentNullException(outputName);
            if (output.Length != input.Length)
                throw new ArgumentException($"The gradient output '{outputName}' has {output.Length} rows, but its input has {input.Length}.", outputName);
            for (int i = 0; i < input.Length; i++)
            {
                if (output[i] is null || output[i].Length != input[i].Length)
                    throw new ArgumentException($"Row {i} of the gradient output '{outputName}' has length {output[i]?.Length ?? 0}, but the input's row has length {input[i].Length}.", outputName);
            }
        }

        /// <summary>Throws unless a Jacobian output has one row per output and one column per input.</summary>
        public static void CheckJacobian<T>(T[,] jacobian, int outputs, int inputs, string name)
        {
            if (jacobian is null) throw new ArgumentNullException(name);
            if (jacobian.GetLength(0) != outputs || jacobian.GetLength(1) != inputs)
                throw new ArgumentException($"The Jacobian '{name}' is {jacobian.GetLength(0)}×{jacobian.GetLength(1)}, but it must be {outputs}×{inputs} (outputs × inputs).", name);
        }

        /// <summary>
        /// <paramref name="index"/>, after checking it against the length of the row it indexes: a local
        /// jagged array is stored as one flat array in generated code, and an index past its row must
        /// throw as the original <c>a[row][index]</c> does, not read the next row.
        /// </summary>
        public static int RowIndex(int index, int rowLength)
            => (uint)index < (uint)rowLength ? index : throw new IndexOutOfRangeException($"Index {index} is outside the row's bounds (length {rowLength}).");

        /// <summary>Sets every element of a jagged array to zero.</summary>
        public static void Clear<T>(T[][] array)
        {
            foreach (var row in array) Array.Clear(row);
        }
    }
}
