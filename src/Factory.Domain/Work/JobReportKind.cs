namespace Factory.Domain.Work;

/// <summary>What a machine tells the work order about its job.</summary>
public enum JobReportKind
{
    Started,
    Progress,
    Completed,
    Interrupted,
}
