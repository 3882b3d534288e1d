namespace Factory.Contracts.Grains;

/// <summary>
/// A grain could not store a change (storage unavailable, disk full, a concurrent writer): the change was undone in
/// the grain's memory as well, so nothing was changed. The edge answers it with 503; the caller may retry.
/// </summary>
[GenerateSerializer, Alias("factory.state-not-stored")]
public sealed class StateNotStoredException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public StateNotStoredException()
        : base("storage unavailable, nothing was changed")
    {
    }

    /// <summary>Creates the exception naming what could not be stored.</summary>
    public StateNotStoredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception naming what could not be stored and the storage's own error.</summary>
    public StateNotStoredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
