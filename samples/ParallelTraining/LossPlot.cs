using System.Collections.Generic;
using System.Linq;

namespace ParallelTraining
{
    /// <summary>The loss curve (and test accuracy) as a PNG, drawn with ScottPlot.</summary>
    public static class LossPlot
    {
        public static void Save(string path, IReadOnlyList<EpochResult> epochs, string title)
        {
            var plot = new ScottPlot.Plot();
            double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
            var loss = plot.Add.Scatter(x, epochs.Select(e => e.Loss).ToArray());
            loss.LegendText = "training loss (mean cross-entropy)";
            loss.MarkerSize = 0;
            loss.LineWidth = 2;
            var error = plot.Add.Scatter(x, epochs.Select(e => 1 - e.TestAccuracy).ToArray());
            error.LegendText = "test error rate (30 held-out rows)";
            error.MarkerSize = 0;
            error.LineWidth = 2;
            plot.Title(title);
            plot.XLabel("epoch");
            plot.YLabel("loss / error rate");
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
            plot.SavePng(path, 800, 450);
        }
    }
}
