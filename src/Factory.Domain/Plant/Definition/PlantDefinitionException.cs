namespace Factory.Domain.Plant.Definition;

/// <summary>The plant definition file cannot be used; the message says where and why.</summary>
public sealed class PlantDefinitionException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>One exception naming every problem, one a line, in the order found; <paramref name="source"/> names the file when known.</summary>
    public static PlantDefinitionException Of(IEnumerable<string> problems, string? source = null) =>
        new((source is null ? "The plant definition has problems:" : $"Plant definition file '{source}' has problems:") +
            Environment.NewLine + " - " + string.Join(Environment.NewLine + " - ", problems));
}
