namespace Factory.Host.Security;

/// <summary>A local user from configuration (<c>Factory:Users</c>).</summary>
public sealed class FactoryUser
{
    public string Name { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary><see cref="FactoryRoles.ControlRoom"/> or <see cref="FactoryRoles.Manager"/>.</summary>
    public string Role { get; set; } = FactoryRoles.ControlRoom;

    /// <summary>A <see cref="PasswordHash"/> string: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64).</summary>
    public string PasswordHash { get; set; } = "";
}
