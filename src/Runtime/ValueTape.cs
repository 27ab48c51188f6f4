using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace GradGen
{
    /// <summary>
    /// A last-in-first-out stack of values for generated reverse sweeps: the forward sweep pushes the
    /// values (overwritten locals, branch arms, trip counts) that the reverse sweep pops again.
    /// </summary>
    /// <remarks>
    /// <para>
    /// It starts in a caller-supplied buffer, normally <c>stackalloc</c>ed, and only when that is
    /// full moves to arrays rented from an <see cref="ArrayPool{T}"/>, so a warmed-up gradient call
    /// allocates nothing on the heap. <c>default</c> (or <c>new ValueTape&lt;T&gt;()</c>) is a valid,
    /// empty tape that rents on its first push.
    /// </para>
    /// <para>
    /// Always <see cref="Dispose"/> it (a <c>using</c> declaration does) so the rented array goes back
    /// to the pool; disposing twice is harmless. It is a <c>ref struct</c>: pass it by <c>ref</c>, a
    /// copy would share the buffer but not the count.
    /// </para>
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    public ref struct ValueTape<T>
        where T : unmanaged
    {
        private const int MinimumRentLength = 16;

        private Span<T> _buffer;
        private T[]? _rented;
        private ArrayPool<T>? _pool;
        private int _count;

        /// <summary>Creates an empty tape that fills <paramref name="initialBuffer"/> before renting.</summary>
        /// <param name="initialBuffer">The first storage, e.g. <c>stackalloc double[32]</c>; may be empty.</param>
        public ValueTape(Span<T> initialBuffer)
            : this(initialBuffer, null)
        {
        }

        /// <summary>Creates an empty tape that grows by renting from <paramref name="pool"/>.</summary>
        /// <param name="initialBuffer">The first storage; may be empty.</param>
        /// <param name="pool">The pool to rent from; <c>null</c> means <see cref="ArrayPool{T}.Shared"/>.</param>
        public ValueTape(Span<T> initialBuffer, ArrayPool<T>? pool)
        {
            _buffer = initialBuffer;
            _rented = null;
            _pool = pool;
            _count = 0;
        }

        /// <summary>The number of values on the tape.</summary>
        public readonly int Count => _count;

        /// <summary>Pushes a value.</summary>
        /// <param name="value">The value to save.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Push(T value)
        {
            int count = _count;
            Span<T> buffer = _buffer;
            // The unsigned compare lets the JIT drop the bounds check on the store.
            if ((uint)count < (uint)buffer.Length)
            {
                buffer[count] = value;
                _count = count + 1;
            }
            else
            {
                PushWithGrowth(value);
            }
        }

        /// <summary>Removes and returns the most recently pushed value.</summary>
        /// <returns>The value pushed last.</returns>
        /// <exception cref="IndexOutOfRangeException">The tape is empty (a push/pop mismatch).</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Pop()
        {
            // No call on the failure path: an empty tape fails the span's own bounds check. A call
            // here makes the JIT keep the reverse sweep's adjoints in memory instead of registers.
            int count = _count - 1;
            T value = _buffer[count];
            _count = count;
            return value;
        }

        /// <summary>Returns the most recently pushed value without removing it.</summary>
        /// <returns>The value pushed last.</returns>
        /// <exception cref="InvalidOperationException">The tape is empty.</exception>
        public readonly T Peek()
        {
            if (_count == 0)
            {
                ThrowEmpty();
            }

            return _buffer[_count - 1];
        }

        /// <summary>
        /// Returns any rented array to its pool and leaves the tape empty, as <c>default</c>.
        /// Idempotent.
        /// </summary>
        public void Dispose()
        {
            // Remember how far this thread's tapes grow, so the next one rents that much at once.
            if (_pool is null && _rented is not null && _rented.Length > PeakHint) PeakHint = _rented.Length;
            T[]? rented = _rented;
            ArrayPool<T> pool = Pool;
            // Forget the buffer before returning it, so this tape can never write into an array the
            // pool has handed to someone else.
            this = default;
            if (rented != null)
            {
                pool.Return(rented);
            }
        }

        private readonly ArrayPool<T> Pool => _pool ?? ArrayPool<T>.Shared;

        /// <summary>
        /// The largest array a tape of this element type rented from the shared pool on this thread:
        /// the next one rents that much at once instead of doubling its way up on every call.
        /// </summary>
        [ThreadStatic]
        private static int PeakHint;

        // Kept out of Push so that the inlined fast path stays a compare and a store.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void PushWithGrowth(T value)
        {
            int length = _buffer.Length;
            int hint = _rented is null && _pool is null ? PeakHint : 0;
            int newLength = hint > length ? hint
                : length < MinimumRentLength / 2 ? MinimumRentLength
                : length <= Array.MaxLength / 2 ? length * 2
                : length < Array.MaxLength ? Array.MaxLength
                : throw new InvalidOperationException("ValueTape cannot grow beyond Array.MaxLength values.");

            ArrayPool<T> pool = Pool;
            T[] next = pool.Rent(newLength);
            _buffer.Slice(0, _count).CopyTo(next);
            T[]? previous = _rented;
            _buffer = next;
            _rented = next;
            if (previous != null)
            {
                pool.Return(previous);
            }

            _buffer[_count++] = value;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowEmpty() =>
            throw new InvalidOperationException("ValueTape is empty: more pops than pushes.");
    }
}
