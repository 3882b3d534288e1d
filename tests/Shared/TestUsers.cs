namespace Factory.Testing;

/// <summary>
/// The users the test hosts sign in with. Hosts in tests run in Production, where no demo users exist, so every
/// fixture configures these explicitly through settings, as a real deployment does. One entry per user: the name,
/// role, password (for the tests) and its PBKDF2 hash (for the host). Shared by the test projects (linked source).
/// </summary>
internal static class TestUsers
{
    public static readonly IReadOnlyList<(string Name, string DisplayName, string Role, string Password, string PasswordHash, string[] Machines)> All =
    [
        ("manager", "Demo Manager", "Manager", "manager", "pbkdf2-sha256$100000$O5lglUM2Tjz8UfRB7rTo9A==$njCIyS/aklOpVgn+ipjuqH3CtqX9i5WXVSOv3WLfOmk=", []),
        ("control", "Control Room", "ControlRoom", "control", "pbkdf2-sha256$100000$Cf553nvqW/XwkmoyIcjpTA==$nuRCak7XNqakMPF1pP3bcj9Vskp4C8vH75AiXS6MiAY=", []),
        ("operator", "Demo Operator", "Operator", "operator", "pbkdf2-sha256$100000$m8LWHx6pEPfyGmnm9pJfXg==$gUO4titcfw3kJCJm9UGMqRBSXPMyUoaY7AmRpWEgBpY=", ["CNC-01", "CNC-02"]),
        ("maintenance", "Demo Maintenance", "Maintenance", "maintenance", "pbkdf2-sha256$100000$k9MmrbyJJQPCK6gfSggCmQ==$4k0ByALtVeC9BQGG0KNs8kwqKiUY+XRwWq+BOvlbgdQ=", []),
    ];

    /// <summary>The users as configuration keys and values (<c>Factory:Users:i:…</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Configuration() =>
        All.SelectMany((u, i) => new[]
        {
            new KeyValuePair<string, string>($"Factory:Users:{i}:Name", u.Name),
            new KeyValuePair<string, string>($"Factory:Users:{i}:DisplayName", u.DisplayName),
            new KeyValuePair<string, string>($"Factory:Users:{i}:Role", u.Role),
            new KeyValuePair<string, string>($"Factory:Users:{i}:PasswordHash", u.PasswordHash),
        }.Concat(u.Machines.Select((m, k) => new KeyValuePair<string, string>($"Factory:Users:{i}:Machines:{k}", m))));

    /// <summary>The users as command-line settings for a host process.</summary>
    public static string[] CommandLine() => [.. Configuration().Select(s => $"--{s.Key}={s.Value}")];
}
