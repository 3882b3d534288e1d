using System.Globalization;
using System.Text;
using Factory.Domain.Alarms;
using Factory.Domain.Oee;

namespace Factory.Domain.Audit;

/// <summary>
/// CSV (RFC 4180: comma separated, CRLF line ends, fields with comma, quote or line break quoted, quotes
/// doubled) for KPI reports, alarm history and the audit trail. Timestamps are ISO 8601, numbers invariant,
/// ratios as fractions (0.7479), durations in seconds, an undefined figure as an empty field. Free-text fields
/// that a spreadsheet would run as a formula (starting with =, +, -, @) get a leading apostrophe.
/// </summary>
public static class CsvExport
{
    public static string Kpis(IEnumerable<KpiRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Table(
            ["entity", "id", "from", "to", "pot_s", "pdot_s", "pbt_s", "apt_s", "adot_s", "adet_s", "asut_s", "apmt_s", "unknown_s", "not_counted_s",
             "produced", "good", "scrap", "rework", "availability", "effectiveness", "quality_ratio", "oee", "technical_efficiency",
             "scrap_ratio", "rework_ratio", "failures", "mtbf_s", "mttr_s", "throughput_per_hour"],
            rows.Select(r =>
            {
                var k = r.Kpis;
                var t = k.Time;
                return new[]
                {
                    Text(r.Entity), Text(r.EntityId), Time(r.Window.Start), Time(r.Window.End),
                    Seconds(t.Pot), Seconds(t.Pdot), Seconds(t.Pbt), Seconds(t.Apt), Seconds(t.Adot), Seconds(t.Adet), Seconds(t.Asut), Seconds(t.Apmt), Seconds(t.Unknown), Seconds(t.NotCounted),
                    Number(k.Output.Produced), Number(k.Output.Good), Number(k.Output.Scrap), Number(k.Output.Rework),
                    Ratio(k.Availability), Ratio(k.Effectiveness), Ratio(k.QualityRatio), Ratio(k.Oee), Ratio(k.TechnicalEfficiency),
                    Ratio(k.ScrapRatio), Ratio(k.ReworkRatio), Number(k.Failures), Seconds(k.Mtbf), Seconds(k.Mttr), Ratio(k.ThroughputPerHour),
                };
            }));
    }

    public static string AlarmHistory(IEnumerable<AlarmEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Table(
            ["at", "alarm", "machine", "area", "priority", "action", "from", "to", "who", "why"],
            events.Select(e => new[]
            {
                Time(e.At), Text(e.AlarmId), Text(e.MachineId), Text(e.Area), e.Priority.ToString(), e.Action.ToString(),
                e.From.ToString(), e.To.ToString(), Text(e.Who), Text(e.Why),
            }));
    }

    public static string AuditTrail(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Table(
            ["sequence", "at", "who", "action", "target", "why", "result", "details", "previous_hash", "hash"],
            entries.Select(e => new[]
            {
                Number(e.Sequence), Time(e.At), Text(e.Who), Text(e.Action), Text(e.Target), Text(e.Why), Text(e.Result), Text(e.Details),
                e.PreviousHash, e.Hash,
            }));
    }

    /// <summary>A whole table: header line, then one line per row, each line ended by CRLF.</summary>
    public static string Table(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        Line(csv, header);
        foreach (var row in rows)
        {
            Line(csv, row);
        }

        return csv.ToString();
    }

    /// <summary>One field, quoted when RFC 4180 requires it.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Line(StringBuilder csv, IEnumerable<string?> fields)
    {
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    private static string Text(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value ?? string.Empty;

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan? value) =>
        value is { } v ? (v.Ticks / (decimal)TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : string.Empty;
}
