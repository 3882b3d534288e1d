using Factory.Domain.Limits;
using Factory.Domain.Work;
using Xunit;

namespace Factory.Domain.Tests.Limits;

/// <summary>#11 finding 4: the bounds every input meets, named in their refusals.</summary>
public class InputLimitsTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e308)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2_592_001)]
    public void Durations_must_be_finite_positive_and_bounded(double seconds) =>
        Assert.Contains("2592000", DurationLimits.CheckSeconds(seconds, "d", DurationLimits.LongestOperation));

    [Fact]
    public void A_duration_within_bounds_is_accepted() => Assert.Null(DurationLimits.CheckSeconds(2_592_000, "d", DurationLimits.LongestOperation));

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    [InlineData(" CNC-01")]
    [InlineData("CNC-01\t")]
    [InlineData("a/b")]
    [InlineData("a\u0000b")]
    public void Blank_padded_or_odd_ids_are_refused(string id) => Assert.NotNull(TextLimits.CheckId(id, "id"));

    [Fact]
    public void Ids_are_at_most_64_characters()
    {
        Assert.Null(TextLimits.CheckId(new string('a', 64), "id"));
        Assert.Contains("64", TextLimits.CheckId(new string('a', 65), "id"));
    }

    [Fact]
    public void Work_orders_refuse_far_due_dates_long_operations_and_long_products()
    {
        var due = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var order = new WorkOrder("WO-1", "s", "p", 1, due, 1, [new Operation(10, "op", "mill", null, 0, TimeSpan.FromHours(1), [])]);
        Assert.Empty(WorkOrderRules.Validate(order));
        Assert.Contains(WorkOrderRules.Validate(order with { DueDate = DateTimeOffset.MaxValue }), p => p.Contains("2100", StringComparison.Ordinal));
        Assert.Contains(WorkOrderRules.Validate(order with { Product = new string('p', 201) }), p => p.Contains("200", StringComparison.Ordinal));
        Assert.Contains(WorkOrderRules.Validate(order with { Operations = [new Operation(10, "op", "mill", null, 0, TimeSpan.FromDays(31), [])] }),
            p => p.Contains("30 days", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://docs.example.com/wi/drill", true)]
    [InlineData("http://intranet/wi?op=10", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/relative/path", false)]
    public void Work_instructions_link_only_to_http_or_https(string link, bool accepted)
    {
        var order = WithInstructions("clamp the part", link);
        Assert.Equal(accepted, !WorkOrderRules.Validate(order).Any(p => p.Contains("instructionsUrl", StringComparison.Ordinal)));
    }

    [Fact]
    public void Work_instructions_operation_names_and_programs_are_bounded()
    {
        Assert.Empty(WorkOrderRules.Validate(WithInstructions(new string('i', TextLimits.NoteLength), null)));
        Assert.Contains(WorkOrderRules.Validate(WithInstructions(new string('i', TextLimits.NoteLength + 1), null)),
            p => p.Contains("instructions is at most 2000", StringComparison.Ordinal));
        var op = WithInstructions(null, null).Operations[0];
        Assert.Contains(WorkOrderRules.Validate(WithInstructions(null, null) with { Operations = [op with { Program = new string('P', 201) }] }),
            p => p.Contains("program is at most 200", StringComparison.Ordinal));
        Assert.Contains(WorkOrderRules.Validate(WithInstructions(null, null) with { Operations = [op with { Name = new string('N', 201) }] }),
            p => p.Contains("name is at most 200", StringComparison.Ordinal));
        Assert.Contains(WorkOrderRules.Validate(WithInstructions(null, "https://x/" + new string('a', TextLimits.NoteLength))),
            p => p.Contains("instructionsUrl is at most 2000", StringComparison.Ordinal));
    }

    private static WorkOrder WithInstructions(string? text, string? link) =>
        new("WO-1", "s", "p", 1, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), 1,
            [new Operation(10, "op", "mill", null, 0, TimeSpan.FromHours(1), []) { Instructions = text, InstructionsUrl = link }]);
}
