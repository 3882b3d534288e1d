using System.Text.Json;
using System.Text.Json.Serialization;
using Factory.Contracts.Production;
using Factory.Domain.Alarms;

namespace Factory.Host.Mqtt;

/// <summary>The JSON of each Unified Namespace topic (schema in README, "Unified Namespace"): camelCase, ISO 8601 UTC times, nulls kept.</summary>
public static class UnsPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static byte[] State(MachineView m) => Write(new { state = m.State, stateNumber = (int)m.State, since = m.StateSince, faultReason = m.FaultReason });

    public static byte[] Mode(MachineView m) => Write(new { mode = m.Mode, modeNumber = (int)m.Mode });

    public static byte[] Quality(MachineView m) => Write(new
    {
        quality = m.Quality, since = m.QualitySince, available = m.Available, unavailableReason = m.UnavailableReason, source = m.Source,
    });

    public static byte[] WorkOrder(MachineView m, WorkOrderView? order)
    {
        var operation = order?.Operations.FirstOrDefault(o => o.Sequence == m.CurrentOperation);
        return Write(new
        {
            workOrderId = m.CurrentWorkOrderId, operation = m.CurrentOperation, operationName = operation?.Name,
            product = order?.Product, quantity = order?.Quantity, dueDate = order?.DueDate,
        });
    }

    public static byte[] Counters(MachineView m) => Write(new
    {
        produced = m.Telemetry.ProducedCount, good = m.Telemetry.GoodCount, scrap = m.Telemetry.ScrapCount, timestamp = m.Telemetry.SourceTimestamp,
    });

    public static byte[] Process(MachineView m) => Write(new
    {
        speed = m.Telemetry.Speed, setpoint = m.Telemetry.Setpoint, temperatures = m.Telemetry.Temperatures, timestamp = m.Telemetry.SourceTimestamp,
    });

    public static byte[] Alarms(IEnumerable<AlarmView> alarms)
    {
        var active = alarms.Where(a => a.State != AlarmState.Normal).OrderBy(a => a.Priority).ThenByDescending(a => a.StateSince).ToList();
        return Write(new
        {
            count = active.Count,
            alarms = active.Select(a => new
            {
                id = a.Id, state = a.State, priority = a.Priority, message = a.Message, conditionActive = a.ConditionActive,
                activeSince = a.ActiveSince, stateSince = a.StateSince, shelvedUntil = a.ShelvedUntil,
            }),
        });
    }

    public static byte[] Oee(KpiView k) => Write(new
    {
        from = k.From, to = k.To, oee = k.Oee, availability = k.Availability, effectiveness = k.Effectiveness, quality = k.QualityRatio,
        produced = k.Produced, good = k.Good, scrap = k.Scrap, failures = k.Failures, mtbfSeconds = k.MtbfSeconds, mttrSeconds = k.MttrSeconds,
        throughputPerHour = k.ThroughputPerHour,
    });

    public static byte[] Line(LineView l) => Write(new
    {
        name = l.Name, status = l.Status, throughputPerHour = l.ThroughputPerHour, machinesProducing = l.MachinesProducing,
        machinesFailed = l.MachinesFailed, machines = l.MachineIds,
    });

    public static byte[] Order(WorkOrderView o) => Write(new
    {
        product = o.Product, quantity = o.Quantity, dueDate = o.DueDate, priority = o.Priority, done = o.Done,
        operations = o.Operations.Select(op => new
        {
            sequence = op.Sequence, name = op.Name, status = op.Status, machineId = op.MachineId, workerId = op.WorkerId, pinned = op.Pinned,
        }),
    });

    public static byte[] Plan(PlanView p) => Write(new
    {
        version = p.Version, mode = p.Mode, appliedAt = p.AppliedAt, trigger = p.Trigger, solver = p.Solver, objective = p.Objective,
        operations = p.Operations.Select(o => new
        {
            workOrderId = o.WorkOrderId, sequence = o.Sequence, machineId = o.MachineId, workerId = o.WorkerId, start = o.Start, end = o.End, pinned = o.Pinned,
        }),
        unplanned = p.Unplanned,
    });

    public static byte[] Status(bool online, DateTimeOffset since, string host) => Write(new { online, since, host });

    private static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);
}
