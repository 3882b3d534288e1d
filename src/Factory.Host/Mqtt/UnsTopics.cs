namespace Factory.Host.Mqtt;

/// <summary>
/// The Unified Namespace topic tree, along the ISA-95 hierarchy:
/// <c>[{prefix}/]{enterprise}/{site}/{line}/{machine}/{leaf}</c>, <c>…/{site}/{line}/{leaf}</c> and <c>…/{site}/{leaf}</c>.
/// Ids are used as they are, with the MQTT wildcards and the level separator (<c>+ # /</c>) replaced by <c>_</c>.
/// </summary>
public sealed class UnsTopics(UnsSettings settings)
{
    private readonly string _root = string.Join('/', new[] { settings.Prefix.Trim('/'), Level(settings.Enterprise) }.Where(p => p.Length > 0));

    public string Site(string site, string leaf) => $"{_root}/{Level(site)}/{leaf}";

    public string Line(string site, string line, string leaf) => $"{_root}/{Level(site)}/{Level(line)}/{leaf}";

    public string Machine(string site, string line, string machine, string leaf) => $"{_root}/{Level(site)}/{Level(line)}/{Level(machine)}/{leaf}";

    public string WorkOrder(string site, string workOrder) => $"{_root}/{Level(site)}/workorders/{Level(workOrder)}";

    private static string Level(string id) => id.Replace('/', '_').Replace('+', '_').Replace('#', '_');
}
