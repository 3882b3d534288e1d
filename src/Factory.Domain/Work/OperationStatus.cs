namespace Factory.Domain.Work;

/// <summary>Where an operation is in its life.</summary>
public enum OperationStatus
{
    Pending = 0,
    Running = 1,
    Done = 2,
}
