namespace Factory.Scheduling.Instances;

/// <summary>One entry of a benchmark collection's instances.json.</summary>
/// <param name="Name">Instance name, e.g. "ft06".</param>
/// <param name="Path">Full path of the instance file.</param>
/// <param name="Jobs">Number of jobs.</param>
/// <param name="Machines">Number of machines.</param>
/// <param name="Optimum">Known optimal makespan, or null.</param>
/// <param name="UpperBound">Best known makespan when the optimum is unknown (equals the optimum when known).</param>
/// <param name="LowerBound">Best known lower bound (equals the optimum when known).</param>
public sealed record BenchmarkInstance(string Name, string Path, int Jobs, int Machines, long? Optimum, long? UpperBound, long? LowerBound)
{
    /// <summary>The reference for gaps: the optimum, else the best known upper bound.</summary>
    public long? Reference => Optimum ?? UpperBound;
}
