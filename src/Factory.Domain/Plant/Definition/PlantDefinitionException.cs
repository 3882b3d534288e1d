namespace Factory.Domain.Plant.Definition;

/// <summary>The plant definition file cannot be used; the message says where and why.</summary>
public sealed class PlantDefinitionException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>One exception naming every problem, one a line, in the order found.</summary>
    public static PlantDefinitionException Of(IEnumerable<string> problems) =>
        new("The plant definition has problems:" + Environment.NewLine + " - " + string.Join(Environment.NewLine + " - ", problems));
}
