namespace Factory.Domain;

/// <summary>The families of refusal, matching how a caller should react.</summary>
public enum RefusalKind
{
    /// <summary>The request itself is malformed or breaks a rule whatever the state.</summary>
    Invalid = 1,

    /// <summary>Something the request names does not exist.</summary>
    NotFound = 2,

    /// <summary>The request is well-formed but conflicts with the current state.</summary>
    Conflict = 3,
}
