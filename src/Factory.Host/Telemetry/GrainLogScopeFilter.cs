using System.Collections.Frozen;

namespace Factory.Host.Telemetry;

/// <summary>
/// Puts the machine, line, site, work order, worker or endpoint a grain call is about into the log scope, so every
/// line a grain logs (and the calls it makes) says which one.
/// </summary>
public sealed class GrainLogScopeFilter(ILogger<GrainLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    /// <summary>Grain type (Orleans' name, from the class name) → the scope's name for its key.</summary>
    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["machine"] = "Machine",
        ["machinelog"] = "Machine",
        ["line"] = "Line",
        ["site"] = "Site",
        ["dispatcher"] = "Site",
        ["plantfeed"] = "Site",
        ["incidentlog"] = "Site",
        ["workorder"] = "WorkOrder",
        ["worker"] = "Worker",
        ["endpointlease"] = "Endpoint",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Names.TryGetValue(context.TargetId.Type.ToString() ?? "", out var name))
        {
            await context.Invoke();
            return;
        }

        using (logger.BeginScope(new LogScope(name, context.TargetId.Key.ToString() ?? "")))
        {
            await context.Invoke();
        }
    }
}
