using System.Globalization;
using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Domain.Calendars;
using Factory.Domain.Oee;
using Factory.Host.Plant;
using NodaTime;
using NodaTime.Text;

namespace Factory.Host.Production;

/// <summary>Turns the optional production sections of the plant file into <see cref="SiteProduction"/>, with defaults.</summary>
public static class ProductionDefinitionReader
{
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The reason tree used when a site gives none.</summary>
    public static ImmutableArray<DowntimeReason> DefaultReasons { get; } =
    [
        new("breakdown", "Breakdown", null, DowntimeCategory.Unplanned),
        new("mechanical", "Mechanical failure", "breakdown", DowntimeCategory.Unplanned, 1),
        new("electrical", "Electrical failure", "breakdown", DowntimeCategory.Unplanned, 2),
        new("material", "Waiting for material", null, DowntimeCategory.External, 3),
        new("changeover", "Changeover", null, DowntimeCategory.Setup, 4),
        new("minor-stop", "Minor stop", null, DowntimeCategory.MinorStop, 5),
        new("planned", "Planned stop", null, DowntimeCategory.Planned, 6),
    ];

    /// <exception cref="PlantDefinitionException">A section is invalid.</exception>
    public static ImmutableArray<SiteProduction> Read(PlantDefinition plant)
    {
        var problems = new List<string>();
        var result = ImmutableArray.CreateBuilder<SiteProduction>();
        foreach (var site in plant.Sites)
        {
            var calendar = site.ShiftCalendar is { } c ? Calendar(site, c, problems) : null;
            var classificationEntry = site.TimeClassification ?? new TimeClassificationEntry();
            var classification = new TimeClassification(classificationEntry.Held, classificationEntry.IdleWithoutOrder, classificationEntry.ManualMode);
            problems.AddRange(classification.Validate().Select(p => $"site '{site.Id}' timeClassification: {p}"));
            var (tree, refusal) = DowntimeReasonTree.Create(site.DowntimeReasons is { } reasons
                ? reasons.Select(r => new DowntimeReason(r.Code, string.IsNullOrWhiteSpace(r.Name) ? r.Code : r.Name, r.Parent, r.Category, r.PlcCode))
                : DefaultReasons);
            if (refusal is not null)
            {
                problems.Add($"site '{site.Id}' downtimeReasons: {refusal.Reason}");
            }

            var machines = site.Lines.SelectMany(l => l.Machines.Select(m => (Line: l, Machine: m))).ToList();
            var known = machines.Select(m => m.Machine.Id).ToHashSet(StringComparer.Ordinal);
            var alarms = new List<AlarmDefinitionView>();
            foreach (var a in site.Alarms)
            {
                if (!known.Contains(a.MachineId))
                {
                    problems.Add($"alarm '{a.Id}' names unknown machine '{a.MachineId}'");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(a.Tag))
                {
                    problems.Add($"alarm '{a.Id}' needs a tag");
                }

                var line = machines.First(m => m.Machine.Id == a.MachineId).Line.Id;
                var view = new AlarmDefinitionView(a.Id, a.MachineId, string.IsNullOrWhiteSpace(a.Area) ? line : a.Area, a.Tag, a.Condition,
                    a.Limit, a.Deadband, a.Priority, a.Latched, string.IsNullOrWhiteSpace(a.Message) ? a.Id : a.Message,
                    a.MaxShelveMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null);
                problems.AddRange(view.ToDomain().Validate().Select(p => $"alarm '{a.Id}': {p}"));
                if (AndonCall.KindOf(a.MachineId, a.Id) is not null)
                {
                    problems.Add($"alarm id '{a.Id}' is reserved for the machine's andon");
                }

                if (alarms.Any(x => x.Id == a.Id))
                {
                    problems.Add($"alarm id '{a.Id}' is used twice");
                }

                alarms.Add(view);
            }

            var plcReasons = (tree ?? DowntimeReasonTree.Empty).Reasons.Where(r => r.PlcCode is not null)
                .ToImmutableDictionary(r => r.PlcCode!.Value, r => r.Code);
            var settings = machines.Select(m => new MachineLogSettings(
                m.Machine.Id, site.Id, m.Line.Id, m.Machine.IdealCycleTimeSeconds ?? MachineDefinitionEntry.DefaultIdealCycleTimeSeconds,
                [.. alarms.Where(a => a.MachineId == m.Machine.Id), .. Enum.GetValues<AndonKind>().Select(k => AlarmDefinitionView.Andon(m.Machine.Id, m.Line.Id, k))],
                [.. m.Machine.SafetyTags.Select(t => new SafetyTagView(t.Tag, t.Kind))],
                string.IsNullOrWhiteSpace(m.Machine.ReasonTag) ? "reason" : m.Machine.ReasonTag,
                plcReasons)).ToImmutableArray();
            result.Add(new SiteProduction(site.Id, calendar, classification, tree ?? DowntimeReasonTree.Empty, settings));
        }

        if (problems.Count > 0)
        {
            throw PlantDefinitionException.Of(problems);
        }

        return result.ToImmutable();
    }

    private static ShiftCalendar? Calendar(SiteDefinitionEntry site, ShiftCalendarEntry entry, List<string> problems)
    {
        LocalTime Parse(string text, string what)
        {
            var parsed = Time.Parse(text ?? "");
            if (!parsed.Success)
            {
                problems.Add($"site '{site.Id}' shiftCalendar: {what} '{text}' is not a local time HH:mm");
                return LocalTime.Midnight;
            }

            return parsed.Value;
        }

        var patterns = entry.Shifts.Select(s => new ShiftPattern(
            s.Name,
            [.. s.Days.Select(d => Enum.TryParse<IsoDayOfWeek>(d, true, out var day) && Enum.IsDefined(day) && day != IsoDayOfWeek.None
                ? day
                : Bad(d))],
            Parse(s.Start, $"start of shift '{s.Name}'"),
            Parse(s.End, $"end of shift '{s.Name}'"),
            [.. s.Breaks.Select(b => new ShiftBreak(Parse(b.Start, "break start"), Parse(b.End, "break end"), b.Kind))])).ToImmutableArray();
        var exceptions = entry.Exceptions.Select(e => new CalendarException(
            LocalDatePattern.Iso.Parse(e.Date ?? "") is { Success: true } d ? d.Value : BadDate(e.Date),
            e.Kind, e.Shift, e.Note)).ToImmutableArray();
        var calendar = new ShiftCalendar(site.Id, site.TimeZone, patterns, exceptions);
        var found = calendar.Validate();
        problems.AddRange(found.Select(p => $"site '{site.Id}' shiftCalendar: {p}"));
        return found.Count == 0 ? calendar : null;

        IsoDayOfWeek Bad(string day)
        {
            problems.Add($"site '{site.Id}' shiftCalendar: '{day}' is not a weekday (Monday … Sunday)");
            return IsoDayOfWeek.Monday;
        }

        LocalDate BadDate(string? date)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"site '{site.Id}' shiftCalendar: '{date}' is not a date yyyy-MM-dd"));
            return new LocalDate(2000, 1, 1);
        }
    }
}
