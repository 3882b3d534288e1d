namespace Factory.Domain.Work;

/// <summary>One thing a machine tells the work order about its job, with the run's totals so far (never increments).</summary>
public sealed record JobReport(JobReportKind Kind, long Good, long Scrap, DateTimeOffset At, string? Note = null);
