using Factory.Domain.Work;
using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains.Tests;

/// <summary>#18: a manager's earliest start survives the stores' JSON, and states stored before it existed still load.</summary>
public sealed class AssignmentStateJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    private static WorkOrderState State(Assignment assignment) => new()
    {
        Order = new WorkOrder("WO-1", "plant-1", "part", 5, T0.AddDays(1), 2,
            [new Operation(10, "mill", "mill", null, 0, TimeSpan.FromMinutes(10), [], assignment)]),
        Version = 3,
    };

    [Fact]
    public void A_not_before_comes_back_as_it_was_stored()
    {
        var assignment = new Assignment("CNC-01", "W01", Pinned: false, T0, NotBefore: T0.AddHours(3));

        var back = GrainStateJson.Deserialize<WorkOrderState>(GrainStateJson.Serialize(State(assignment)));

        Assert.Equal(assignment, back.Order!.Operations[0].Assignment);
    }

    [Fact]
    public void A_state_stored_before_not_before_existed_loads_as_as_soon_as_possible()
    {
        var json = GrainStateJson.Serialize(State(new Assignment("CNC-01", "W01", Pinned: true, T0)));
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var stored = node["order"]!["operations"]![0]!["assignment"]!.AsObject();
        Assert.True(stored.Remove("notBefore"), "the test must remove the new field to stand for an old state");

        var back = GrainStateJson.Deserialize<WorkOrderState>(node.ToJsonString());

        Assert.Equal(new Assignment("CNC-01", "W01", Pinned: true, T0, NotBefore: null), back.Order!.Operations[0].Assignment);
    }
}
