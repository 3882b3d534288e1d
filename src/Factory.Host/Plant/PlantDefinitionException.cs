namespace Factory.Host.Plant;

/// <summary>The plant definition file cannot be used; the message says where and why.</summary>
public sealed class PlantDefinitionException(string message, Exception? inner = null) : Exception(message, inner);
