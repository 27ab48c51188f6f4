using System;
using GradGen;

namespace GradGen.Workloads
{
    /// <summary>
    /// ADBench's Gaussian mixture model objective (microsoft/ADBench src/cpp/shared/gmm.h), ported
    /// to C# the way a user would write it, plus an expert hand-written gradient.
    /// </summary>
    /// <remarks>
    /// Parameters are flattened exactly as in ADBench: <c>alphas[k]</c> (unnormalised log mixture
    /// weights), <c>means</c> k×d row-major, <c>icf</c> k×(d(d+1)/2) where each row holds the d
    /// log-diagonal entries of Q followed by its strictly-lower part stored column by column, and
    /// the data <c>x</c> n×d row-major. <c>gamma</c> and <c>m</c> are the Wishart prior's parameters.
    /// The objective keeps ADBench's sign inconsistency in the prior (see data/adbench/README.md):
    /// it is the function every ADBench tool differentiates.
    /// </remarks>
    public static partial class Gmm
    {
        /// <summary>The GMM log-likelihood plus ADBench's Wishart term; see data/adbench/README.md.</summary>
        [Differentiable(nameof(alphas), nameof(means), nameof(icf))]
        public static double Objective(double[] alphas, double[] means, double[] icf, double[] x, int d, int k, int n, double gamma, int m)
        {
            // ADBench's PI (defs.h), not Math.PI: using it reproduces ADBench's reference values.
            double pi = 3.14159265359;
            int icfSize = d * (d + 1) / 2;

            // Per component: the diagonal of Q (exp of the stored log-diagonal) and the sum of
            // the log-diagonal (= log det Q). Computed once, as ADBench's preprocess_qs does.
            double[] qDiags = new double[k * d];
            double[] sumQs = new double[k];
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    double q = icf[c * icfSize + j];
                    sumQs[c] += q;
                    qDiags[c * d + j] = Math.Exp(q);
                }
            }

            // Scratch reused (overwritten) for every data point and component.
            double[] xCentered = new double[d];
            double[] qxCentered = new double[d];
            double[] mainTerm = new double[k];

            double slse = 0;
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    // Q_c (x_i - mu_c): the diagonal part first ...
                    for (int j = 0; j < d; j++)
                    {
                        xCentered[j] = x[i * d + j] - means[c * d + j];
                        qxCentered[j] = qDiags[c * d + j] * xCentered[j];
                    }

                    // ... then the strictly-lower part, whose entries are stored column by column.
                    int lIndex = c * icfSize + d;
                    for (int col = 0; col < d; col++)
                    {
                        for (int row = col + 1; row < d; row++)
                        {
                            qxCentered[row] += icf[lIndex] * xCentered[col];
                            lIndex++;
                        }
                    }

                    double sqNorm = 0;
                    for (int j = 0; j < d; j++)
                    {
                        sqNorm += qxCentered[j] * qxCentered[j];
                    }

                    mainTerm[c] = alphas[c] + sumQs[c] - 0.5 * sqNorm;
                }

                slse += LogSumExp(mainTerm, k);
            }

            double lseAlphas = LogSumExp(alphas, k);

            // Wishart prior term (ADBench's log_wishart_prior). Its constant part goes through
            // LogGamma, which has no derivative, but only ever sees the integers d and m.
            int nPrime = d + m + 1;
            double priorConstant = nPrime * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - LogMultivariateGamma(0.5 * nPrime, d, pi);
            double prior = 0;
            for (int c = 0; c < k; c++)
            {
                double frobenius = 0;
                for (int j = 0; j < d; j++)
                {
                    frobenius += qDiags[c * d + j] * qDiags[c * d + j];
                }

                for (int t = d; t < icfSize; t++)
                {
                    frobenius += icf[c * icfSize + t] * icf[c * icfSize + t];
                }

                prior += 0.5 * gamma * gamma * frobenius - m * sumQs[c];
            }

            double logLikelihood = -n * d * 0.5 * Math.Log(2 * pi) + slse - n * lseAlphas;
            return logLikelihood + (prior - k * priorConstant);
        }

        /// <summary>Numerically stable log(Σ_{i&lt;n} exp(v[i])), shifting by the maximum first.</summary>
        [Differentiable(nameof(v))]
        public static double LogSumExp(double[] v, int n)
        {
            double max = v[0];
            for (int i = 1; i < n; i++)
            {
                max = Math.Max(max, v[i]);
            }

            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += Math.Exp(v[i] - max);
            }

            return Math.Log(sum) + max;
        }

        /// <summary>
        /// The log of the multivariate gamma function, log Γ_p(a) = ¼p(p−1)·log π + Σ_{j=1..p} log Γ(a + ½(1−j)),
        /// with the caller's value of π (ADBench's log_gamma_distrib). Not differentiable; the
        /// objective calls it on constants only.
        /// </summary>
        public static double LogMultivariateGamma(double a, int p, double pi)
        {
            double result = 0.25 * p * (p - 1) * Math.Log(pi);
            for (int j = 1; j <= p; j++)
            {
                result += LogGamma(a + 0.5 * (1 - j));
            }

            return result;
        }

        /// <summary>
        /// log Γ(x) for x &gt; 0 (C's <c>lgamma</c>), to about 1e-15 absolute / 1e-14 relative:
        /// the Lanczos approximation with Godfrey's coefficients (g = 607/128, 15 terms), and the
        /// reflection formula below ½. Not differentiable; the objective calls it on constants only.
        /// </summary>
        public static double LogGamma(double x)
        {
            if (double.IsNaN(x) || x <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is implemented for positive arguments only.");
            }

            if (x < 0.5)
            {
                // Γ(x)Γ(1−x) = π / sin(πx); Lanczos loses accuracy near 0.
                return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
            }

            double sum = LanczosCoefficients[0];
            for (int i = LanczosCoefficients.Length - 1; i > 0; i--)
            {
                sum += LanczosCoefficients[i] / (x + i);
            }

            double t = x + LanczosG + 0.5;
            return HalfLogTwoPi + (x + 0.5) * Math.Log(t) - t + Math.Log(sum / x);
        }

        private const double LanczosG = 607.0 / 128.0;

        private const double HalfLogTwoPi = 0.91893853320467274178032973640562;

        // P. Godfrey, "A note on the computation of the convergent Lanczos complex Gamma
        // approximation" (2001); the same table as Apache Commons Math's Gamma.logGamma.
        private static readonly double[] LanczosCoefficients =
        {
            0.99999999999999709182,
            57.156235665862923517,
            -59.597960355475491248,
            14.136097974741747174,
            -0.49191381609762019978,
            0.33994649984811888699e-4,
            0.46523628927048575665e-4,
            -0.98374475304879564677e-4,
            0.15808870322491248884e-3,
            -0.21026444172410488319e-3,
            0.21743961811521264320e-3,
            -0.16431810653676389022e-3,
            0.84418223983852743293e-4,
            -0.26190838401581408670e-4,
            0.36899182659531622704e-5,
        };

        /// <summary>
        /// Expert hand-written gradient of <see cref="Objective"/>: overwrites <paramref name="dAlphas"/>,
        /// <paramref name="dMeans"/> and <paramref name="dIcf"/> with ∂F/∂alphas, ∂F/∂means, ∂F/∂icf and
        /// returns F.
        /// </summary>
        /// <remarks>
        /// One pass over the data. For each point the forward step keeps Q_c(x_i − μ_c) of every
        /// component (k·d values), because the backward step needs them once the point's
        /// log-sum-exp, and hence the responsibilities w_ic = softmax_c(β_i)_c, are known:
        /// <code>
        /// ∂/∂α_c  += w_ic                      (and −n·softmax(α)_c once)
        /// ∂/∂μ_c  += w_ic · Q_cᵀ z             (z = Q_c(x_i − μ_c))
        /// ∂/∂q_cj += w_ic · (1 − z_j·e^{q_cj}·(x_i − μ_c)_j)
        /// ∂/∂L_c[r][col] −= w_ic · z_r·(x_i − μ_c)_col
        /// </code>
        /// The prior adds γ²e^{2q} − m to the log-diagonal and γ²L to the strictly-lower part.
        /// Scratch: k·d for Q's diagonal (as the objective) and k·d for z, plus 2k.
        /// </remarks>
        public static double HandGradient(
            double[] alphas, double[] means, double[] icf, double[] x, int d, int k, int n, double gamma, int m,
            Span<double> dAlphas, Span<double> dMeans, Span<double> dIcf)
        {
            int icfSize = d * (d + 1) / 2;
            RequireLength(dAlphas, k, nameof(dAlphas));
            RequireLength(dMeans, k * d, nameof(dMeans));
            RequireLength(dIcf, k * icfSize, nameof(dIcf));
            dAlphas.Clear();
            dMeans.Clear();
            dIcf.Clear();

            double pi = 3.14159265359;
            double[] qDiags = new double[k * d];
            double[] sumQs = new double[k];
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    double q = icf[c * icfSize + j];
                    sumQs[c] += q;
                    qDiags[c * d + j] = Math.Exp(q);
                }
            }

            double[] z = new double[k * d];       // z_c = Q_c (x_i − μ_c) for every component of the current point
            double[] weights = new double[k];     // β_ic, then exp(β_ic − max), then the responsibilities

            double slse = 0;
            for (int i = 0; i < n; i++)
            {
                int xOffset = i * d;

                // Forward: β_ic for every component, keeping z_c.
                double maxBeta = double.NegativeInfinity;
                for (int c = 0; c < k; c++)
                {
                    int zOffset = c * d;
                    int muOffset = c * d;
                    for (int j = 0; j < d; j++)
                    {
                        z[zOffset + j] = qDiags[zOffset + j] * (x[xOffset + j] - means[muOffset + j]);
                    }

                    int lIndex = c * icfSize + d;
                    for (int col = 0; col < d; col++)
                    {
                        double centered = x[xOffset + col] - means[muOffset + col];
                        for (int row = col + 1; row < d; row++, lIndex++)
                        {
                            z[zOffset + row] += icf[lIndex] * centered;
                        }
                    }

                    double sqNorm = 0;
                    for (int j = 0; j < d; j++)
                    {
                        sqNorm += z[zOffset + j] * z[zOffset + j];
                    }

                    double beta = alphas[c] + sumQs[c] - 0.5 * sqNorm;
                    weights[c] = beta;
                    maxBeta = Math.Max(maxBeta, beta);
                }

                double sumExp = 0;
                for (int c = 0; c < k; c++)
                {
                    weights[c] = Math.Exp(weights[c] - maxBeta);
                    sumExp += weights[c];
                }

                slse += Math.Log(sumExp) + maxBeta;

                // Backward: ∂lse(β_i)/∂β_ic = w_ic, then through β_ic = α_c + Σq_c − ½‖z_c‖².
                for (int c = 0; c < k; c++)
                {
                    double w = weights[c] / sumExp;
                    int zOffset = c * d;
                    int muOffset = c * d;
                    int icfOffset = c * icfSize;
                    dAlphas[c] += w;

                    int lIndex = icfOffset + d;
                    for (int col = 0; col < d; col++)
                    {
                        double centered = x[xOffset + col] - means[muOffset + col];
                        double zCol = z[zOffset + col];
                        double qDiag = qDiags[zOffset + col];

                        dIcf[icfOffset + col] += w * (1 - zCol * qDiag * centered);

                        // (Q_cᵀ z)_col accumulates down column col of Q_c, the same entries
                        // whose adjoints are −w·z_row·centered_col.
                        double qtz = qDiag * zCol;
                        double wCentered = w * centered;
                        for (int row = col + 1; row < d; row++, lIndex++)
                        {
                            double zRow = z[zOffset + row];
                            qtz += icf[lIndex] * zRow;
                            dIcf[lIndex] -= wCentered * zRow;
                        }

                        dMeans[muOffset + col] += w * qtz;
                    }
                }
            }

            // −n·lse(α): subtract n·softmax(α).
            double lseAlphas = LogSumExp(alphas, k);
            for (int c = 0; c < k; c++)
            {
                dAlphas[c] -= n * Math.Exp(alphas[c] - lseAlphas);
            }

            // Prior: ½γ²(Σ e^{2q} + Σ l²) − m·Σq per component.
            int nPrime = d + m + 1;
            double priorConstant = nPrime * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - LogMultivariateGamma(0.5 * nPrime, d, pi);
            double gamma2 = gamma * gamma;
            double prior = 0;
            for (int c = 0; c < k; c++)
            {
                int icfOffset = c * icfSize;
                double frobenius = 0;
                for (int j = 0; j < d; j++)
                {
                    double qDiag = qDiags[c * d + j];
                    frobenius += qDiag * qDiag;
                    dIcf[icfOffset + j] += gamma2 * qDiag * qDiag - m;
                }

                for (int t = d; t < icfSize; t++)
                {
                    double l = icf[icfOffset + t];
                    frobenius += l * l;
                    dIcf[icfOffset + t] += gamma2 * l;
                }

                prior += 0.5 * gamma2 * frobenius - m * sumQs[c];
            }

            double logLikelihood = -n * d * 0.5 * Math.Log(2 * pi) + slse - n * lseAlphas;
            return logLikelihood + (prior - k * priorConstant);
        }

        private static void RequireLength(Span<double> span, int length, string name)
        {
            if (span.Length != length)
            {
                throw new ArgumentException($"Expected length {length}, got {span.Length}.", name);
            }
        }
    }
}
