using System.Collections.Immutable;
using Factory.Domain.Costs;
using Factory.Domain.Work;

namespace Factory.Domain.Tests.Costs;

/// <summary>The small plant of the worked cases: two mills, a welder, three workers, one product.</summary>
internal static class CostPlant
{
    public static readonly DateTimeOffset At8 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    public static CostRates Rates { get; } = new(
        "EUR",
        ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, new Dictionary<string, MachineRate>
        {
            ["CNC-01"] = new(60m, 12m),
            ["CNC-02"] = new(90m, 15m),
            ["WLD-01"] = new(40m, 8m),
        }),
        new LabourRates(
            ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, new Dictionary<string, decimal> { ["W01"] = 30m }),
            ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, new Dictionary<string, decimal> { ["machining"] = 25m, ["welding"] = 28m }),
            20m),
        ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, new Dictionary<string, ProductCost> { ["housing"] = new(5m, 2m) }));

    public static DateTimeOffset T(int hour, int minute = 0) => At8.Date.AddHours(hour).AddMinutes(minute) is var d ? new DateTimeOffset(d, TimeSpan.Zero) : default;

    public static Operation Mill(OperationStatus status, params OperationRun[] runs) =>
        new(10, "Mill", "mill", "machining", 1, TimeSpan.FromHours(2), [], Status: status) { Runs = [.. runs] };

    public static Operation Weld(OperationStatus status, params OperationRun[] runs) =>
        new(20, "Weld", "weld", "welding", 1, TimeSpan.FromHours(1), [], Status: status) { Runs = [.. runs] };

    public static WorkOrder Order(params Operation[] operations) => new("WO-1", "s1", "housing", 10, T(16), 1, [.. operations]);
}
