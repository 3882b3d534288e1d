using Factory.Domain.Oee;

namespace Factory.Domain.Tests.Oee;

public class ScrapEntryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_manual_entry_counts_once_next_to_the_plcs_counts_in_the_quality_ratio()
    {
        var pri = TimeSpan.FromSeconds(30);
        var plc = new ProductionCount("CNC-01", T0, Good: 10, Scrap: 1, Rework: 0, pri, "WO-1");
        var entry = ScrapEntry.Count("CNC-01", 2, T0.AddMinutes(1), pri, "WO-1");

        var totals = ProductionTotals.Zero.Add(plc).Add(entry);

        Assert.Empty(entry.Validate());
        Assert.Equal(13, totals.Produced);
        Assert.Equal(10, totals.Good);
        Assert.Equal(3, totals.Scrap);
        Assert.Equal("WO-1", entry.WorkOrderId);
        Assert.Equal(10d / 13d, (double)totals.Good / totals.Produced, 12);
    }

    [Theory]
    [InlineData(0, "burr")]
    [InlineData(-1, "burr")]
    [InlineData(ScrapEntry.MaxQuantity + 1, "burr")]
    [InlineData(1, "")]
    [InlineData(1, null)]
    public void Bad_entries_are_refused(long quantity, string? reason) =>
        Assert.Equal(RefusalKind.Invalid, ScrapEntry.Check(quantity, reason)?.Kind);

    [Fact]
    public void A_bounded_entry_with_a_reason_passes_and_an_overlong_reason_does_not()
    {
        Assert.Null(ScrapEntry.Check(ScrapEntry.MaxQuantity, "burr"));
        Assert.NotNull(ScrapEntry.Check(1, new string('x', ScrapEntry.MaxReasonLength + 1)));
    }
}
