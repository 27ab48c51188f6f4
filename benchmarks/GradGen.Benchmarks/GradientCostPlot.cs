using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace GradGen.Benchmarks
{
    /// <summary>
    /// A grouped bar chart (ScottPlot): per workload, each tool's gradient time divided by the C#
    /// objective's time (one denominator for every tool, so the bars compare the tools' absolute
    /// speeds), on a logarithmic axis.
    /// </summary>
    public static class GradientCostPlot
    {
        public static void Save(string path, IReadOnlyList<Measurement> rows, PeerResults? pytorch, PeerResults? torchSharp)
        {
            var series = new List<(string Label, Color Color, Func<Measurement, double> Seconds)>
            {
                ("GradGen generated", Colors.C0, m => m.Generated.MedianSeconds),
                ("hand-written", Colors.C1, m => m.Hand.MedianSeconds),
                ("central differences", Colors.C7, m => m.FiniteDifferences.MedianSeconds),
            };
            if (pytorch is not null)
            {
                series.Add(("PyTorch", Colors.C2, m => pytorch[m.Name]?.GradientSeconds ?? double.NaN));
            }

            if (torchSharp is not null)
            {
                series.Add(("TorchSharp", Colors.C3, m => torchSharp[m.Name]?.GradientSeconds ?? double.NaN));
            }

            var plot = new Plot();
            var bars = new List<Bar>();
            double width = 0.8 / series.Count;
            for (int w = 0; w < rows.Count; w++)
            {
                for (int s = 0; s < series.Count; s++)
                {
                    double ratio = series[s].Seconds(rows[w]) / rows[w].Objective.MedianSeconds;
                    if (double.IsNaN(ratio) || ratio <= 0)
                    {
                        continue;
                    }

                    bars.Add(new Bar
                    {
                        Position = w + (s - (series.Count - 1) / 2.0) * width,
                        Value = Math.Log10(ratio),
                        Size = width * 0.9,
                        FillColor = series[s].Color,
                        LineWidth = 0,
                    });
                }
            }

            plot.Add.Bars(bars);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r.Name).ToArray());
            double top = Math.Ceiling(bars.Count == 0 ? 1 : bars.Max(b => b.Value));
            double bottom = Math.Min(0, Math.Floor(bars.Count == 0 ? 0 : bars.Min(b => b.Value)));
            var decades = new List<double>();
            var labels = new List<string>();
            for (double e = bottom; e <= top; e++)
            {
                decades.Add(e);
                labels.Add(Math.Pow(10, e).ToString("G", System.Globalization.CultureInfo.InvariantCulture));
            }

            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(decades.ToArray(), labels.ToArray());
            plot.Axes.SetLimitsY(bottom, top + 0.3);
            plot.Axes.SetLimitsX(-0.6, rows.Count - 0.4);
            plot.Title("Gradient time ÷ C# objective time (log scale; lower is faster)");
            plot.YLabel("gradient / objective");
            foreach ((string label, Color color, _) in series)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
            }

            plot.ShowLegend(Alignment.UpperLeft);
            plot.SavePng(path, 1100, 520);
        }
    }
}
