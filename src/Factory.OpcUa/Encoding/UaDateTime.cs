namespace Factory.OpcUa.Encoding;

/// <summary>Conversion between <see cref="DateTime"/> and UA Binary DateTime (100 ns ticks since 1601-01-01 UTC).</summary>
public static class UaDateTime
{
    private const long EpochTicks = 504911232000000000L;

    /// <summary>UA ticks for a time; times at or before 1601 give 0, <see cref="DateTime.MaxValue"/> gives Int64.MaxValue.</summary>
    public static long ToUaTicks(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        if (value.Ticks <= EpochTicks)
        {
            return 0;
        }

        return value == DateTime.MaxValue ? long.MaxValue : value.Ticks - EpochTicks;
    }

    /// <summary>The UTC time for UA ticks; 0 and negatives give MinValue, values past year 9999 give MaxValue.</summary>
    public static DateTime FromUaTicks(long ticks)
    {
        if (ticks <= 0)
        {
            return DateTime.MinValue;
        }

        return ticks >= DateTime.MaxValue.Ticks - EpochTicks ? DateTime.MaxValue : new DateTime(ticks + EpochTicks, DateTimeKind.Utc);
    }
}
