using System;
using System.Buffers;

namespace GradGen
{
    /// <summary>
    /// A zeroed span over an array rented from <see cref="ArrayPool{T}.Shared"/>: the scratch that
    /// generated code needs (adjoints of outputs, Jacobian rows) without a heap allocation per call.
    /// Call <see cref="Dispose"/> to return the array.
    /// </summary>
    public ref struct PooledSpan<T> where T : unmanaged
    {
        private T[]? _rented;

        private PooledSpan(T[] rented, int length)
        {
            _rented = rented;
            Span = rented.AsSpan(0, length);
        }

        /// <summary>The usable, zero-initialized span of the requested length.</summary>
        public Span<T> Span { get; }

        /// <summary>Rents an array of at least <paramref name="length"/> elements and clears the first <paramref name="length"/>.</summary>
        public static PooledSpan<T> Rent(int length)
        {
            var buffer = new PooledSpan<T>(ArrayPool<T>.Shared.Rent(length), length);
            buffer.Span.Clear();
            return buffer;
        }

        /// <summary>Returns the array to the pool; the span must not be used afterwards. Safe to call twice.</summary>
        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<T>.Shared.Return(_rented);
                _rented = null;
            }
        }
    }
}
