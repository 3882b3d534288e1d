namespace Factory.Domain.Plant;

/// <summary>A plant site: the unit of scheduling and of the control room's overview.</summary>
/// <param name="TimeZone">IANA time zone of the site, used by shift calendars.</param>
public sealed record SiteDefinition(string Id, string Name, string TimeZone);
