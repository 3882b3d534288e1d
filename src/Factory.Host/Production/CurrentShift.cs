namespace Factory.Host.Production;

/// <summary>The shift running now at a site, from its shift calendar in the site's time zone.</summary>
/// <param name="Name">The shift's name ("Early", "Late", …), or "Day" / "No shift" when no calendar shift is running.</param>
/// <param name="Id">The shift instance's id, e.g. <c>Early@2026-11-24</c>, as in the per-shift KPI rows.</param>
/// <param name="TimeZone">The calendar's IANA time zone ("UTC" without a calendar).</param>
/// <param name="FromCalendar">False when no calendar shift is running and the window is the current UTC day.</param>
public sealed record CurrentShift(string SiteId, string Name, string Id, DateTimeOffset Start, DateTimeOffset End, string TimeZone, bool FromCalendar);
