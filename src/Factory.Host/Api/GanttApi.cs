using Factory.Domain.Calendars;
using Factory.Domain.Oee;
using Factory.Host.Production;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/sites/{id}/shifts</c>: the site's shifts and breaks over a window, for the plan's Gantt.</summary>
public static class GanttApi
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public static RouteGroupBuilder MapGanttApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sites/{id}/shifts", Shifts)
            .WithTags("Production").WithSummary("The shifts (with their breaks) overlapping ?from=&to= (at most 31 days) from the site's calendar; none without a calendar.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static IResult Shifts(string id, DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog)
    {
        if (catalog.Site(id) is not { } site)
        {
            return CommandResults.NotFound($"site '{id}'");
        }

        if (from is not { } start || to is not { } end || end <= start || end - start > MaxWindow)
        {
            return CommandResults.Invalid("from", "from and to are required, to after from, at most 31 days apart");
        }

        IReadOnlyList<ShiftInstance> shifts = site.Calendar?.Expand(new TimeRange(start, end), id) ?? [];
        return TypedResults.Ok(new
        {
            siteId = id,
            fromCalendar = site.Calendar is not null,
            timeZone = site.Calendar?.TimeZoneId ?? "UTC",
            shifts = shifts.Select(s => new
            {
                name = s.ShiftName,
                id = s.Id,
                start = s.Start,
                end = s.End,
                breaks = s.Breaks.Select(b => new { start = b.Start, end = b.End, kind = b.Kind.ToString() }),
            }),
        });
    }
}
