using Factory.Contracts.Production;

namespace Factory.Host.Production;

/// <summary>The production configuration of the sites this host serves, known once the plant is loaded.</summary>
public sealed class ProductionCatalog
{
    private volatile Snapshot _current = new([], [], []);

    public IReadOnlyCollection<SiteProduction> Sites => _current.Sites.Values;

    public SiteProduction? Site(string siteId) => _current.Sites.GetValueOrDefault(siteId);

    /// <summary>A machine's settings (site, line, alarms), or null when unknown.</summary>
    public MachineLogSettings? Machine(string machineId) => _current.Machines.GetValueOrDefault(machineId);

    /// <summary>The machine that owns an alarm, or null when no alarm has that id.</summary>
    public string? MachineOfAlarm(string alarmId) => _current.Alarms.GetValueOrDefault(alarmId);

    public IEnumerable<MachineLogSettings> Machines(string? siteId = null, string? lineId = null) =>
        _current.Machines.Values.Where(m => (siteId is null || m.SiteId == siteId) && (lineId is null || m.LineId == lineId));

    internal void Load(IEnumerable<SiteProduction> sites)
    {
        var list = sites.ToList();
        var machines = list.SelectMany(s => s.Machines).ToDictionary(m => m.MachineId, StringComparer.Ordinal);
        var alarms = machines.Values.SelectMany(m => m.Alarms).ToDictionary(a => a.Id, a => a.MachineId, StringComparer.Ordinal);
        _current = new Snapshot(list.ToDictionary(s => s.SiteId, StringComparer.Ordinal), machines, alarms);
    }

    private sealed record Snapshot(
        Dictionary<string, SiteProduction> Sites,
        Dictionary<string, MachineLogSettings> Machines,
        Dictionary<string, string> Alarms);
}
