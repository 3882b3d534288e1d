namespace Factory.Domain.Costs;

/// <summary>A site's rates: machines, labour and products, all in one <see cref="Currency"/>.</summary>
/// <param name="Currency">ISO 4217 code (e.g. "EUR"); a site has one currency.</param>
/// <param name="Machines">Machine id → its rate; a machine without one costs nothing.</param>
/// <param name="Products">Product name → its per-unit costs; a product without one costs nothing.</param>
public sealed record CostRates(
    string Currency,
    ImmutableDictionary<string, MachineRate> Machines,
    LabourRates Labour,
    ImmutableDictionary<string, ProductCost> Products)
{
    /// <summary>No rates: everything costs nothing (a site without a cost section).</summary>
    public static CostRates None { get; } = new(
        "EUR",
        ImmutableDictionary<string, MachineRate>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase),
        LabourRates.None,
        ImmutableDictionary<string, ProductCost>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase));

    public MachineRate MachineRateOf(string machineId) => Machines.GetValueOrDefault(machineId) ?? MachineRate.Free;

    public ProductCost ProductCostOf(string product) => Products.GetValueOrDefault(product) ?? ProductCost.Free;

    /// <summary>What is wrong with the rates (a negative rate, a currency that is not three letters); empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Currency is not { Length: 3 } || !Currency.All(char.IsAsciiLetterUpper))
        {
            problems.Add($"currency '{Currency}' must be a three-letter ISO 4217 code such as EUR");
        }

        foreach (var (id, rate) in Machines)
        {
            if (rate.RunningPerHour < 0 || rate.IdlePerHour < 0)
            {
                problems.Add($"machine '{id}' has a negative hourly rate");
            }
        }

        problems.AddRange(Labour.PerWorker.Where(kv => kv.Value < 0).Select(kv => $"worker '{kv.Key}' has a negative labour rate"));
        problems.AddRange(Labour.PerSkill.Where(kv => kv.Value < 0).Select(kv => $"skill '{kv.Key}' has a negative labour rate"));
        if (Labour.DefaultPerHour < 0)
        {
            problems.Add("the default labour rate is negative");
        }

        problems.AddRange(Products.Where(kv => kv.Value.MaterialPerUnit < 0 || kv.Value.ScrapPerUnit < 0)
            .Select(kv => $"product '{kv.Key}' has a negative material or scrap cost"));
        return problems;
    }
}
