namespace Factory.Scheduling.Replanning;

/// <summary>A machine went down at <see cref="At"/> and is expected back at <see cref="ExpectedRepairAt"/>.</summary>
/// <param name="MachineId">The failed machine.</param>
/// <param name="At">When it failed (the re-planning instant).</param>
/// <param name="ExpectedRepairAt">When it is expected to run again; the machine is unavailable in [At, ExpectedRepairAt).</param>
public sealed record MachineFailure(string MachineId, long At, long ExpectedRepairAt)
{
    /// <summary>Expected repair duration.</summary>
    public long RepairDuration => ExpectedRepairAt - At;
}
