using Factory.Domain.PackMl;
using Factory.Domain.Work;

namespace Factory.Domain.Tests.Work;

public sealed class JobExecutionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static MachineJob Job(long quantity = 10, long? good = 100, long? scrap = 4) =>
        JobExecution.Open("WO-1", 20, "Pack", "Shaft", quantity, "P7", "W1", T0, good, scrap);

    private static JobObservation Seen(PackMlState state, long? good = null, long? scrap = null, string? plcJob = null, bool? complete = null,
        string? unavailable = null, int second = 1, DateTimeOffset? since = null) =>
        new(state, since ?? T0, unavailable, good, scrap, plcJob, complete, T0.AddSeconds(second));

    [Fact]
    public void A_released_job_starts_when_the_machine_executes_and_counts_from_its_baseline()
    {
        var step = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 103, since: T0.AddSeconds(1)));
        Assert.Equal(JobPhase.Running, step.Job!.Phase);
        Assert.Equal(T0.AddSeconds(1), step.Job.StartedAt);
        Assert.Equal([JobReportKind.Started, JobReportKind.Progress], step.Reports.Select(r => r.Kind));
        Assert.Equal(3, step.Reports[^1].Good);
        Assert.Equal("WO-1/20", step.Job.Id);
    }

    [Fact]
    public void A_machine_already_running_free_starts_the_job_at_its_release()
    {
        var step = JobExecution.Observe(Job(), Seen(PackMlState.Execute, since: T0.AddHours(-1), second: 2));
        Assert.Equal(T0.AddSeconds(2), step.Job!.StartedAt);
    }

    [Fact]
    public void An_unknown_counter_at_release_takes_its_first_reading_as_baseline()
    {
        var job = JobExecution.Observe(Job(good: null, scrap: null), Seen(PackMlState.Execute, good: 5_000, scrap: 40)).Job!;
        Assert.Equal((0, 0), (job.Good, job.Scrap));
        Assert.Equal(2, JobExecution.Observe(job, Seen(PackMlState.Execute, good: 5_002)).Job!.Good);
    }

    [Fact]
    public void The_job_finishes_when_its_quantity_is_made_and_then_reports_nothing()
    {
        var job = JobExecution.Observe(Job(quantity: 10), Seen(PackMlState.Execute, good: 105)).Job!;
        var step = JobExecution.Observe(job, Seen(PackMlState.Execute, good: 110, scrap: 5, second: 30));
        Assert.Equal(JobPhase.Finished, step.Job!.Phase);
        var completed = Assert.Single(step.Reports);
        Assert.Equal(new JobReport(JobReportKind.Completed, 10, 1, T0.AddSeconds(30), "its quantity is made"), completed);
        Assert.Empty(JobExecution.Observe(step.Job, Seen(PackMlState.Execute, good: 111)).Reports);
    }

    [Fact]
    public void A_plc_that_counts_its_jobs_is_the_only_source_of_a_jobs_good_parts()
    {
        // The machine made a part between the host's last reading and the PLC taking the job: the cumulative counter
        // rose by one in the same batch that shows the new job, but the PLC's own job count says none is the job's.
        var taken = JobExecution.Observe(Job(quantity: 3), Seen(PackMlState.Idle, good: 101, plcJob: "WO-1/20") with { PlcJobGood = 0, PlcCountsJobs = true });
        Assert.Equal(0, taken.Job!.Good);
        Assert.DoesNotContain(taken.Reports, r => r.Kind is JobReportKind.Progress or JobReportKind.Started);

        var running = JobExecution.Observe(taken.Job, Seen(PackMlState.Execute, good: 103, plcJob: "WO-1/20", second: 2) with { PlcJobGood = 2, PlcCountsJobs = true });
        Assert.Equal(2, running.Job!.Good);
        var done = JobExecution.Observe(running.Job, Seen(PackMlState.Execute, good: 104, plcJob: "WO-1/20", second: 3) with { PlcJobGood = 3, PlcCountsJobs = true });
        Assert.Equal(new JobReport(JobReportKind.Completed, 3, 0, T0.AddSeconds(3), "its quantity is made"), done.Reports[^1]);
    }

    [Fact]
    public void Until_the_plc_reports_a_count_for_the_job_it_has_made_nothing_for_it()
    {
        // The PLC counts jobs, but its count still belongs to the job before (the grain passes none): the cumulative
        // counter's rise is not credited.
        var step = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 102, plcJob: "WO-1/20") with { PlcCountsJobs = true });
        Assert.Equal(0, step.Job!.Good);
    }

    [Fact]
    public void A_plc_whose_job_count_restarts_keeps_what_the_job_already_made()
    {
        var job = JobExecution.Observe(Job(), Seen(PackMlState.Execute, plcJob: "WO-1/20") with { PlcJobGood = 4, PlcCountsJobs = true }).Job!;
        var restarted = JobExecution.Observe(job, Seen(PackMlState.Execute, plcJob: "WO-1/20", second: 5) with { PlcJobGood = 1, PlcCountsJobs = true });
        Assert.Equal(5, restarted.Job!.Good);
    }

    [Fact]
    public void A_machine_that_becomes_unavailable_interrupts_its_job_with_what_it_made()
    {
        var job = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 104)).Job!;
        var step = JobExecution.Observe(job, Seen(PackMlState.Aborting, good: 106, unavailable: "it is Aborting", second: 9));
        Assert.Null(step.Job);
        Assert.Equal(new JobReport(JobReportKind.Interrupted, 6, 0, T0.AddSeconds(9), "it is Aborting"), step.Reports[^1]);
    }

    [Fact]
    public void Parts_made_under_another_job_id_are_flagged_and_never_credited()
    {
        var job = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 102, plcJob: "WO-1/20")).Job!;
        Assert.Equal(2, job.Good);
        var wrong = JobExecution.Observe(job, Seen(PackMlState.Execute, good: 107, plcJob: "WO-9/10"));
        Assert.Equal(2, wrong.Job!.Good);
        Assert.True(wrong.MismatchChanged);
        Assert.Contains("PLC reports job WO-9/10, but WO-1/20", wrong.Job.Mismatch);
        Assert.DoesNotContain(wrong.Reports, r => r.Kind == JobReportKind.Progress);

        // Back on the right job: counting resumes from the current reading, the parts in between stay uncredited.
        var right = JobExecution.Observe(wrong.Job, Seen(PackMlState.Execute, good: 109, plcJob: "WO-1/20"));
        Assert.Null(right.Job!.Mismatch);
        Assert.Equal(4, right.Job.Good);
    }

    [Fact]
    public void A_PLC_without_the_job_yet_is_not_flagged_until_it_works()
    {
        var step = JobExecution.Observe(Job(), Seen(PackMlState.Idle, plcJob: ""));
        Assert.Null(step.Job!.Mismatch);
        Assert.Contains("reports no job", JobExecution.Observe(step.Job, Seen(PackMlState.Execute, good: 101, plcJob: "")).Job!.Mismatch);
    }

    [Fact]
    public void The_PLC_may_report_its_job_complete_short_of_the_quantity()
    {
        var job = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 103, plcJob: "WO-1/20")).Job!;
        var step = JobExecution.Observe(job, Seen(PackMlState.Completing, plcJob: "WO-1/20", complete: true));
        Assert.Equal(JobPhase.Finished, step.Job!.Phase);
        Assert.Equal("the PLC reported the job complete", step.Reports.Single().Note);
    }

    [Fact]
    public void A_PLC_without_job_tags_that_completes_finishes_the_job()
    {
        var job = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 103)).Job!;
        Assert.Equal(JobPhase.Finished, JobExecution.Observe(job, Seen(PackMlState.Complete)).Job!.Phase);
    }

    [Theory]
    [InlineData(JobPhase.Released, PackMlState.Idle, PackMlCommand.Start)]
    [InlineData(JobPhase.Released, PackMlState.Complete, PackMlCommand.Reset)]
    [InlineData(JobPhase.Released, PackMlState.Stopped, PackMlCommand.Reset)]
    [InlineData(JobPhase.Released, PackMlState.Resetting, null)]
    [InlineData(JobPhase.Released, PackMlState.Execute, null)]
    [InlineData(JobPhase.Running, PackMlState.Execute, null)]
    [InlineData(JobPhase.Running, PackMlState.Complete, PackMlCommand.Reset)]
    [InlineData(JobPhase.Running, PackMlState.Idle, PackMlCommand.Start)]
    [InlineData(JobPhase.Finished, PackMlState.Execute, PackMlCommand.Complete)]
    [InlineData(JobPhase.Finished, PackMlState.Complete, null)]
    public void The_next_command_gets_the_machine_going(JobPhase phase, PackMlState state, PackMlCommand? expected) =>
        Assert.Equal(expected, JobExecution.NextCommand(Job() with { Phase = phase }, state));

    [Fact]
    public void A_finished_job_stops_its_own_run_once_and_never_a_run_started_after_it()
    {
        var finished = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 110)).Job!;
        Assert.Equal(JobPhase.Finished, finished.Phase);
        Assert.Equal(PackMlCommand.Complete, JobExecution.NextCommand(finished, PackMlState.Execute));

        // The machine completes; an operator resets and starts it again to run free.
        var completed = JobExecution.Observe(finished, Seen(PackMlState.Completing, good: 110, second: 2)).Job!;
        var runningFree = JobExecution.Observe(completed, Seen(PackMlState.Execute, good: 111, second: 9)).Job!;
        Assert.True(runningFree.RunEnded);
        Assert.Null(JobExecution.NextCommand(runningFree, PackMlState.Execute));
    }

    [Fact]
    public void A_job_finished_while_the_machine_stood_still_never_stops_a_later_run()
    {
        var running = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 105)).Job!;
        var finished = JobExecution.Observe(running, Seen(PackMlState.Complete, good: 105, second: 3)).Job!;
        Assert.Equal(JobPhase.Finished, finished.Phase);
        Assert.Null(JobExecution.NextCommand(finished, PackMlState.Execute));
    }

    [Fact]
    public void A_machine_is_free_for_a_job_only_when_available_and_not_busy_with_another()
    {
        Assert.Null(JobExecution.WhyNotFree(PackMlState.Idle, null, null));
        Assert.Null(JobExecution.WhyNotFree(PackMlState.Complete, null, Job() with { Phase = JobPhase.Finished }));
        Assert.Contains("holds job WO-1/20", JobExecution.WhyNotFree(PackMlState.Execute, null, Job()));
        Assert.Contains("not available: it is Aborted", JobExecution.WhyNotFree(PackMlState.Aborted, "it is Aborted", null));
        Assert.Contains("it is Held", JobExecution.WhyNotFree(PackMlState.Held, null, null));
    }

    [Fact]
    public void The_eta_follows_the_run_rate_once_it_made_parts_and_the_standard_time_before()
    {
        var now = T0.AddMinutes(10);
        Assert.Equal(now.AddMinutes(20), JobExecution.Eta(10, 5, T0, now, TimeSpan.FromMinutes(1), T0.AddHours(-1)));
        Assert.Equal(T0.AddMinutes(10), JobExecution.Eta(10, 0, T0, null, TimeSpan.FromMinutes(1), T0.AddHours(-1)));
        Assert.Equal(now.AddMinutes(10), JobExecution.Eta(10, 0, null, null, TimeSpan.FromMinutes(1), now));
        Assert.Null(JobExecution.Eta(0, 5, T0, now, TimeSpan.FromMinutes(1), now));
    }

    [Fact]
    public void A_count_dates_the_job_for_its_rate()
    {
        var job = JobExecution.Observe(Job(), Seen(PackMlState.Execute, good: 103, second: 7)).Job!;
        Assert.Equal(T0.AddSeconds(7), job.CountedAt);
    }
}
