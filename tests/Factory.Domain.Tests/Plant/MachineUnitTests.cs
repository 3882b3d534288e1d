using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.Domain.Work;

namespace Factory.Domain.Tests.Plant;

public sealed class MachineUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static MachineUnit Api(PackMlState state = PackMlState.Idle) => new("M1", state, T0) { QualitySince = T0, GracePeriod = Grace };

    private static MachineUnit Plc(PackMlState state = PackMlState.Idle) =>
        Api(state) with { HasPlc = true, Source = "opc.tcp://plc1", PlcConfigured = true, PlcReported = true, GoodReading = 100, ScrapReading = 4 };

    private static PlcReading Reading(PackMlState? state = null, DataQuality quality = DataQuality.Good, string? reason = null, UnitMode? mode = null,
        string? job = null, long? jobGood = null, bool? complete = null, DateTimeOffset? at = null) =>
        new("opc.tcp://plc1", state, at ?? T0.AddSeconds(1), mode, quality, reason, job, jobGood, complete);

    private static MachineJob Release(string order = "WO-1", long quantity = 10) => new(order, 20, "Pack", "Shaft", quantity, "P7", "W1", T0);

    [Fact]
    public void A_command_pack_ml_allows_enters_its_state()
    {
        var step = Api().Execute(PackMlCommand.Start, T0.AddSeconds(5));
        Assert.Null(step.Refusal);
        Assert.True(step.Significant);
        Assert.Equal((PackMlState.Starting, T0.AddSeconds(5)), (step.Unit.State, step.Unit.StateSince));
    }

    [Theory]
    [InlineData((PackMlCommand)99, RefusalKind.Invalid)]
    [InlineData(PackMlCommand.Complete, RefusalKind.Conflict)]
    public void A_command_that_is_not_one_or_not_allowed_is_refused_and_changes_nothing(PackMlCommand command, RefusalKind kind)
    {
        var machine = Api();
        var step = machine.Execute(command, T0.AddSeconds(5));
        Assert.Equal(kind, step.Refusal?.Kind);
        Assert.Equal(machine, step.Unit);
        Assert.False(step.Significant);
        Assert.Equal(kind, machine.Check(command).Refusal?.Kind); // checking is the same rule
    }

    [Fact]
    public void A_plc_owns_its_machines_state_a_command_is_refused_but_checks_against_the_state_it_reports()
    {
        var machine = Plc();
        var step = machine.Execute(PackMlCommand.Start, T0.AddSeconds(5));
        Assert.Equal(RefusalKind.Conflict, step.Refusal?.Kind);
        Assert.Contains("opc.tcp://plc1", step.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(machine, step.Unit);
        Assert.Null(machine.Check(PackMlCommand.Start).Refusal);
        Assert.Equal(RefusalKind.Conflict, machine.Check(PackMlCommand.Unhold).Refusal?.Kind);
    }

    [Fact]
    public void A_machine_that_was_never_defined_is_not_found() =>
        Assert.Equal(RefusalKind.NotFound, MachineUnit.NotDefined("M9").Kind);

    [Fact]
    public void Aborting_sets_the_fault_and_clearing_takes_it_away()
    {
        var aborted = Api(PackMlState.Execute).Execute(PackMlCommand.Abort, T0.AddSeconds(1)).Unit;
        Assert.Equal("aborted", aborted.FaultReason);
        Assert.Equal("it is Aborting", aborted.UnavailableReason(T0.AddSeconds(1)));
        aborted = aborted.CompleteTransientState(T0.AddSeconds(2)).Unit;
        Assert.Equal((PackMlState.Aborted, "aborted"), (aborted.State, aborted.FaultReason));
        var clearing = aborted.Execute(PackMlCommand.Clear, T0.AddSeconds(3)).Unit;
        Assert.Null(clearing.FaultReason);
    }

    [Fact]
    public void A_fault_the_plc_reported_stays_while_it_aborts_and_goes_when_it_produces_again()
    {
        var held = Plc(PackMlState.Held) with { FaultReason = "jam" };
        var aborting = held.Observe(Reading(PackMlState.Aborting), T0.AddSeconds(1)).Unit;
        Assert.Equal("jam", aborting.FaultReason);
        var held2 = Plc(PackMlState.Held) with { FaultReason = "jam" };
        Assert.Null(held2.Observe(Reading(PackMlState.Execute), T0.AddSeconds(1)).Unit.FaultReason);
        Assert.Equal("jam", held2.Observe(Reading(PackMlState.Unholding), T0.AddSeconds(1)).Unit.FaultReason);
    }

    [Fact]
    public void A_transient_state_completes_by_itself_only_without_a_plc()
    {
        Assert.Equal(PackMlState.Idle, Api(PackMlState.Resetting).CompleteTransientState(T0.AddSeconds(1)).Unit.State);
        var plc = Plc(PackMlState.Resetting);
        Assert.Equal(plc, plc.CompleteTransientState(T0.AddSeconds(1)).Unit);
        Assert.False(Api(PackMlState.Execute).CompleteTransientState(T0.AddSeconds(1)).Significant);
    }

    [Fact]
    public void Telemetry_dates_the_state_by_the_plc_and_the_quality_by_its_arrival()
    {
        var step = Plc().Observe(Reading(PackMlState.Execute, DataQuality.Uncertain, "odd value", UnitMode.Manual, at: T0.AddSeconds(3)), T0.AddSeconds(4));
        Assert.True(step.Significant);
        var m = step.Unit;
        Assert.Equal((PackMlState.Execute, T0.AddSeconds(3), UnitMode.Manual), (m.State, m.StateSince, m.Mode));
        Assert.Equal((DataQuality.Uncertain, T0.AddSeconds(4), "odd value"), (m.Quality, m.QualitySince, m.QualityReason));
    }

    [Fact]
    public void A_reason_is_kept_only_while_the_quality_is_not_good()
    {
        var machine = Plc() with { Quality = DataQuality.Bad, QualityReason = "unknown state 42" };
        var good = machine.Observe(Reading(quality: DataQuality.Good, reason: "still said"), T0.AddSeconds(1)).Unit;
        Assert.Null(good.QualityReason);
    }

    [Fact]
    public void Telemetry_that_changes_nothing_of_the_machine_is_not_worth_a_save()
    {
        var machine = Plc(PackMlState.Execute);
        var step = machine.Observe(Reading(PackMlState.Execute), T0.AddSeconds(1));
        Assert.False(step.Significant);
        Assert.Equal(machine, step.Unit);
        Assert.True(Api().Observe(Reading(), T0.AddSeconds(1)).Significant); // the first from a PLC is
        Assert.True((machine with { Source = "opc.tcp://plc2" }).Observe(Reading(), T0.AddSeconds(1)).Significant);
    }

    [Fact]
    public void The_plcs_job_count_belongs_to_the_job_it_reported_when_it_was_read()
    {
        var machine = Plc() with { PlcJobId = "WO-0/10", PlcJobGood = 7, PlcJobGoodOf = "WO-0/10" };
        var step = machine.Observe(Reading(job: "WO-1/20"), T0.AddSeconds(1));
        Assert.Equal(("WO-1/20", 7L, "WO-0/10"), (step.Unit.PlcJobId, step.Unit.PlcJobGood, step.Unit.PlcJobGoodOf));
        // The same count again, now read while the PLC reports the new job: it is the new job's.
        var again = step.Unit.Observe(Reading(jobGood: 7), T0.AddSeconds(2));
        Assert.True(again.Significant);
        Assert.Equal("WO-1/20", again.Unit.PlcJobGoodOf);
        Assert.False(again.Unit.Observe(Reading(jobGood: 7), T0.AddSeconds(3)).Significant);
    }

    [Fact]
    public void Counters_move_a_running_job_without_a_save_and_report_progress()
    {
        var running = Plc(PackMlState.Execute).Take(Release(), 6, T0).Unit;
        running = running.Observe(Reading(), T0.AddSeconds(1)).Unit;
        var step = (running with { GoodReading = 103 }).Observe(Reading(), T0.AddSeconds(2));
        Assert.False(step.Significant);
        var report = Assert.Single(step.Reports);
        Assert.Equal(new WorkOrderReport("WO-1", 20, new JobReport(JobReportKind.Progress, 3, 0, T0.AddSeconds(2))), report);
    }

    [Fact]
    public void A_plc_that_lost_the_job_it_ran_is_written_it_again_with_what_is_left_and_the_command_that_starts_it()
    {
        // The PLC took the job and made 4 of its 10 parts, counting them itself.
        var running = Plc(PackMlState.Execute).Take(Release(), 6, T0).Unit
            .Observe(Reading(job: "WO-1/20", jobGood: 0), T0.AddSeconds(1)).Unit
            .Observe(Reading(jobGood: 4), T0.AddSeconds(2)).Unit;
        Assert.Equal(4, running.Job!.Good);

        // It restarted: Idle, no job, its own count back to zero.
        var lost = running.Observe(Reading(PackMlState.Idle, job: "", jobGood: 0, at: T0.AddSeconds(3)), T0.AddSeconds(3));
        var write = Assert.Single(lost.PlcWrites);
        Assert.Equal((PlcJobAction.Write, "WO-1/20", 6L, PackMlCommand.Start), (write.Job, write.JobId, write.Quantity, write.Command));
        Assert.True(lost.Significant);
        Assert.Equal((JobPhase.Running, 4L), (lost.Unit.Job!.Phase, lost.Unit.Job.Good));

        // Only on the change: the PLC still showing no job is not written to again on every value.
        Assert.Empty(lost.Unit.Observe(Reading(PackMlState.Idle, job: ""), T0.AddSeconds(4)).PlcWrites);

        // It took the job again: its count from zero adds to what was made before, up to the quantity.
        var again = lost.Unit.Observe(Reading(PackMlState.Execute, job: "WO-1/20", jobGood: 0), T0.AddSeconds(5)).Unit;
        var done = again.Observe(Reading(jobGood: 6), T0.AddSeconds(6));
        Assert.Equal((JobPhase.Finished, 10L), (done.Unit.Job!.Phase, done.Unit.Job.Good));
    }

    [Fact]
    public void A_plc_that_has_not_shown_the_job_yet_or_clears_a_finished_one_is_not_written_it_again()
    {
        // Released: the job's write is on its way, the PLC still shows none.
        var released = Plc().Take(Release(), 6, T0).Unit;
        Assert.Empty(released.Observe(Reading(job: ""), T0.AddSeconds(1)).PlcWrites);

        // Finished: a PLC that clears its job id after completing it lost nothing.
        var finished = (Plc(PackMlState.Execute) with { PlcJobComplete = false }).Take(Release(), 6, T0).Unit
            .Observe(Reading(job: "WO-1/20", jobGood: 0), T0.AddSeconds(1)).Unit
            .Observe(Reading(PackMlState.Complete, complete: true), T0.AddSeconds(2)).Unit;
        Assert.Equal(JobPhase.Finished, finished.Job!.Phase);
        Assert.Empty(finished.Observe(Reading(job: ""), T0.AddSeconds(3)).PlcWrites);
    }

    [Fact]
    public void The_plcs_complete_flag_finishes_the_job_and_frees_the_machine()
    {
        var running = Plc(PackMlState.Execute) with { PlcJobComplete = false, PlcJobId = "WO-1/20" };
        running = running.Take(Release(), 6, T0).Unit.Observe(Reading(), T0.AddSeconds(1)).Unit;
        var step = running.Observe(Reading(complete: true), T0.AddSeconds(2));
        Assert.True(step.Freed);
        Assert.Equal(JobPhase.Finished, step.Unit.Job!.Phase);
        Assert.Equal(JobReportKind.Completed, step.Reports[^1].Report.Kind);
        Assert.Equal(PackMlCommand.Complete, step.Unit.NextCommand);
    }

    [Fact]
    public void Lost_data_past_the_grace_period_interrupts_the_job_and_the_plc_is_told_to_forget_it()
    {
        var holding = Plc(PackMlState.Execute) with { PlcJobId = "WO-1/20" };
        holding = holding.Take(Release(), 6, T0).Unit;
        var lost = holding.SetQuality(DataQuality.Disconnected, "link down", T0, T0).Unit;
        var step = lost.Advance(T0 + Grace);
        Assert.True(step is { Significant: true, Freed: true, JobDropped: true });
        Assert.Null(step.Unit.Job);
        Assert.Null(step.Unit.CurrentWorkOrderId);
        Assert.Equal(JobReportKind.Interrupted, step.Reports[^1].Report.Kind);
        Assert.Equal(new PlcWrite("WO-1/20", "clearing the interrupted job", PlcJobAction.Clear, null), Assert.Single(step.PlcWrites));
    }

    [Fact]
    public void A_quality_holds_since_never_in_the_future_nor_before_it_last_changed()
    {
        var machine = Api() with { QualitySince = T0.AddMinutes(1) };
        Assert.Equal(T0.AddMinutes(2), machine.SetQuality(DataQuality.Stale, "quiet", T0.AddMinutes(9), T0.AddMinutes(2)).Unit.QualitySince);
        Assert.Equal(T0.AddMinutes(1), machine.SetQuality(DataQuality.Stale, "quiet", T0, T0.AddMinutes(2)).Unit.QualitySince);
        Assert.Equal(T0.AddSeconds(90), machine.SetQuality(DataQuality.Stale, "quiet", T0.AddSeconds(90), T0.AddMinutes(2)).Unit.QualitySince);
        Assert.Equal("quiet", machine.SetQuality(DataQuality.Stale, "quiet", T0, T0.AddMinutes(2)).Unit.QualityReason);
    }

    [Fact]
    public void The_same_quality_changes_only_its_reason_and_a_good_one_keeps_none()
    {
        var stale = Api() with { Quality = DataQuality.Stale, QualityReason = "quiet" };
        var step = stale.SetQuality(DataQuality.Stale, "quieter", T0.AddMinutes(5), T0.AddMinutes(5));
        Assert.True(step.Significant);
        Assert.Equal((T0, "quieter"), (step.Unit.QualitySince, step.Unit.QualityReason));
        var good = Api();
        Assert.Equal(good, good.SetQuality(DataQuality.Good, "ignored", T0.AddMinutes(5), T0.AddMinutes(5)).Unit);
        Assert.False(good.SetQuality(DataQuality.Good, "ignored", T0.AddMinutes(5), T0.AddMinutes(5)).Significant);
    }

    [Fact]
    public void Taking_a_job_opens_it_at_the_counters_and_forgets_what_the_plc_said_of_the_one_before()
    {
        var machine = Plc() with { PlcJobComplete = true, PlcJobGood = 12, PlcJobGoodOf = "WO-1/20", PlcError = "old", PlcJobId = "WO-1/20" };
        var step = machine.Take(Release(), 6, T0.AddSeconds(1));
        Assert.True(step.Significant);
        var m = step.Unit;
        Assert.Equal(("WO-1", (int?)20, 6.0), (m.CurrentWorkOrderId, m.CurrentOperation, m.JobStandardSecondsPerPart));
        Assert.Equal(((bool?)false, (string?)null, (string?)null), (m.PlcJobComplete, m.PlcJobGoodOf, m.PlcError));
        Assert.Equal(new PartCounter(100, 0), m.Job!.GoodCounter);
        Assert.Equal(new PlcWrite("WO-1/20", "writing the job", PlcJobAction.Write, PackMlCommand.Start) { Quantity = 10 }, Assert.Single(step.PlcWrites));
        Assert.Null((Plc() with { PlcJobComplete = null }).Take(Release(), 6, T0).Unit.PlcJobComplete);
    }

    [Fact]
    public void A_machine_driven_through_the_api_takes_a_job_without_plc_writes_and_counts_nothing_unread()
    {
        var step = Api().Take(Release(), 6, T0);
        Assert.Empty(step.PlcWrites);
        Assert.Equal(PartCounter.Unread, step.Unit.Job!.GoodCounter);
        Assert.Equal(PackMlCommand.Start, step.Unit.NextCommand);
        Assert.Equal(T0.AddSeconds(60), step.Unit.JobEta);
    }

    [Fact]
    public void The_same_job_again_is_a_retry_that_changes_nothing()
    {
        var holding = Api().Take(Release(), 6, T0).Unit;
        var again = holding.Take(Release(), 6, T0.AddSeconds(5));
        Assert.Null(again.Refusal);
        Assert.False(again.Significant);
        Assert.Equal(holding, again.Unit);
    }

    public static TheoryData<string, RefusalKind, string> Refusals() => new()
    {
        { "nothing", RefusalKind.Invalid, "job WO-1/20 has nothing to make" },
        { "unreported", RefusalKind.Conflict, "machine M1 cannot take job WO-1/20: its PLC has not reported yet" },
        { "busy", RefusalKind.Conflict, "machine M1 cannot take job WO-1/20: it holds job WO-0/20 (Released)" },
        { "held", RefusalKind.Conflict, "machine M1 cannot take job WO-1/20: it is Held" },
        { "maintenance", RefusalKind.Conflict, "machine M1 cannot take job WO-1/20: it is not available: it is in Maintenance mode" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_job_the_machine_cannot_take_is_refused_and_changes_nothing(string why, RefusalKind kind, string reason)
    {
        var (machine, release) = why switch
        {
            "nothing" => (Api(), Release(quantity: 0)),
            "unreported" => (Api() with { PlcConfigured = true }, Release()),
            "busy" => (Api().Take(Release("WO-0"), 6, T0).Unit, Release()),
            "held" => (Api(PackMlState.Held), Release()),
            _ => (Api() with { Mode = UnitMode.Maintenance }, Release()),
        };
        var step = machine.Take(release, 6, T0.AddSeconds(1));
        Assert.Equal(new Refusal(kind, reason), step.Refusal);
        Assert.Equal(machine, step.Unit);
        Assert.Empty(step.PlcWrites);
        Assert.Empty(step.Reports);
    }

    [Fact]
    public void Withdrawing_a_job_the_machine_does_not_hold_changes_nothing()
    {
        var holding = Api().Take(Release(), 6, T0).Unit;
        var step = holding.Withdraw("WO-2", 20, T0.AddSeconds(1));
        Assert.Null(step.Withdrawn);
        Assert.False(step.Significant);
        Assert.Equal(holding, step.Unit);
    }

    [Fact]
    public void A_job_taken_back_from_a_producing_machine_without_a_plc_completes_its_run()
    {
        var running = Api(PackMlState.Execute).Take(Release(), 6, T0).Unit;
        var step = running.Withdraw("WO-1", 20, T0.AddSeconds(1));
        Assert.Equal(running.Job, step.Withdrawn);
        Assert.True(step is { Significant: true, Freed: true, JobDropped: true });
        Assert.Equal((PackMlState.Completing, (MachineJob?)null, (string?)null), (step.Unit.State, step.Unit.Job, step.Unit.CurrentWorkOrderId));
        Assert.Empty(step.PlcWrites);
    }

    [Fact]
    public void A_job_taken_back_from_a_plc_clears_its_job_tags_and_ends_its_run()
    {
        var running = Plc(PackMlState.Execute).Take(Release(), 6, T0).Unit;
        var step = running.Withdraw("WO-1", 20, T0.AddSeconds(1));
        Assert.Equal(PackMlState.Execute, step.Unit.State); // the PLC moves it
        Assert.Equal(new PlcWrite("WO-1/20", "taking the job back", PlcJobAction.Clear, PackMlCommand.Complete), Assert.Single(step.PlcWrites));
        var idle = Plc().Take(Release(), 6, T0).Unit.Withdraw("WO-1", 20, T0.AddSeconds(1));
        Assert.Null(Assert.Single(idle.PlcWrites).Command);
    }

    [Fact]
    public void A_plc_write_is_recorded_against_the_job_it_was_for()
    {
        var holding = Plc().Take(Release(), 6, T0).Unit;
        var failed = holding.RecordPlcWrite("WO-1/20", "writing the job", "BadTimeout");
        Assert.Equal("writing the job: BadTimeout", failed.Unit.PlcError);
        Assert.False(failed.Unit.RecordPlcWrite("WO-1/20", "writing the job", "BadTimeout").Significant);
        Assert.Null(failed.Unit.RecordPlcWrite("WO-1/20", "sending Start", null).Unit.PlcError);
        Assert.Equal(holding, holding.RecordPlcWrite("WO-9/10", "writing the job", "BadTimeout").Unit);
    }

    [Fact]
    public void A_machine_no_plc_feeds_any_more_is_driven_through_the_api_with_good_data()
    {
        var unplugged = (Plc() with { Quality = DataQuality.Bad, QualityReason = "x" }).Unplugged(T0.AddMinutes(1));
        Assert.Equal((false, (string?)null, DataQuality.Good, (string?)null, T0.AddMinutes(1)),
            (unplugged.HasPlc, unplugged.Source, unplugged.Quality, unplugged.QualityReason, unplugged.QualitySince));
    }

    [Fact]
    public void The_eta_follows_the_runs_own_rate_once_it_counted()
    {
        var running = Api(PackMlState.Execute).Take(Release(), 6, T0).Unit with { GoodReading = 0, ScrapReading = 0 };
        running = running with { Job = running.Job! with { GoodCounter = PartCounter.From(0) } };
        running = running.Advance(T0).Unit;
        running = (running with { GoodReading = 2 }).Advance(T0.AddSeconds(20)).Unit;
        Assert.Equal(T0.AddSeconds(100), running.JobEta); // 10 s a part, 8 left
        Assert.Null((running with { Job = running.Job! with { Phase = JobPhase.Finished } }).JobEta);
    }
}
