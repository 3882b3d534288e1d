using Factory.Domain.Oee;

namespace Factory.Domain.Tests.Oee;

public sealed class LineThroughputTests
{
    private static (string, IReadOnlyCollection<string>) M(string id, params string[] capabilities) => (id, capabilities);

    [Fact]
    public void Parallel_machines_of_the_last_stage_all_count()
    {
        var stage = LineThroughput.LastStage([M("INS-01", "inspect"), M("LBL-01", "label"), M("PCK-01", "pack"), M("PCK-02", "pack")]);

        Assert.Equal(["PCK-01", "PCK-02"], stage.AsEnumerable());
    }

    [Fact]
    public void A_single_last_machine_is_the_stage_and_earlier_stations_do_not_count()
    {
        Assert.Equal(["TST-01"], LineThroughput.LastStage([M("ASM-01", "assemble"), M("ASM-02", "assemble"), M("WLD-01", "weld"), M("TST-01", "test")]).AsEnumerable());
    }

    [Fact]
    public void A_machine_sharing_one_capability_with_the_last_belongs_to_its_stage_only_when_it_is_next_to_it()
    {
        var stage = LineThroughput.LastStage([M("CNC-01", "mill", "drill"), M("CNC-04", "turn"), M("DRL-02", "drill", "tap"), M("DRL-01", "drill")]);

        Assert.Equal(["DRL-02", "DRL-01"], stage.AsEnumerable());
    }

    [Fact]
    public void No_machines_no_stage()
    {
        Assert.Empty(LineThroughput.LastStage([]));
    }

    [Fact]
    public void Good_per_hour_is_per_elapsed_hour_and_null_without_time()
    {
        Assert.Equal(120, LineThroughput.GoodPerHour(60, TimeSpan.FromMinutes(30)));
        Assert.Null(LineThroughput.GoodPerHour(60, TimeSpan.Zero));
    }
}
