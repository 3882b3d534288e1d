namespace Factory.OpcUa.Encoding;

/// <summary>A 32-bit OPC UA status code; the top two bits give the severity (00 Good, 01 Uncertain, 10 Bad).</summary>
public readonly record struct StatusCode(uint Code)
{
    /// <summary>The Good status (0).</summary>
    public static StatusCode Good => default;

    /// <summary>True when the severity bits say Good.</summary>
    public bool IsGood => (Code & 0xC0000000u) == 0;

    /// <summary>True when the severity bits say Uncertain.</summary>
    public bool IsUncertain => (Code & 0xC0000000u) == 0x40000000u;

    /// <summary>True when the severity bits say Bad.</summary>
    public bool IsBad => (Code & 0x80000000u) != 0;

    /// <summary>The symbolic name (e.g. BadNodeIdUnknown), or the hex value when the code is not in the table.</summary>
    public string Name => StatusCodes.NameOf(Code) ?? $"0x{Code:X8}";

    public static implicit operator StatusCode(uint code) => new(code);

    /// <inheritdoc />
    public override string ToString() => Name;
}
