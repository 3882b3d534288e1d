namespace Factory.Connectivity;

/// <summary>How a source publishes PackML states and takes commands: by name, or by number through a table.</summary>
public enum StateEncoding
{
    Name,
    Number,
}
