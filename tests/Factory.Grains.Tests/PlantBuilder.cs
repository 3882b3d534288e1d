using System.Collections.Immutable;
using Factory.Contracts.Grains;
using Factory.Contracts.Specs;
using Factory.Contracts.Views;
using Factory.Domain.PackMl;

namespace Factory.Grains.Tests;

/// <summary>Defines a small plant with unique ids, so tests sharing one cluster do not meet.</summary>
internal sealed class PlantBuilder(IGrainFactory grains)
{
    public string Prefix { get; } = Guid.NewGuid().ToString("N")[..8];

    public string Site => $"{Prefix}-site";

    public string Line => $"{Prefix}-line";

    public string Id(string name) => $"{Prefix}-{name}";

    public async Task<PlantBuilder> WithLineAsync(params (string Name, string[] Caps, PackMlState State)[] machines)
    {
        await grains.GetGrain<ISiteGrain>(Site).Define(new SiteSpec(Site, "Test site", "UTC"));
        foreach (var (name, caps, state) in machines)
        {
            await grains.GetGrain<IMachineGrain>(Id(name)).Define(new MachineSpec(Id(name), Site, Line, name, [.. caps], 10, false, state));
        }

        await grains.GetGrain<ILineGrain>(Line).Define(new LineSpec(Line, Site, "Line", machines.Select(m => Id(m.Name)).ToImmutableArray()));
        return this;
    }

    public Task WorkerAsync(string name, string skill, int level, DateTimeOffset certifiedUntil, bool clockedIn) =>
        grains.GetGrain<IWorkerGrain>(Id(name)).Define(new WorkerSpec(Id(name), Site, name,
            ImmutableDictionary<string, int>.Empty.Add(skill, level), [new CertificationView(skill, certifiedUntil)], "A", clockedIn));

    public Task<CommandResult> OrderAsync(string name, params (int Seq, string Capability, string Skill)[] ops) =>
        grains.GetGrain<IWorkOrderGrain>(Id(name)).Create(new WorkOrderSpec(Id(name), Site, "Part", 10, DateTimeOffset.UtcNow.AddHours(8), 1,
            ops.Select(o => new OperationSpec(o.Seq, $"op {o.Seq}", o.Capability, o.Skill, 1, 600, [])).ToImmutableArray()));
}
