namespace Factory.Host.Hub;

/// <summary>Names of the SignalR groups, one per subscribable entity.</summary>
public static class HubGroups
{
    public static string Site(string id) => $"site:{id}";

    public static string Line(string id) => $"line:{id}";

    public static string Machine(string id) => $"machine:{id}";

    /// <summary>Every alarm change of a site, and nothing else: what an alarm list or count needs on any page.</summary>
    public static string Alarms(string siteId) => $"alarms:{siteId}";

    /// <summary>Every group that should see <paramref name="plantEvent"/>.</summary>
    public static IReadOnlyList<string> For(PlantEvent plantEvent) => plantEvent switch
    {
        MachineChanged m => [Site(m.SiteId), Line(m.Machine.LineId), Machine(m.Machine.Id)],
        LineChanged l => [Site(l.SiteId), Line(l.Line.Id)],
        AlarmChanged a => [Site(a.SiteId), Line(a.Line), Machine(a.Alarm.MachineId), Alarms(a.SiteId)],
        SafetyEventRaised e => [Site(e.SiteId), Line(e.Line), Machine(e.SafetyEvent.MachineId)],
        _ => [Site(plantEvent.SiteId)],
    };
}
