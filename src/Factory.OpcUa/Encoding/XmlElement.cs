namespace Factory.OpcUa.Encoding;

/// <summary>An XML fragment carried as UTF-8 text (built-in type 16); kept as text, not parsed.</summary>
public readonly record struct XmlElement(string? Xml)
{
    /// <inheritdoc />
    public override string ToString() => Xml ?? string.Empty;
}
