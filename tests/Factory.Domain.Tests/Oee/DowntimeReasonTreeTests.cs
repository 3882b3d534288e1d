using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Xunit;

namespace Factory.Domain.Tests.Oee;

public class DowntimeReasonTreeTests
{
    private static readonly DowntimeReason[] Reasons =
    [
        new("MECH", "Mechanical", null, DowntimeCategory.Unplanned),
        new("MECH.JAM", "Jam", "MECH", DowntimeCategory.Unplanned, 101),
        new("SETUP", "Changeover", null, DowntimeCategory.Setup, 200),
        new("EXT.STARVED", "Starved", null, DowntimeCategory.External, 300),
    ];

    [Fact]
    public void Looks_up_by_code_and_plc_code_and_walks_the_path()
    {
        var (tree, refusal) = DowntimeReasonTree.Create(Reasons);
        Assert.Null(refusal);
        Assert.Equal("Jam", tree!.Find("mech.jam")!.Name);
        Assert.Equal("MECH.JAM", tree.FindByPlcCode(101)!.Code);
        Assert.Null(tree.FindByPlcCode(999));
        Assert.Equal(["MECH", "MECH.JAM"], tree.PathTo("MECH.JAM").Select(r => r.Code));
        Assert.Single(tree.ChildrenOf("MECH"));
    }

    [Fact]
    public void Refuses_duplicates_unknown_parents_cycles_and_shared_plc_codes()
    {
        Assert.NotNull(DowntimeReasonTree.Create([.. Reasons, new("MECH", "again", null, DowntimeCategory.Unplanned)]).Refusal);
        Assert.NotNull(DowntimeReasonTree.Create([new("A", "a", "NOPE", DowntimeCategory.Unplanned)]).Refusal);
        var cycle = DowntimeReasonTree.Create([new("A", "a", "B", DowntimeCategory.Unplanned), new("B", "b", "A", DowntimeCategory.Unplanned)]);
        Assert.Contains("cycle", cycle.Refusal!.Reason);
        Assert.NotNull(DowntimeReasonTree.Create([new("A", "a", null, DowntimeCategory.Unplanned, 1), new("B", "b", null, DowntimeCategory.Unplanned, 1)]).Refusal);
    }

    [Fact]
    public void Attaches_only_known_codes_to_downtime()
    {
        var tree = DowntimeReasonTree.Create(Reasons).Tree!;
        var t0 = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var stopped = new StateInterval("m1", PackMlState.Stopped, UnitMode.Production, DataQuality.Good, null, t0, t0.AddMinutes(5));
        var (attached, refusal) = tree.Attach(stopped, "MECH.JAM", TimeClassification.Default);
        Assert.Null(refusal);
        Assert.Equal("MECH.JAM", attached!.ReasonCode);
        Assert.Equal(RefusalKind.NotFound, tree.Attach(stopped, "NOPE", TimeClassification.Default).Refusal!.Kind);
        Assert.Equal(RefusalKind.Conflict, tree.Attach(stopped with { State = PackMlState.Execute }, "MECH.JAM", TimeClassification.Default).Refusal!.Kind);
    }
}
