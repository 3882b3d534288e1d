using System.Globalization;

namespace Factory.Benchmarks.Scale;

/// <summary>
/// One histogram read from a Prometheus scrape (<c>name_bucket{…,le="…"}</c> lines, cumulative counts), summed over its
/// label sets (or only those with <c>label</c>, e.g. <c>phase="solve"</c>). Two reads subtracted give what happened in between; percentiles are the upper bound of the bucket they
/// fall in, so they read "at most".
/// </summary>
internal sealed record PrometheusHistogram(IReadOnlyList<(double UpperBound, double Count)> Buckets, double Sum, double Count)
{
    public static PrometheusHistogram Parse(string scrape, string name, string? label = null)
    {
        var buckets = new SortedDictionary<double, double>();
        double sum = 0, count = 0;
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.StartsWith('#') ||
                (label is not null && !line.Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            if (line.StartsWith(name + "_bucket", StringComparison.Ordinal))
            {
                var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
                le = le[..le.IndexOf('"')];
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                buckets[bound] = buckets.GetValueOrDefault(bound) + value;
            }
            else if (line.StartsWith(name + "_sum", StringComparison.Ordinal))
            {
                sum += value;
            }
            else if (line.StartsWith(name + "_count", StringComparison.Ordinal))
            {
                count += value;
            }
        }

        return new PrometheusHistogram([.. buckets.Select(b => (b.Key, b.Value))], sum, count);
    }

    /// <summary>What was recorded after <paramref name="before"/>.</summary>
    public PrometheusHistogram Since(PrometheusHistogram before) => new(
        [.. Buckets.Select(b => (b.UpperBound, b.Count - before.Buckets.Where(x => x.UpperBound == b.UpperBound).Sum(x => x.Count)))],
        Sum - before.Sum, Count - before.Count);

    /// <summary>The upper bound of the bucket holding the <paramref name="percentile"/>th value; NaN when empty.</summary>
    public double AtMost(double percentile)
    {
        if (Count <= 0)
        {
            return double.NaN;
        }

        var rank = Math.Ceiling(percentile / 100 * Count);
        return Buckets.FirstOrDefault(b => b.Count >= rank, (double.PositiveInfinity, 0)).UpperBound;
    }

    public string Describe(string unit) => Count <= 0
        ? "none recorded"
        : string.Create(CultureInfo.InvariantCulture, $"n={Count:0} mean={Sum / Count:0.0} {unit} p50≤{AtMost(50):0} {unit} p99≤{AtMost(99):0} {unit}");
}
