package dev.flareobserver.emulator.traffic;

import java.util.List;

/**
 * Quantiles of log-normal latencies and of weighted mixtures of them. A group of invocations that
 * spans versions (a CPU regression in a split deployment) or Workers is a mixture; its quantile is
 * found by bisection on the mixture's CDF.
 */
public final class Lognormal {

    /** One part of a mixture: ln-space location and scale, and how many invocations it stands for. */
    public record Component(double mu, double sigma, double weight) {
    }

    private Lognormal() {
    }

    /** The standard normal quantile for p in (0, 1) (Acklam's approximation, |error| < 1.2e-9 after refinement). */
    public static double z(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                3.754408661907416e+00};
        double q;
        double x;
        if (p < 0.02425) {
            q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p > 1 - 0.02425) {
            q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else {
            q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        return x;
    }

    /** The standard normal CDF (erfc by Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
    public static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    /** The p-quantile of a log-normal. */
    public static double quantile(double mu, double sigma, double p) {
        return Math.exp(mu + sigma * z(p));
    }

    /** exp(mu + sigma^2 / 2) */
    public static double mean(double mu, double sigma) {
        return Math.exp(mu + sigma * sigma / 2);
    }

    /** The p-quantile of a weighted mixture; NaN when the total weight is zero. */
    public static double quantile(List<Component> parts, double p) {
        double total = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean same = true;
        Component first = null;
        for (Component c : parts) {
            if (c.weight() <= 0) {
                continue;
            }
            total += c.weight();
            if (first == null) {
                first = c;
            } else if (Math.abs(c.mu() - first.mu()) > 1e-9 || Math.abs(c.sigma() - first.sigma()) > 1e-9) {
                same = false;
            }
            lo = Math.min(lo, c.mu() - 8 * c.sigma());
            hi = Math.max(hi, c.mu() + 8 * c.sigma());
        }
        if (first == null) {
            return Double.NaN;
        }
        if (same) {
            return quantile(first.mu(), first.sigma(), p);
        }
        // Bisection in ln-space: 50 halvings of a range of at most ~30 ln units is far below 1 µs.
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            double cdf = 0;
            for (Component c : parts) {
                if (c.weight() > 0) {
                    cdf += c.weight() * phi((mid - c.mu()) / c.sigma());
                }
            }
            if (cdf / total < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** Sum over all invocations of a mixture (weight times mean); 0 when empty. */
    public static double total(List<Component> parts) {
        double sum = 0;
        for (Component c : parts) {
            sum += c.weight() * mean(c.mu(), c.sigma());
        }
        return sum;
    }
}
