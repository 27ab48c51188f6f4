using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// Writes the exact benchmark data for the PyTorch peer (benchmarks/peer/bench.py): one raw
    /// little-endian float64 file per array and a manifest.json naming them with their shapes, plus,
    /// per workload, the C# objective value and hand-written gradient so that the peer can check it
    /// computes the same function. The ADBench workloads record only the data file's path: the peer
    /// reads the same file itself.
    /// </summary>
    public static class DataExport
    {
        public const string ManifestName = "manifest.json";

        /// <summary>Exports <paramref name="workloads"/> into <paramref name="directory"/>; returns the manifest's path.</summary>
        public static string Write(string directory, IEnumerable<Workload> workloads)
        {
            Directory.CreateDirectory(directory);
            var entries = new List<WorkloadEntry>();
            foreach (Workload workload in workloads)
            {
                var entry = new WorkloadEntry(directory, workload.Name);
                workload.Export(entry);
                entry.Scalar("reference_value", workload.Objective());
                workload.HandGradient();
                entry.Array("reference_gradient", workload.HandResult(), workload.ParameterCount);
                entries.Add(entry);
            }

            string manifest = Path.Combine(directory, ManifestName);
            using (var stream = File.Create(manifest))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("format", "raw little-endian float64, row-major");
                json.WriteNumber("logistic_n", Catalog.LogisticN);
                json.WriteNumber("logistic_d", Catalog.LogisticD);
                json.WriteStartObject("workloads");
                foreach (WorkloadEntry entry in entries)
                {
                    entry.WriteTo(json);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            return manifest;
        }

        /// <summary>What one workload exports.</summary>
        public sealed class WorkloadEntry
        {
            private readonly string directory;
            private readonly List<(string Name, string File, int[] Shape)> arrays = new List<(string, string, int[])>();
            private readonly List<(string Name, double Value)> scalars = new List<(string, double)>();
            private readonly List<(string Name, string Value)> texts = new List<(string, string)>();

            internal WorkloadEntry(string directory, string name)
            {
                this.directory = directory;
                Name = name;
            }

            public string Name { get; }

            /// <summary>Which objective the peer computes: logistic, network, gmm, lstm or rosenbrock.</summary>
            public string Kind { get; set; } = "";

            /// <summary>Writes <paramref name="values"/> (row-major, of the given shape) to &lt;workload&gt;.&lt;name&gt;.f64.</summary>
            public void Array(string name, double[] values, params int[] shape)
            {
                long count = 1;
                foreach (int s in shape)
                {
                    count *= s;
                }

                if (count != values.Length)
                {
                    throw new ArgumentException($"{Name}.{name}: {values.Length} values do not fill shape [{string.Join(", ", shape)}].", nameof(shape));
                }

                string file = $"{Name}.{name}.f64";
                var bytes = new byte[values.Length * sizeof(double)];
                for (int i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
                }

                File.WriteAllBytes(Path.Combine(directory, file), bytes);
                arrays.Add((name, file, shape));
            }

            public void Scalar(string name, double value) => scalars.Add((name, value));

            public void Text(string name, string value) => texts.Add((name, value));

            internal void WriteTo(Utf8JsonWriter json)
            {
                json.WriteStartObject(Name);
                json.WriteString("kind", Kind);
                foreach ((string name, string value) in texts)
                {
                    json.WriteString(name, value);
                }

                foreach ((string name, double value) in scalars)
                {
                    // Utf8JsonWriter writes the shortest round-trip form: Python parses back the same double.
                    json.WriteNumber(name, value);
                }

                json.WriteStartObject("arrays");
                foreach ((string name, string file, int[] shape) in arrays)
                {
                    json.WriteStartObject(name);
                    json.WriteString("file", file);
                    json.WriteStartArray("shape");
                    foreach (int s in shape)
                    {
                        json.WriteNumberValue(s);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }
        }
    }
}
