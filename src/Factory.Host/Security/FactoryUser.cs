namespace Factory.Host.Security;

/// <summary>A local user from configuration (<c>Factory:Users</c>).</summary>
public sealed class FactoryUser
{
    public string Name { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary><see cref="FactoryRoles.ControlRoom"/>, <see cref="FactoryRoles.Manager"/>, <see cref="FactoryRoles.Operator"/> or <see cref="FactoryRoles.Maintenance"/>.</summary>
    public string Role { get; set; } = FactoryRoles.ControlRoom;

    /// <summary>A <see cref="PasswordHash"/> string: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>For an <see cref="FactoryRoles.Operator"/>: the machines (ids) the operator may act on; other roles ignore it.</summary>
    public List<string> Machines { get; set; } = [];

    /// <summary>For an <see cref="FactoryRoles.Operator"/>: lines (ids) whose machines the operator may act on, besides <see cref="Machines"/>.</summary>
    public List<string> Lines { get; set; } = [];
}
