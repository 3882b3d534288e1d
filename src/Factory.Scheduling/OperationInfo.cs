using Factory.Scheduling.Model;

namespace Factory.Scheduling;

/// <summary>An operation with its place in the problem.</summary>
internal sealed record OperationInfo(int Index, JobOperation Operation, Job Job, int JobIndex, int Position);
