namespace Factory.Domain.Oee;

/// <summary>One node of a site's downtime reason tree.</summary>
/// <param name="Code">Unique code, e.g. "MECH.JAM".</param>
/// <param name="ParentCode">The parent node's code, null for a root.</param>
/// <param name="PlcCode">The numeric code a PLC reports for this reason, when it has one (unique in the tree).</param>
public sealed record DowntimeReason(string Code, string Name, string? ParentCode, DowntimeCategory Category, int? PlcCode = null);
