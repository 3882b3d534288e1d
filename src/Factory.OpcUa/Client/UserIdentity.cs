namespace Factory.OpcUa.Client;

/// <summary>Who the session acts for: anonymous, or a user name and password.</summary>
public sealed record UserIdentity
{
    private UserIdentity(string? userName, string? password)
    {
        UserName = userName;
        Password = password;
    }

    public static UserIdentity Anonymous { get; } = new(null, null);

    public string? UserName { get; }

    public string? Password { get; }

    public bool IsAnonymous => UserName is null;

    public static UserIdentity FromUserName(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        return new UserIdentity(userName, password);
    }

    /// <inheritdoc />
    public override string ToString() => IsAnonymous ? "anonymous" : $"user {UserName}";
}
