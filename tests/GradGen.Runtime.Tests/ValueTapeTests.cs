using System;
using System.Buffers;
using System.Collections.Generic;
using Xunit;

namespace GradGen.Runtime.Tests
{
    public class ValueTapeTests
    {
        /// <summary>An ArrayPool that records what is rented and returned.</summary>
        private sealed class CountingPool<T> : ArrayPool<T>
        {
            public List<T[]> Outstanding { get; } = new();

            public int Rents { get; private set; }

            public int Returns { get; private set; }

            public override T[] Rent(int minimumLength)
            {
                Rents++;
                var array = new T[minimumLength];
                Outstanding.Add(array);
                return array;
            }

            public override void Return(T[] array, bool clearArray = false)
            {
                Returns++;
                Assert.True(Outstanding.Remove(array), "returned an array that was not outstanding");
            }
        }

        [Fact]
        public void Pops_in_reverse_push_order_across_growth()
        {
            var pool = new CountingPool<double>();
            var tape = new ValueTape<double>(stackalloc double[4], pool);
            for (int i = 0; i < 1000; i++)
            {
                tape.Push(i * 0.5);
            }

            Assert.Equal(1000, tape.Count);
            Assert.Equal(999 * 0.5, tape.Peek());
            for (int i = 999; i >= 0; i--)
            {
                Assert.Equal(i * 0.5, tape.Pop());
            }

            Assert.Equal(0, tape.Count);
            Assert.True(pool.Rents > 1);
            Assert.Single(pool.Outstanding); // every outgrown array went back at once
            tape.Dispose();
        }

        [Fact]
        public void Interleaved_pushes_and_pops_behave_like_a_stack()
        {
            var tape = new ValueTape<int>(stackalloc int[2]);
            var reference = new Stack<int>();
            var random = new Random(7);
            for (int step = 0; step < 5000; step++)
            {
                if (reference.Count == 0 || random.Next(3) != 0)
                {
                    tape.Push(step);
                    reference.Push(step);
                }
                else
                {
                    Assert.Equal(reference.Pop(), tape.Pop());
                }

                Assert.Equal(reference.Count, tape.Count);
            }

            while (reference.Count > 0)
            {
                Assert.Equal(reference.Pop(), tape.Pop());
            }

            tape.Dispose();
        }

        [Fact]
        public void Dispose_returns_the_rented_array_once()
        {
            var pool = new CountingPool<long>();
            var tape = new ValueTape<long>(stackalloc long[8], pool);
            for (long i = 0; i < 100; i++)
            {
                tape.Push(i);
            }

            Assert.Single(pool.Outstanding);
            tape.Dispose();
            Assert.Empty(pool.Outstanding);
            Assert.Equal(pool.Rents, pool.Returns);

            tape.Dispose(); // idempotent
            Assert.Equal(pool.Rents, pool.Returns);
            Assert.Equal(0, tape.Count);
        }

        [Fact]
        public void Nothing_is_rented_while_the_initial_buffer_suffices()
        {
            var pool = new CountingPool<double>();
            var tape = new ValueTape<double>(stackalloc double[16], pool);
            for (int i = 0; i < 16; i++)
            {
                tape.Push(i);
            }

            Assert.Equal(0, pool.Rents);
            tape.Push(16);
            Assert.Equal(1, pool.Rents);
            tape.Dispose();
            Assert.Equal(1, pool.Returns);
        }

        [Fact]
        public void A_default_tape_grows_from_empty()
        {
            ValueTape<double> tape = default;
            Assert.Equal(0, tape.Count);
            tape.Push(1.5);
            tape.Push(2.5);
            Assert.Equal(2.5, tape.Pop());
            Assert.Equal(1.5, tape.Pop());
            tape.Dispose();

            var created = new ValueTape<int>();
            created.Push(3);
            Assert.Equal(3, created.Pop());
            created.Dispose();

            var empty = new ValueTape<int>(Span<int>.Empty);
            empty.Push(4);
            Assert.Equal(4, empty.Peek());
            empty.Dispose();
        }

        [Fact]
        public void Popping_an_empty_tape_throws()
        {
            var tape = new ValueTape<double>(stackalloc double[2]);
            tape.Push(1);
            tape.Pop();

            // A ref struct cannot be captured by a lambda, hence no Assert.Throws. Pop fails on the
            // span's bounds check (no call on its hot path); Peek with its own message.
            IndexOutOfRangeException? popError = null;
            InvalidOperationException? peekError = null;
            try
            {
                tape.Pop();
            }
            catch (IndexOutOfRangeException e)
            {
                popError = e;
            }

            try
            {
                tape.Peek();
            }
            catch (InvalidOperationException e)
            {
                peekError = e;
            }

            Assert.NotNull(popError);
            Assert.NotNull(peekError);
            Assert.Equal(0, tape.Count);
        }

        [Fact]
        public void Steady_state_use_does_not_allocate()
        {
            // Round 0 warms up the JIT and the shared pool; rounds after that must allocate nothing.
            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                double sum = PushAndPop(10_000);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

                Assert.Equal(10_000 * 9_999 / 2.0, sum);
                if (round > 0)
                {
                    Assert.Equal(0, allocated);
                }
            }
        }

        private static double PushAndPop(int n)
        {
            var tape = new ValueTape<double>(stackalloc double[64]);
            try
            {
                for (int i = 0; i < n; i++)
                {
                    tape.Push(i);
                }

                double sum = 0;
                while (tape.Count > 0)
                {
                    sum += tape.Pop();
                }

                return sum;
            }
            finally
            {
                tape.Dispose();
            }
        }
    }
}
