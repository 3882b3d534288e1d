using Factory.Domain.Alarms;
using Factory.Domain.Audit;
using Factory.Domain.Oee;
using Xunit;

namespace Factory.Domain.Tests.Audit;

public class CsvExportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_per_rfc_4180(string value, string expected) => Assert.Equal(expected, CsvExport.Field(value));

    [Fact]
    public void Audit_trail_round_trips_through_a_strict_reader()
    {
        var entry = AuditChain.Append(null, T0, "=cmd|' /C calc'!A0", "alarm.shelve", "alarm/A1", "sensor, \"flaky\"\nagain", "accepted").Entry!;
        var csv = CsvExport.AuditTrail([entry]);
        var rows = Parse(csv);
        Assert.Equal(2, rows.Count);
        Assert.Equal(10, rows[0].Count);
        Assert.Equal("'=cmd|' /C calc'!A0", rows[1][2]); // never run as a formula
        Assert.Equal("sensor, \"flaky\"\nagain", rows[1][5]);
        Assert.Equal(entry.Hash, rows[1][9]);
        Assert.EndsWith("\r\n", csv);
    }

    [Fact]
    public void Kpi_and_alarm_exports_have_one_row_each_with_undefined_figures_empty()
    {
        var kpis = new ProductionKpis(TimeElementTotals.Zero with { Apt = TimeSpan.FromMinutes(30) }, ProductionTotals.Zero, 0);
        var rows = Parse(CsvExport.Kpis([new KpiRow("machine", "m1", new TimeRange(T0, T0.AddHours(1)), kpis)]));
        Assert.Equal(rows[0].Count, rows[1].Count);
        var column = rows[0].IndexOf("availability");
        Assert.Equal("1", rows[1][column]);
        Assert.Equal(string.Empty, rows[1][rows[0].IndexOf("quality_ratio")]);
        Assert.Equal(string.Empty, rows[1][rows[0].IndexOf("mtbf_s")]);
        Assert.Equal("1800", rows[1][rows[0].IndexOf("apt_s")]);

        var alarm = Alarm.New(new AlarmDefinition("A1", "m1", "x", "bit", AlarmPriority.High, false, "m"), T0).Activate(T0).Events.Single();
        var alarmRows = Parse(CsvExport.AlarmHistory([alarm]));
        Assert.Equal(["2026-04-01T12:00:00.0000000+00:00", "A1", "m1", "x", "High", "Activated", "Normal", "Unacknowledged", "system", ""], alarmRows[1]);
    }

    // A strict RFC 4180 reader, written here so the test does not trust the writer.
    private static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < csv.Length)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"':
                    Assert.Equal(0, field.Length);
                    quoted = true;
                    i++;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r':
                    Assert.Equal('\n', csv[i + 1]);
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    i += 2;
                    break;
                default:
                    Assert.NotEqual('\n', c);
                    field.Append(c);
                    i++;
                    break;
            }
        }

        Assert.Empty(row);
        return rows;
    }
}
