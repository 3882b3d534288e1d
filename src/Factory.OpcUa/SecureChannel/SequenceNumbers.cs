namespace Factory.OpcUa.SecureChannel;

/// <summary>The sequence number rules of Part 6 §6.7.2.4: +1 per chunk, wrapping below 1024 after 4294966271.</summary>
public static class SequenceNumbers
{
    /// <summary>The largest value before a sender must wrap.</summary>
    public const uint WrapAt = uint.MaxValue - 1024;

    /// <summary>True when <paramref name="next"/> legally follows <paramref name="previous"/>.</summary>
    public static bool Follows(uint previous, uint next) =>
        next == previous + 1 || (previous >= WrapAt && next < 1024);

    /// <summary>The number to send after <paramref name="current"/>.</summary>
    public static uint Next(uint current) => current >= WrapAt ? 1 : current + 1;
}
