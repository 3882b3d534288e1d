using System.Globalization;
using System.Text;

namespace Factory.Benchmarks.Scheduling;

/// <summary>Turns gaps.csv into a markdown table: averages per family and for the goal sets, then every instance.</summary>
public static class GapSummary
{
    public static async Task WriteAsync(string csv, string markdown)
    {
        var rows = File.ReadLines(csv).Skip(1).Where(l => l.Length > 0).Select(GapRow.Parse).ToList();
        var md = new StringBuilder();
        md.AppendLine("# Scheduling benchmark: gap to the known optimum (or best known upper bound)");
        md.AppendLine();
        md.AppendLine("Produced by `dotnet run -c Release --project tests/Factory.Benchmarks -- schedule-gaps`. Gap = (makespan − reference) / reference.");
        md.AppendLine("Greedy = constructive dispatcher; CP-SAT at 2 s and 10 s wall-clock limits (one search thread per core, warm-started from the dispatcher),");
        md.AppendLine($"each run independent. Machine: {Environment.ProcessorCount} cores shared with other work, so CP-SAT figures are conservative.");
        md.AppendLine("Every plan was checked with `PlanChecker` (column valid).");
        md.AppendLine();
        md.AppendLine("## Averages");
        md.AppendLine();
        md.AppendLine("| set | instances | greedy gap % | CP-SAT 2 s gap % | CP-SAT 10 s gap % (instances) | proven optimal at 10 s |");
        md.AppendLine("|---|---|---|---|---|---|");
        var sets = new List<(string Name, Func<GapRow, bool> Filter)>
        {
            ("la01–la40 (goal: 10 s within 1 %)", r => r.Family == "la"),
            ("mk01–mk10 (goal: 10 s within 3 %)", r => r.Family == "brandimarte" && int.Parse(r.Name[2..], CultureInfo.InvariantCulture) <= 10),
        };
        sets.AddRange(rows.Select(r => r.Family).Distinct().Select(f => ($"family {f}", (Func<GapRow, bool>)(r => r.Family == f))));
        sets.Add(("all", _ => true));
        foreach (var (name, filter) in sets)
        {
            var set = rows.Where(filter).Where(r => r.Reference > 0).ToList();
            if (set.Count == 0)
            {
                continue;
            }

            var tenSecond = set.Where(r => r.Cp10 >= 0).ToList();
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {set.Count} | {Avg(set, r => r.Greedy)} | {Avg(set, r => r.Cp2)} | {Avg(tenSecond, r => r.Cp10)} ({tenSecond.Count}) | {tenSecond.Count(r => r.Cp10Optimal)} |");
        }

        md.AppendLine();
        md.AppendLine("## Every instance");
        md.AppendLine();
        md.AppendLine("| instance | size | reference | greedy (gap %) | CP-SAT 2 s (gap %) | CP-SAT 10 s (gap %) | valid |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var reference = r.Reference > 0 ? r.Reference.ToString(CultureInfo.InvariantCulture) + (r.ReferenceIsOptimum ? "" : " (UB)") : "none";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Jobs}×{r.Machines} | {reference} | {Cell(r.Greedy, r.Reference, false)} | {Cell(r.Cp2, r.Reference, r.Cp2Optimal)} | {Cell(r.Cp10, r.Reference, r.Cp10Optimal)} | {(r.Valid ? "yes" : "NO")} |");
        }

        md.AppendLine();
        md.AppendLine("\\* proven optimal by CP-SAT. A negative gap means a plan better than the catalogue's upper bound.");
        await File.WriteAllTextAsync(markdown, md.ToString());
    }

    private static string Avg(List<GapRow> rows, Func<GapRow, long> value)
    {
        var gaps = rows.Where(r => value(r) >= 0).Select(r => GapRow.Gap(value(r), r.Reference)).ToList();
        return gaps.Count == 0 ? "–" : gaps.Average().ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static string Cell(long value, long reference, bool optimal)
    {
        if (value < 0)
        {
            return "–";
        }

        var gap = GapRow.Gap(value, reference);
        var text = value.ToString(CultureInfo.InvariantCulture) + (optimal ? "*" : "");
        return double.IsNaN(gap) ? text : $"{text} ({gap.ToString("0.0", CultureInfo.InvariantCulture)})";
    }
}
