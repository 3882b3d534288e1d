using Factory.Domain.PackMl;

namespace Factory.Domain.Tests.PackMl;

public sealed class PlcStateTableTests
{
    private static PlcStateTable Table(params (string Key, string State)[] entries)
    {
        var problems = new List<string>();
        var table = PlcStateTable.Parse(entries.Select(e => KeyValuePair.Create(e.Key, e.State)), problems);
        Assert.Empty(problems);
        return table;
    }

    [Fact]
    public void A_table_maps_the_sources_own_names_case_insensitively_and_PackML_names_still_mean_themselves()
    {
        var table = Table(("Running", "Execute"), ("Fault", "Aborted"));

        Assert.Equal(PackMlState.Execute, table.Read("Running").State);
        Assert.Equal(PackMlState.Execute, table.Read(" running ").State);
        Assert.Equal(PackMlState.Aborted, table.Read("FAULT").State);
        Assert.Equal(PackMlState.Idle, table.Read("Idle").State);
        Assert.Null(table.Read("Running").Problem);
    }

    [Fact]
    public void A_table_maps_numbers_and_then_no_longer_accepts_PackTags_numbers()
    {
        var table = Table(("1", "Execute"), ("2", "Aborted"), ("Warmup", "Starting"));

        Assert.Equal(PackMlState.Execute, table.Read(1).State);
        Assert.Equal(PackMlState.Aborted, table.Read(2).State);
        Assert.Equal(PackMlState.Starting, table.Read("warmup").State);
        var unknown = table.Read(6);
        Assert.Null(unknown.State);
        Assert.Contains("6", unknown.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_table_PackML_names_and_PackTags_numbers_are_read()
    {
        Assert.Equal(PackMlState.Execute, PlcStateTable.PackTags.Read("Execute").State);
        Assert.Equal(PackMlState.Execute, PlcStateTable.PackTags.Read(6).State);
        Assert.Equal(PackMlState.Complete, PlcStateTable.PackTags.Read(17).State);
    }

    [Theory]
    [InlineData("Running")]
    [InlineData("Fault")]
    [InlineData("6")]
    [InlineData("")]
    public void A_name_that_neither_the_table_nor_PackML_knows_gives_a_reason_naming_it(string name)
    {
        var reading = PlcStateTable.PackTags.Read(name);

        Assert.Null(reading.State);
        Assert.Contains($"'{name.Trim()}'", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(18)]
    [InlineData(-1)]
    public void A_number_outside_PackTags_gives_a_reason(long number)
    {
        var reading = PlcStateTable.PackTags.Read(number);

        Assert.Null(reading.State);
        Assert.Contains(number.ToString(System.Globalization.CultureInfo.InvariantCulture), reading.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_that_name_no_PackML_state_are_problems_and_left_out()
    {
        var problems = new List<string>();
        var table = PlcStateTable.Parse(
            [KeyValuePair.Create("Running", "Execute"), KeyValuePair.Create("Fault", "Broken"), KeyValuePair.Create("3", "6")],
            problems);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'Broken' is not a PackML state", StringComparison.Ordinal));
        Assert.Equal(PackMlState.Execute, table.Read("Running").State);
        Assert.Null(table.Read("Fault").State);
    }
}
