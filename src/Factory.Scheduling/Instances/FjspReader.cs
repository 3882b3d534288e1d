using System.Globalization;
using Factory.Scheduling.Model;

namespace Factory.Scheduling.Instances;

/// <summary>
/// Reads flexible job-shop instances (Brandimarte, Hurink): first line "jobs machines [average flexibility]",
/// then per job the number of operations and, per operation, k followed by k "machine duration" pairs.
/// Machines are numbered from 0; a file that uses 1..m (and never 0) is read as numbered from 1.
/// Ids as in <see cref="JsplibReader"/>.
/// </summary>
public static class FjspReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static SchedulingProblem Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses instance text; <paramref name="source"/> names it in error messages. Throws <see cref="FormatException"/> on bad input.</summary>
    public static SchedulingProblem Parse(string text, string source = "instance")
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new InstanceTokens(text, source);
        var header = tokens.RestOfLine();
        if (header.Count < 2)
        {
            throw new FormatException($"{source}: the first line must hold the number of jobs and machines");
        }

        var jobCount = header[0];
        var machineCount = header[1];
        if (jobCount < 1 || jobCount > JsplibReader.MaxSize || machineCount < 1 || machineCount > JsplibReader.MaxSize)
        {
            throw new FormatException($"{source}:1: jobs and machines must be between 1 and {JsplibReader.MaxSize}");
        }

        var raw = new List<List<List<(long Machine, long Duration)>>>();
        long minMachine = long.MaxValue, maxMachine = long.MinValue;
        var total = 0L;
        for (var j = 0; j < jobCount; j++)
        {
            var opCount = tokens.Next($"the number of operations of job {j}", 0, JsplibReader.MaxSize);
            var ops = new List<List<(long, long)>>();
            for (var k = 0; k < opCount; k++)
            {
                var alternatives = tokens.Next($"the number of machines of job {j} operation {k}", 1, machineCount);
                total += alternatives;
                if (total > 10L * JsplibReader.MaxSize)
                {
                    throw tokens.Error("the instance is too large");
                }

                var alts = new List<(long, long)>();
                for (var a = 0; a < alternatives; a++)
                {
                    var machine = tokens.Next($"a machine of job {j} operation {k}", 0, machineCount);
                    var duration = tokens.Next($"a duration of job {j} operation {k}", 0, int.MaxValue);
                    minMachine = Math.Min(minMachine, machine);
                    maxMachine = Math.Max(maxMachine, machine);
                    alts.Add((machine, duration));
                }

                ops.Add(alts);
            }

            raw.Add(ops);
        }

        if (!tokens.AtEnd)
        {
            throw tokens.Error("unexpected data after the last job");
        }

        var offset = maxMachine == machineCount && minMachine >= 1 ? 1 : 0;
        if (maxMachine - offset >= machineCount)
        {
            throw new FormatException($"{source}: machine numbers run from {minMachine} to {maxMachine}, which does not fit {machineCount} machines");
        }

        var jobs = raw.Select((ops, j) => new Job(
                $"J{j}",
                ops.Select((alts, k) => new JobOperation(
                        $"J{j}.{k}",
                        alts.Select(a => new OperationAlternative((a.Machine - offset).ToString(CultureInfo.InvariantCulture), a.Duration)).ToList()))
                    .ToList()))
            .ToList();
        var machines = Enumerable.Range(0, (int)machineCount)
            .Select(m => new Machine(m.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        return new SchedulingProblem(machines, jobs);
    }
}
