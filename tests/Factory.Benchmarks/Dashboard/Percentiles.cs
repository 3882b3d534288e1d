namespace Factory.Benchmarks.Dashboard;

/// <summary>Nearest-rank percentiles of a sample, in the sample's unit.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sample, double percentile)
    {
        if (sample.Count == 0)
        {
            return double.NaN;
        }

        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Describe(IReadOnlyList<double> sample) =>
        $"n={sample.Count} p50={Of(sample, 50):F1} ms p90={Of(sample, 90):F1} ms p99={Of(sample, 99):F1} ms max={Of(sample, 100):F1} ms";
}
