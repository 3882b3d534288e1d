using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Factory.Contracts.Maintenance;
using Factory.Contracts.Specs;
using Factory.Contracts.Views;
using Factory.Domain.Maintenance;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.Domain.Work;
using Factory.Grains.State;
using Factory.Grains.Storage;
using static Factory.Grains.Tests.OrleansWire;

namespace Factory.Grains.Tests;

/// <summary>
/// A view is its spec plus where it stands (one declaration of the spec's fields): Orleans still carries every field of
/// both levels, the JSON screens and the hub read stays flat with every name it had, the hub's clients read it back, and
/// a spec stored before still reads.
/// </summary>
public sealed class SpecViewSerializationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    /// <summary>As the API and the hub write views: web defaults, enums as names.</summary>
    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // The JSON property names of each view before it derived from its spec (bddec60), written down so none is ever lost.
    private static readonly string[] MachineViewBefore =
    [
        "id", "siteId", "lineId", "name", "capabilities", "idealCycleTimeSeconds", "holdExtensions", "state", "stateSince", "mode",
        "quality", "qualitySince", "faultReason", "telemetry", "currentWorkOrderId", "currentOperation", "available",
        "unavailableReason", "version", "source", "job", "qualityReason",
    ];

    private static readonly string[] OperationViewBefore =
    [
        "sequence", "name", "capability", "skill", "minSkillLevel", "standardDurationSeconds", "allowedMachines", "machineId",
        "workerId", "pinned", "status", "good", "scrap", "readyAt", "startedAt", "endedAt", "eta", "note", "program", "runs",
        "managerAssignedAt", "instructions", "instructionsUrl", "notBefore",
    ];

    private static readonly string[] MaintenanceOrderViewBefore =
    [
        "id", "machineId", "kind", "reason", "tasks", "skill", "certification", "estimatedSeconds", "spareParts", "status",
        "requestedAt", "requestedBy", "planId", "downtimeStart", "alarmId", "dueBy", "windowStart", "windowEnd", "startedAt",
        "startedBy", "finishedAt", "doneBy", "note", "timeTakenSeconds", "overdue", "plannedStart", "plannedEnd", "plannedWorkerId",
    ];

    private static readonly string[] MaintenancePlanViewBefore =
    [
        "id", "machineId", "title", "trigger", "interval", "tasks", "skill", "estimatedSeconds", "dueWithinSeconds", "anchorAt",
        "openOrderId", "used", "remaining", "nextDueAt", "due", "tag", "comparison", "limit",
    ];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Api);

    private static string[] Names(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    private static MachineView Machine() => new(new MachineSpec("CNC-01", "plant-1", "L1", "Mill 1", ["mill", "drill"], 12, true, PackMlState.Idle, "opc-1"))
    {
        State = PackMlState.Execute,
        StateSince = T0,
        Mode = UnitMode.Production,
        Quality = DataQuality.Stale,
        QualitySince = T0.AddMinutes(1),
        FaultReason = "jam",
        Telemetry = TelemetryView.Empty with { Speed = 40 },
        CurrentWorkOrderId = "WO-1",
        CurrentOperation = 10,
        Available = false,
        UnavailableReason = "stale data",
        Version = 7,
        Job = new JobView("J-1", "WO-1", 10, "mill", "bracket", 20, "P-7", "W1", JobPhase.Running, T0, T0, null, 3, 1, null, T0.AddHours(1), null),
        QualityReason = "no data for 30 s",
    };

    private static OperationView Operation() => new(new OperationSpec(10, "mill", "mill", "machining", 2, 900, ["CNC-01"], "P-7", "Mill to drawing", "https://docs/op10"))
    {
        MachineId = "CNC-01",
        WorkerId = "W1",
        Pinned = true,
        Status = OperationStatus.Running,
        Good = 3,
        Scrap = 1,
        ReadyAt = T0,
        StartedAt = T0.AddMinutes(5),
        Eta = T0.AddHours(1),
        Note = "first article checked",
        Runs = [new OperationRunView("CNC-01", "W1", T0, T0.AddMinutes(5), null, 3, 1, null, null)],
        ManagerAssignedAt = T0,
        NotBefore = T0.AddMinutes(2),
    };

    private static MaintenanceOrderView Order()
    {
        var order = new MaintenanceOrder("MO-1", "CNC-01", MaintenanceKind.Corrective, "spindle noise", ["check bearings"], "millwright", "lockout",
            TimeSpan.FromHours(1), "bearing 6205", MaintenanceStatus.Done, T0, "control", "PM-1", T0.AddMinutes(-5), "CNC-01.fault", T0.AddHours(4),
            new MaintenanceWindow(T0.AddHours(1), T0.AddHours(2)), T0.AddHours(1), "W2", T0.AddHours(2), "W2", "replaced");
        return MaintenanceOrderView.From(order, T0.AddHours(3)).WithSlot(new PlannedMaintenanceView("MO-1", "CNC-01", "W2", T0.AddHours(1), T0.AddHours(2)));
    }

    private static MaintenancePlanView Plan()
    {
        var plan = new MaintenancePlan("PM-1", "CNC-01", "Spindle temperature", MaintenanceTrigger.Condition, 10, ["grease"], "millwright",
            TimeSpan.FromMinutes(30), TimeSpan.FromHours(4), T0, "MO-1", new TagCondition("spindleTemp", TagComparison.Above, 80, TimeSpan.FromMinutes(10)));
        return MaintenancePlanView.From(plan, new MaintenanceDue(false, 4, 6, T0.AddHours(2)));
    }

    [Fact]
    public void Orleans_carries_every_field_of_a_view_and_of_its_spec()
    {
        // Records compare immutable arrays by reference, so the views are compared as the JSON that shows every field.
        foreach (var (sent, back) in new (object, object)[]
                 {
                     (Machine(), RoundTrip(Machine())), (Operation(), RoundTrip(Operation())),
                     (Order(), RoundTrip(Order())), (Plan(), RoundTrip(Plan())),
                 })
        {
            Assert.Equal(sent.GetType(), back.GetType());
            Assert.Equal(JsonSerializer.Serialize(sent, sent.GetType(), Api), JsonSerializer.Serialize(back, back.GetType(), Api));
        }

        var machine = RoundTrip(Machine());
        Assert.Equal(("CNC-01", "opc-1", PackMlState.Idle, PackMlState.Execute), (machine.Id, machine.Source, machine.InitialState, machine.State));
        Assert.Equal(["mill", "drill"], machine.Capabilities.ToArray());
        var operation = RoundTrip(Operation());
        Assert.Equal(("Mill to drawing", "CNC-01", 3L), (operation.Instructions, operation.MachineId, operation.Good));
        Assert.Equal(("W2", "spindle noise"), (RoundTrip(Order()).PlannedWorkerId, RoundTrip(Order()).Reason));
        Assert.Equal((T0, 80.0, 4.0), (RoundTrip(Plan()).AnchorAt!.Value, RoundTrip(Plan()).Limit!.Value, RoundTrip(Plan()).Used));
    }

    [Fact]
    public void A_view_in_a_work_order_view_crosses_with_its_operations()
    {
        var order = new WorkOrderView("WO-1", "plant-1", "bracket", 20, T0.AddDays(1), 5, [Operation()], false, 3);
        var back = RoundTrip(order);
        Assert.Equal(Json(order), Json(back));
    }

    [Fact]
    public void The_json_of_each_view_stays_flat_and_keeps_every_name_it_had()
    {
        // The machine view gains the state its spec says it starts in; nothing else comes or goes.
        Assert.Equal(MachineViewBefore.Append("initialState").Order(StringComparer.Ordinal), Names(Json(Machine())).Order(StringComparer.Ordinal));
        Assert.Equal(OperationViewBefore.Order(StringComparer.Ordinal), Names(Json(Operation())).Order(StringComparer.Ordinal));
        Assert.Equal(MaintenanceOrderViewBefore.Order(StringComparer.Ordinal), Names(Json(Order())).Order(StringComparer.Ordinal));
        Assert.Equal(MaintenancePlanViewBefore.Order(StringComparer.Ordinal), Names(Json(Plan())).Order(StringComparer.Ordinal));

        using var plan = JsonDocument.Parse(Json(Plan()));
        Assert.Equal(T0, plan.RootElement.GetProperty("anchorAt").GetDateTimeOffset());
        using var machine = JsonDocument.Parse(Json(Machine()));
        Assert.Equal(("Execute", "Idle", "opc-1"), (machine.RootElement.GetProperty("state").GetString(),
            machine.RootElement.GetProperty("initialState").GetString(), machine.RootElement.GetProperty("source").GetString()));
    }

    [Fact]
    public void A_hub_client_reads_each_view_back_from_its_json()
    {
        Assert.Equal(Json(Machine()), Json(JsonSerializer.Deserialize<MachineView>(Json(Machine()), Api)));
        Assert.Equal(Json(Operation()), Json(JsonSerializer.Deserialize<OperationView>(Json(Operation()), Api)));
        Assert.Equal(Json(Order()), Json(JsonSerializer.Deserialize<MaintenanceOrderView>(Json(Order()), Api)));
        Assert.Equal(Json(Plan()), Json(JsonSerializer.Deserialize<MaintenancePlanView>(Json(Plan()), Api)));
    }

    [Fact]
    public void A_spec_writes_only_its_own_fields_and_one_stored_before_still_reads()
    {
        Assert.Equal(["capabilities", "holdExtensions", "id", "idealCycleTimeSeconds", "initialState", "lineId", "name", "siteId", "source"],
            Names(GrainStateJson.Serialize(new MachineSpec("CNC-01", "plant-1", "L1", "Mill 1", ["mill"], 12, false, PackMlState.Idle))).Order(StringComparer.Ordinal));

        // A machine state as the store held it before views derived from specs.
        const string stored = """
            {"spec":{"id":"CNC-01","siteId":"plant-1","lineId":"L1","name":"Mill 1","capabilities":["mill"],"idealCycleTimeSeconds":12,
            "holdExtensions":false,"initialState":"Execute","source":null},"state":"Held","version":4}
            """;
        var state = GrainStateJson.Deserialize<MachineState>(stored);
        Assert.True(new MachineSpec("CNC-01", "plant-1", "L1", "Mill 1", ["mill"], 12, false, PackMlState.Execute).SameAs(state.Spec));
        Assert.Equal(PackMlState.Held, state.State);
    }
}
