using System;
using GradGen;

namespace GradGen.Workloads
{
    /// <summary>
    /// ADBench's LSTM objective (microsoft/ADBench src/cpp/shared/lstm.h), ported to C# the way a
    /// user would write it, plus an expert hand-written reverse-mode gradient.
    /// </summary>
    /// <remarks>
    /// Layout (flat, in file order): <c>mainParams</c> is 2l rows of 4b — for layer L row 2L holds
    /// the weights [forget | ingate | outgate | change] and row 2L+1 the biases in the same order,
    /// so layer L starts at 8bL. <c>extraParams</c> is [in_weight | out_weight | out_bias] (3b).
    /// <c>state</c> is 2l rows of b: for layer L the hidden row (offset 2bL) then the cell row
    /// (offset 2bL + b). <c>sequence</c> is c rows of b bits. All weights are diagonal (elementwise).
    /// </remarks>
    public static partial class Lstm
    {
        /// <summary>
        /// The LSTM next-character loss: −(1/((c−1)b)) Σ_t Σ_i s_{t+1,i}(ŷ_{t,i} − log(Σ_j e^{ŷ_{t,j}} + 2)).
        /// The "+2" is ADBench's quirk (microsoft/ADBench issue #143), kept to match its numbers.
        /// </summary>
        [Differentiable(nameof(mainParams), nameof(extraParams))]
        public static double Objective(double[] mainParams, double[] extraParams, double[] state, double[] sequence, int l, int c, int b)
        {
            // The recurrent state evolves from step to step; inputs are never written, so the
            // objective works on its own copy.
            double[] current = new double[state.Length];
            for (int i = 0; i < state.Length; i++)
            {
                current[i] = state[i];
            }

            double[] layerInput = new double[b];
            double[] yPred = new double[b];
            double total = 0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    layerInput[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    int p = 8 * b * layer;       // this layer's weights; its biases start at p + 4b
                    int hidden = 2 * b * layer;  // this layer's hidden row; its cell row starts at hidden + b
                    for (int i = 0; i < b; i++)
                    {
                        // The forget and output gates read the layer's input, the input gate and the
                        // candidate read the layer's previous hidden value (as ADBench does).
                        double forget = Sigmoid(layerInput[i] * mainParams[p + i] + mainParams[p + 4 * b + i]);
                        double ingate = Sigmoid(current[hidden + i] * mainParams[p + b + i] + mainParams[p + 5 * b + i]);
                        double outgate = Sigmoid(layerInput[i] * mainParams[p + 2 * b + i] + mainParams[p + 6 * b + i]);
                        double change = Math.Tanh(current[hidden + i] * mainParams[p + 3 * b + i] + mainParams[p + 7 * b + i]);

                        current[hidden + b + i] = current[hidden + b + i] * forget + ingate * change;
                        current[hidden + i] = outgate * Math.Tanh(current[hidden + b + i]);

                        // The new hidden value is the next layer's input.
                        layerInput[i] = current[hidden + i];
                    }
                }

                double sumExp = 0;
                for (int i = 0; i < b; i++)
                {
                    yPred[i] = layerInput[i] * extraParams[b + i] + extraParams[2 * b + i];
                    sumExp += Math.Exp(yPred[i]);
                }

                double lse = Math.Log(sumExp + 2);
                for (int i = 0; i < b; i++)
                {
                    total += sequence[(t + 1) * b + i] * (yPred[i] - lse);
                }
            }

            return -total / ((c - 1) * b);
        }

        /// <summary>The logistic function 1 / (1 + e^−z).</summary>
        [Differentiable]
        public static double Sigmoid(double z)
        {
            return 1 / (1 + Math.Exp(-z));
        }

        /// <summary>
        /// Expert hand-written reverse-mode gradient of <see cref="Objective"/>: overwrites
        /// <paramref name="dMainParams"/> and <paramref name="dExtraParams"/> with the gradient and returns the loss.
        /// </summary>
        /// <remarks>
        /// The forward pass runs the recurrence once and records, for every step, layer and unit,
        /// what the backward pass needs: the layer input, the previous hidden and cell values, the
        /// four gate values and tanh of the new cell (8 values), plus the softmax-like weights
        /// e^{ŷ}/(Σe^{ŷ}+2) of every step. The backward pass walks the steps in reverse carrying
        /// the adjoints of each layer's hidden and cell state (the initial state is a constant, so
        /// its adjoint is dropped at the end).
        /// </remarks>
        public static double HandGradient(
            double[] mainParams, double[] extraParams, double[] state, double[] sequence, int l, int c, int b,
            Span<double> dMainParams, Span<double> dExtraParams)
        {
            if (dMainParams.Length != 8 * l * b)
            {
                throw new ArgumentException($"Expected length {8 * l * b}, got {dMainParams.Length}.", nameof(dMainParams));
            }

            if (dExtraParams.Length != 3 * b)
            {
                throw new ArgumentException($"Expected length {3 * b}, got {dExtraParams.Length}.", nameof(dExtraParams));
            }

            dMainParams.Clear();
            dExtraParams.Clear();

            int steps = c - 1;
            int recorded = steps * l * b;      // one slot per (step, layer, unit): index (t·l + layer)·b + i
            double[] inputs = new double[recorded];
            double[] hiddenPrev = new double[recorded];
            double[] cellPrev = new double[recorded];
            double[] forgets = new double[recorded];
            double[] ingates = new double[recorded];
            double[] outgates = new double[recorded];
            double[] changes = new double[recorded];
            double[] tanhCells = new double[recorded];
            double[] probabilities = new double[steps * b];   // e^{ŷ_ti} / (Σ_j e^{ŷ_tj} + 2)

            double[] current = (double[])state.Clone();
            double[] layerInput = new double[b];
            double[] yPred = new double[b];
            double total = 0;

            // Forward.
            for (int t = 0; t < steps; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    layerInput[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    int p = 8 * b * layer;
                    int hidden = 2 * b * layer;
                    int slot = (t * l + layer) * b;
                    for (int i = 0; i < b; i++)
                    {
                        double input = layerInput[i];
                        double h = current[hidden + i];
                        double cell = current[hidden + b + i];
                        double forget = Sigmoid(input * mainParams[p + i] + mainParams[p + 4 * b + i]);
                        double ingate = Sigmoid(h * mainParams[p + b + i] + mainParams[p + 5 * b + i]);
                        double outgate = Sigmoid(input * mainParams[p + 2 * b + i] + mainParams[p + 6 * b + i]);
                        double change = Math.Tanh(h * mainParams[p + 3 * b + i] + mainParams[p + 7 * b + i]);
                        double newCell = cell * forget + ingate * change;
                        double tanhCell = Math.Tanh(newCell);

                        inputs[slot + i] = input;
                        hiddenPrev[slot + i] = h;
                        cellPrev[slot + i] = cell;
                        forgets[slot + i] = forget;
                        ingates[slot + i] = ingate;
                        outgates[slot + i] = outgate;
                        changes[slot + i] = change;
                        tanhCells[slot + i] = tanhCell;

                        current[hidden + b + i] = newCell;
                        current[hidden + i] = outgate * tanhCell;
                        layerInput[i] = outgate * tanhCell;
                    }
                }

                double sumExp = 0;
                for (int i = 0; i < b; i++)
                {
                    yPred[i] = layerInput[i] * extraParams[b + i] + extraParams[2 * b + i];
                    sumExp += Math.Exp(yPred[i]);
                }

                double lse = Math.Log(sumExp + 2);
                for (int i = 0; i < b; i++)
                {
                    total += sequence[(t + 1) * b + i] * (yPred[i] - lse);
                    probabilities[t * b + i] = Math.Exp(yPred[i] - lse);
                }
            }

            // Backward. dHidden/dCell hold the adjoints of each layer's latest hidden and cell values.
            double dTotal = -1.0 / (steps * b);
            double[] dHidden = new double[l * b];
            double[] dCell = new double[l * b];
            int top = (l - 1) * b;
            for (int t = steps - 1; t >= 0; t--)
            {
                // total += Σ_i s_{t+1,i} (ŷ_i − lse): ∂/∂ŷ_i = s_{t+1,i} − (Σ_j s_{t+1,j}) · p_i.
                double goldSum = 0;
                for (int i = 0; i < b; i++)
                {
                    goldSum += sequence[(t + 1) * b + i];
                }

                int topSlot = (t * l + l - 1) * b;
                for (int i = 0; i < b; i++)
                {
                    double dy = dTotal * (sequence[(t + 1) * b + i] - goldSum * probabilities[t * b + i]);
                    double hTop = outgates[topSlot + i] * tanhCells[topSlot + i];
                    dExtraParams[b + i] += dy * hTop;
                    dExtraParams[2 * b + i] += dy;
                    dHidden[top + i] += dy * extraParams[b + i];
                }

                for (int layer = l - 1; layer >= 0; layer--)
                {
                    int p = 8 * b * layer;
                    int slot = (t * l + layer) * b;
                    int own = layer * b;
                    for (int i = 0; i < b; i++)
                    {
                        double forget = forgets[slot + i];
                        double ingate = ingates[slot + i];
                        double outgate = outgates[slot + i];
                        double change = changes[slot + i];
                        double tanhCell = tanhCells[slot + i];

                        // h' = o·tanh(c'),  c' = c·f + i·g
                        double dH = dHidden[own + i];
                        double dOut = dH * tanhCell;
                        double dNewCell = dCell[own + i] + dH * outgate * (1 - tanhCell * tanhCell);
                        double dForget = dNewCell * cellPrev[slot + i];
                        double dIngate = dNewCell * change;
                        double dChange = dNewCell * ingate;

                        // Through the sigmoids and the tanh to the pre-activations.
                        double zForget = dForget * forget * (1 - forget);
                        double zIngate = dIngate * ingate * (1 - ingate);
                        double zOut = dOut * outgate * (1 - outgate);
                        double zChange = dChange * (1 - change * change);

                        double input = inputs[slot + i];
                        double h = hiddenPrev[slot + i];
                        dMainParams[p + i] += zForget * input;
                        dMainParams[p + b + i] += zIngate * h;
                        dMainParams[p + 2 * b + i] += zOut * input;
                        dMainParams[p + 3 * b + i] += zChange * h;
                        dMainParams[p + 4 * b + i] += zForget;
                        dMainParams[p + 5 * b + i] += zIngate;
                        dMainParams[p + 6 * b + i] += zOut;
                        dMainParams[p + 7 * b + i] += zChange;

                        // The adjoints now belong to the previous step's hidden and cell values.
                        dHidden[own + i] = zIngate * mainParams[p + b + i] + zChange * mainParams[p + 3 * b + i];
                        dCell[own + i] = dNewCell * forget;

                        // The layer input: the layer below's new hidden value, or s_t ⊙ in_weight.
                        double dInput = zForget * mainParams[p + i] + zOut * mainParams[p + 2 * b + i];
                        if (layer > 0)
                        {
                            dHidden[own - b + i] += dInput;
                        }
                        else
                        {
                            dExtraParams[i] += dInput * sequence[t * b + i];
                        }
                    }
                }
            }

            return -total / (steps * b);
        }
    }
}
