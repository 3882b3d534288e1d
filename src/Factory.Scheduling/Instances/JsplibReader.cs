using Factory.Scheduling.Model;

namespace Factory.Scheduling.Instances;

/// <summary>
/// Reads job-shop instances in the jsplib format: optional '#' comment lines, then "jobs machines",
/// then one line per job of "machine duration" pairs, machines numbered from 0.
/// Machine ids become "0", "1", …; job ids "J0", …; operation ids "J0.0", ….
/// </summary>
public static class JsplibReader
{
    /// <summary>Upper bound on sizes, so a corrupt file cannot ask for unbounded memory.</summary>
    public const int MaxSize = 100_000;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static SchedulingProblem Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses instance text; <paramref name="source"/> names it in error messages. Throws <see cref="FormatException"/> on bad input.</summary>
    public static SchedulingProblem Parse(string text, string source = "instance")
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new InstanceTokens(text, source);
        var jobCount = (int)tokens.Next("the number of jobs", 1, MaxSize);
        var machineCount = (int)tokens.Next("the number of machines", 1, MaxSize);
        if ((long)jobCount * machineCount > 10 * MaxSize)
        {
            throw tokens.Error($"{jobCount} jobs × {machineCount} machines is too large");
        }

        var jobs = new List<Job>(jobCount);
        for (var j = 0; j < jobCount; j++)
        {
            var ops = new List<JobOperation>(machineCount);
            for (var k = 0; k < machineCount; k++)
            {
                var machine = tokens.Next($"the machine of job {j} operation {k}", 0, machineCount - 1);
                var duration = tokens.Next($"the duration of job {j} operation {k}", 0, int.MaxValue);
                ops.Add(new JobOperation($"J{j}.{k}", [new OperationAlternative(machine.ToString(System.Globalization.CultureInfo.InvariantCulture), duration)]));
            }

            jobs.Add(new Job($"J{j}", ops));
        }

        if (!tokens.AtEnd)
        {
            throw tokens.Error("unexpected data after the last job");
        }

        var machines = Enumerable.Range(0, machineCount)
            .Select(m => new Machine(m.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return new SchedulingProblem(machines, jobs);
    }
}
