namespace Factory.Domain.Staff;

/// <summary>Why an operation is held up for lack of people.</summary>
public enum TrainingNeedKind
{
    /// <summary>Nobody at the site holds the skill at the level with a valid certification.</summary>
    Unassignable = 1,

    /// <summary>Qualified workers exist, but none is clocked in.</summary>
    Delayed = 2,
}
