namespace Factory.Domain.Staff;

/// <summary>A pending operation held up for lack of a qualified, certified, clocked-in worker.</summary>
/// <param name="QualifiedWorkers">Workers at the site who are qualified and certified (clocked in or not).</param>
/// <param name="NearlyQualified">Workers who hold the skill but fall short (level too low or certification expired): training candidates.</param>
public sealed record TrainingNeed(
    string WorkOrderId,
    int OperationSequence,
    string Skill,
    int MinSkillLevel,
    TrainingNeedKind Kind,
    DateTimeOffset DueDate,
    int QualifiedWorkers,
    ImmutableArray<string> NearlyQualified);
