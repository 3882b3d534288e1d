namespace Factory.OpcUa.Encoding;

/// <summary>
/// Bounds applied while decoding untrusted bytes, so hostile input gives a <see cref="UaDecodingException"/>
/// instead of an unbounded allocation or a stack overflow.
/// </summary>
/// <param name="MaxMessageSize">Largest whole message (all chunks together), in bytes.</param>
/// <param name="MaxArrayLength">Largest element count of any array.</param>
/// <param name="MaxStringLength">Largest string or byte string, in bytes.</param>
/// <param name="MaxNestingDepth">Deepest nesting of variants, extension objects and diagnostic infos.</param>
public sealed record DecodingLimits(
    int MaxMessageSize = 16 * 1024 * 1024,
    int MaxArrayLength = 1_000_000,
    int MaxStringLength = 4 * 1024 * 1024,
    int MaxNestingDepth = 64)
{
    /// <summary>Limits suitable for a client talking to a PLC or server.</summary>
    public static DecodingLimits Default { get; } = new();
}
