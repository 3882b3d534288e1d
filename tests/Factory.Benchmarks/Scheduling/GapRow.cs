using System.Globalization;

namespace Factory.Benchmarks.Scheduling;

/// <summary>One instance's figures in the gap run (one CSV line).</summary>
public sealed record GapRow(
    string Name,
    string Family,
    int Jobs,
    int Machines,
    long Reference,
    bool ReferenceIsOptimum,
    long Greedy,
    long GreedyMs,
    long Cp2,
    bool Cp2Optimal,
    long Cp2Ms,
    long Cp10,
    bool Cp10Optimal,
    long Cp10Ms,
    bool Valid)
{
    public const string Header = "name,family,jobs,machines,reference,reference_is_optimum,greedy,greedy_gap_pct,greedy_ms,cpsat2,cpsat2_gap_pct,cpsat2_optimal,cpsat2_ms,cpsat10,cpsat10_gap_pct,cpsat10_optimal,cpsat10_ms,valid";

    public static double Gap(long value, long reference) => value < 0 || reference <= 0 ? double.NaN : 100.0 * (value - reference) / reference;

    public string ToCsv() => string.Join(',',
        Name, Family, Jobs.ToString(CultureInfo.InvariantCulture), Machines.ToString(CultureInfo.InvariantCulture),
        Reference.ToString(CultureInfo.InvariantCulture), ReferenceIsOptimum ? "1" : "0",
        Greedy.ToString(CultureInfo.InvariantCulture), Pct(Gap(Greedy, Reference)), GreedyMs.ToString(CultureInfo.InvariantCulture),
        Cp2.ToString(CultureInfo.InvariantCulture), Pct(Gap(Cp2, Reference)), Cp2Optimal ? "1" : "0", Cp2Ms.ToString(CultureInfo.InvariantCulture),
        Cp10.ToString(CultureInfo.InvariantCulture), Pct(Gap(Cp10, Reference)), Cp10Optimal ? "1" : "0", Cp10Ms.ToString(CultureInfo.InvariantCulture),
        Valid ? "1" : "0");

    public static GapRow Parse(string line)
    {
        var f = line.Split(',');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return new GapRow(f[0], f[1], (int)L(2), (int)L(3), L(4), f[5] == "1", L(6), L(8), L(9), f[11] == "1", L(12), L(13), f[15] == "1", L(16), f[17] == "1");
    }

    private static string Pct(double v) => double.IsNaN(v) ? "" : v.ToString("0.00", CultureInfo.InvariantCulture);
}
