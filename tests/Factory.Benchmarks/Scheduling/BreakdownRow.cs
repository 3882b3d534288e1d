using System.Globalization;

namespace Factory.Benchmarks.Scheduling;

/// <summary>One instance's figures in the breakdown run (one CSV line).</summary>
public sealed record BreakdownRow(
    string Name,
    string Size,
    long Reference,
    bool ReferenceIsOptimum,
    string Down,
    long Insertion,
    double InsertionMs,
    long Dispatcher,
    double DispatcherMs,
    long Constructive,
    double ConstructiveMs,
    long CpSat,
    double CpSatMs,
    bool CpSatOptimal,
    long? CpSatBound,
    bool Valid)
{
    public const string Header = "name,size,reference,reference_is_optimum,down,insertion,insertion_ms,dispatcher,dispatcher_ms,constructive,constructive_ms,cpsat,cpsat_ms,cpsat_optimal,cpsat_bound,valid";

    public double Gap(long makespan) => 100.0 * (makespan - Reference) / Reference;

    public string ToCsv() => string.Join(',',
        Name, Size, I(Reference), ReferenceIsOptimum ? "1" : "0", Down,
        I(Insertion), D(InsertionMs), I(Dispatcher), D(DispatcherMs), I(Constructive), D(ConstructiveMs),
        I(CpSat), D(CpSatMs), CpSatOptimal ? "1" : "0", CpSatBound is { } b ? I(b) : "", Valid ? "1" : "0");

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string D(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
