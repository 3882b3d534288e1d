namespace Factory.OpcUa.Encoding;

/// <summary>Human-readable text with an optional locale (e.g. "en-US").</summary>
public readonly record struct LocalizedText(string? Locale, string? Text)
{
    /// <summary>Text without a locale.</summary>
    public LocalizedText(string? text)
        : this(null, text)
    {
    }

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Empty;
}
