using System.CommandLine;

/// <summary>The top-level command areas of the <c>factory</c> CLI.</summary>
internal static class CommandTree
{
    public static IEnumerable<Command> Areas()
    {
        yield return Factory.Cli.OpcUa.OpcUaCommand.Create();
        yield return ScheduleCommand.Create();
        yield return Factory.Cli.Sim.SimCommand.Create();
    }
}
