using Factory.Domain.PackMl;

namespace Factory.Domain.Work;

/// <summary>
/// How a machine carries its job, as pure rules: which machines may take a job, how the job starts, counts, completes or is
/// interrupted from what the machine shows, and which PackML command gets the machine going where the source allows it.
/// </summary>
public static class JobExecution
{
    /// <summary>Why the machine cannot take a new job now, or null when it can.</summary>
    public static string? WhyNotFree(PackMlState state, string? unavailableReason, MachineJob? job)
    {
        if (unavailableReason is not null)
        {
            return $"it is not available: {unavailableReason}";
        }

        if (job is { IsFinished: false })
        {
            return $"it holds job {job.Id} ({job.Phase})";
        }

        return state is PackMlState.Idle or PackMlState.Complete or PackMlState.Completing or PackMlState.Resetting or PackMlState.Execute
            or PackMlState.Starting or PackMlState.Stopped
            ? null
            : $"it is {state}";
    }

    /// <summary>A new job for a machine, counting from the PLC's counters as they read now.</summary>
    public static MachineJob Open(
        string workOrderId, int sequence, string operationName, string product, long quantity, string? program, string? workerId,
        DateTimeOffset at, long? goodReading, long? scrapReading) =>
        Open(new MachineJob(workOrderId, sequence, operationName, product, quantity, program, workerId, at), goodReading, scrapReading);

    /// <summary>A job as released to a machine, counting from the PLC's counters as they read now.</summary>
    public static MachineJob Open(MachineJob released, long? goodReading, long? scrapReading)
    {
        ArgumentNullException.ThrowIfNull(released);
        return released with { GoodCounter = Plant.PartCounter.From(goodReading), ScrapCounter = Plant.PartCounter.From(scrapReading) };
    }

    /// <summary>The job after the machine showed <paramref name="seen"/>, and what to tell its work order.</summary>
    public static JobStep Observe(MachineJob job, JobObservation seen)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(seen);
        if (job.IsFinished)
        {
            return new JobStep(job.RunEnded || seen.State == PackMlState.Execute ? job : job with { RunEnded = true }, []);
        }

        var reports = ImmutableArray.CreateBuilder<JobReport>();
        var next = job;

        // Parts are credited only while the PLC runs this job (when it says which job it runs).
        var mismatch = seen.PlcJobId is { } plcJob && !string.Equals(plcJob, job.Id, StringComparison.Ordinal)
            ? plcJob.Length == 0 ? $"the PLC reports no job, but {job.Id} was released to it" : $"the PLC reports job {plcJob}, but {job.Id} was released to it"
            : null;
        var good = next.GoodCounter.Observe(seen.GoodReading);
        var scrap = next.ScrapCounter.Observe(seen.ScrapReading);
        if (mismatch is null)
        {
            // The PLC's job count starts from zero when it takes the job, so its first reading is already this job's parts.
            var plcGood = seen.PlcCountsJobs ? next.PlcGoodCounter ?? new Plant.PartCounter(0, 0) : next.PlcGoodCounter;
            plcGood = plcGood?.Observe(seen.PlcJobGood);
            next = next with { GoodCounter = good, ScrapCounter = scrap, PlcGoodCounter = plcGood };
        }
        else
        {
            // Made under another job id: moved past, never credited. Flagged only when the machine actually works on it.
            var madeSomething = good.Counted > next.GoodCounter.Counted || scrap.Counted > next.ScrapCounter.Counted;
            next = next with
            {
                GoodCounter = next.GoodCounter with { Last = good.Last },
                ScrapCounter = next.ScrapCounter with { Last = scrap.Last },
            };
            if (!madeSomething && seen.State != PackMlState.Execute)
            {
                mismatch = job.Mismatch;
            }
        }

        next = next with { Mismatch = mismatch };
        var counted = next.Good != job.Good || next.Scrap != job.Scrap;
        if (counted)
        {
            next = next with { CountedAt = seen.At };
        }

        if (next.Phase == JobPhase.Released && (seen.State == PackMlState.Execute || counted))
        {
            var started = seen.State == PackMlState.Execute && seen.StateSince > job.ReleasedAt ? seen.StateSince : seen.At;
            next = next with { Phase = JobPhase.Running, StartedAt = started };
            reports.Add(new JobReport(JobReportKind.Started, next.Good, next.Scrap, started));
        }

        if (seen.UnavailableReason is { } why)
        {
            reports.Add(new JobReport(JobReportKind.Interrupted, next.Good, next.Scrap, seen.At, why));
            return new JobStep(null, reports.ToImmutable()) { MismatchChanged = job.Mismatch is not null };
        }

        var finishedBecause =
            next.Good >= next.Quantity ? "its quantity is made"
            : mismatch is null && seen.PlcJobComplete == true && next.Phase == JobPhase.Running ? "the PLC reported the job complete"
            : mismatch is null && seen.PlcJobId is null && next.Phase == JobPhase.Running && seen.State is PackMlState.Completing or PackMlState.Complete
                ? "the machine completed it"
                : null;
        if (finishedBecause is not null)
        {
            next = next with { Phase = JobPhase.Finished, FinishedAt = seen.At, RunEnded = seen.State != PackMlState.Execute };
            reports.Add(new JobReport(JobReportKind.Completed, next.Good, next.Scrap, seen.At, finishedBecause));
        }
        else if (counted)
        {
            reports.Add(new JobReport(JobReportKind.Progress, next.Good, next.Scrap, seen.At));
        }

        return new JobStep(next, reports.ToImmutable()) { MismatchChanged = next.Mismatch != job.Mismatch };
    }

    /// <summary>
    /// The PackML command that moves the machine on with its job, or null when it needs none now: a job not finished gets
    /// the machine producing (Reset from Complete or Stopped, then Start from Idle) — also when the machine stopped producing
    /// it without finishing it (a command meant for the job before arrived late); a finished job ends a machine still in
    /// Execute (Complete), so it makes no parts for nobody — once: a machine that left that run and was started again
    /// (an operator running it free) is not stopped again for a job that is done.
    /// </summary>
    public static PackMlCommand? NextCommand(MachineJob? job, PackMlState state) => job?.Phase switch
    {
        JobPhase.Released or JobPhase.Running => state switch
        {
            PackMlState.Idle => PackMlCommand.Start,
            PackMlState.Complete or PackMlState.Stopped => PackMlCommand.Reset,
            _ => null,
        },
        JobPhase.Finished when state == PackMlState.Execute && !job.RunEnded => PackMlCommand.Complete,
        _ => null,
    };

    /// <summary>
    /// When a run with <paramref name="left"/> good parts still to make will be done: at the rate it has shown (its parts
    /// from its start to its last count) once it made parts, else at the standard time per part from its start (or from
    /// <paramref name="asOf"/> when it has not started). Null when nothing is left. A pure function of recorded times, so
    /// the same state always shows the same ETA.
    /// </summary>
    public static DateTimeOffset? Eta(long left, long runGood, DateTimeOffset? runStartedAt, DateTimeOffset? countedAt, TimeSpan standardPerPart, DateTimeOffset asOf)
    {
        if (left <= 0)
        {
            return null;
        }

        if (runGood > 0 && runStartedAt is { } start && countedAt is { } counted && counted > start)
        {
            return counted + ((counted - start) / runGood * left);
        }

        return (runStartedAt ?? asOf) + (standardPerPart * left);
    }
}
