using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace GradGen.Benchmarks.Analysis
{
    /// <summary>
    /// GradGen.ValueTape&lt;T&gt; without the empty check in <see cref="Pop"/>: the same stackalloc
    /// start and pooled growth, used by the `--analyze` copies to measure what the check's
    /// throw-helper call costs the reverse loops (the JIT keeps values live across it on the stack).
    /// </summary>
    internal ref struct UncheckedTape<T>
        where T : unmanaged
    {
        private Span<T> buffer;
        private T[]? rented;
        private int count;

        public UncheckedTape(Span<T> initial)
        {
            buffer = initial;
            rented = null;
            count = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Push(T value)
        {
            if ((uint)count < (uint)buffer.Length)
            {
                buffer[count++] = value;
            }
            else
            {
                Grow(value);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Pop() => buffer[--count];

        public void Dispose()
        {
            T[]? array = rented;
            this = default;
            if (array != null)
            {
                ArrayPool<T>.Shared.Return(array);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Grow(T value)
        {
            T[] bigger = ArrayPool<T>.Shared.Rent(Math.Max(16, buffer.Length * 2));
            buffer.Slice(0, count).CopyTo(bigger);
            if (rented != null)
            {
                ArrayPool<T>.Shared.Return(rented);
            }

            rented = bigger;
            buffer = bigger;
            buffer[count++] = value;
        }
    }
}
