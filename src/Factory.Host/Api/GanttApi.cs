using Factory.Domain.Calendars;
using Factory.Domain.Limits;
using Factory.Domain.Oee;
using Factory.Host.Production;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/sites/{id}/shifts</c>: the site's shifts and breaks over a window, for the plan's Gantt.</summary>
public static class GanttApi
{
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

        var (window, problem) = QueryWindow.Of(from, to, QueryWindow.Detail);
        if (window is null)
        {
            return CommandResults.Invalid("from", problem!);
        }

        IReadOnlyList<ShiftInstance> shifts = site.Calendar?.Expand(new TimeRange(window.From, window.To), id) ?? [];
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
