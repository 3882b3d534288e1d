using Factory.Contracts.Production;
using Factory.Domain.Oee;
using Factory.Domain.Staff;
using Factory.Host.Plant;
using Factory.Host.Production;
using Factory.Domain.Limits;

namespace Factory.Host.Api;

/// <summary>Staff and training: time and output per worker against standard, held-up operations, expiring certifications.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        api.MapGet("/staff/performance", WorkerPerformance)
            .WithTags("People").WithSummary("Per worker: operations, time spent and standard time, efficiency (standard ÷ actual), output (default: the last 7 days).");
        api.MapGet("/training-needs", ListTrainingNeeds)
            .WithTags("People").WithSummary("Operations held up for lack of a qualified, certified, clocked-in worker, and certifications expiring within ?days= (default 30).");
        return api;
    }

    private static async Task<IResult> WorkerPerformance(DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog, PlantQueries plant, IGrainFactory grains, PlantClock clock)
    {
        var now = clock.GetUtcNow();
        var (asked, problem) = QueryWindow.Of(from, to, TimeSpan.FromDays(7), QueryWindow.Log, now);
        if (asked is null)
        {
            return CommandResults.Invalid("from", problem!);
        }

        var (start, end) = (asked.From, asked.To);

        var window = new TimeRange(start, end < now ? end : now < start ? start : now);
        var logs = await Task.WhenAll(catalog.Machines().Select(m => grains.GetGrain<IMachineLogGrain>(m.MachineId).GetLog(window.Start, window.End)));
        var orders = await plant.WorkOrdersAsync();
        var records = StaffRecords.FromLogs(logs, [.. orders], window);
        return TypedResults.Ok(new
        {
            from = window.Start,
            to = window.End,
            workers = StaffPerformance.ForWorkers(records, window).Select(p => new
            {
                p.WorkerId, p.Operations, actualSeconds = p.Actual.TotalSeconds, standardSeconds = p.Standard.TotalSeconds,
                p.Good, p.Scrap, p.Efficiency, p.GoodPerHour,
            }),
        });
    }

    private static async Task<IResult> ListTrainingNeeds(int? days, PlantQueries plant, PlantClock clock)
    {
        if (days is < 0 or > 3650)
        {
            return CommandResults.Invalid("days", "days must be between 0 and 3650");
        }

        var now = clock.GetUtcNow();
        var workers = (await plant.WorkersAsync()).Select(w => w.ToWorker()).ToList();
        var orders = (await plant.WorkOrdersAsync()).Select(StaffRecords.ToWorkOrder).ToList();
        return TypedResults.Ok(new
        {
            heldUp = TrainingNeeds.HeldUpOperations(orders, workers, now),
            expiring = TrainingNeeds.ExpiringWithin(workers, now, days ?? 30),
        });
    }
}
