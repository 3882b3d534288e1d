using System.Security.Cryptography;
using Factory.Host.Hosting;

namespace Factory.Host.Security;

/// <summary>
/// Secure by default (#11, finding 9): outside Development the demo users are not configured, so a site that names no
/// users gets one Manager, <c>admin</c>, whose random password is written once to <see cref="FileName"/> in the data
/// folder (owner read/write only) and read from there on later starts. The password never reaches the log.
/// </summary>
public sealed class FirstAdministrator
{
    /// <summary>The file in the data folder that holds the first administrator's name and password.</summary>
    public const string FileName = "first-admin.txt";

    /// <summary>The first administrator's user name.</summary>
    public const string UserName = "admin";

    private FirstAdministrator(FactoryUser user, string file, bool created)
    {
        User = user;
        File = file;
        Created = created;
    }

    /// <summary>The user to add to the configured ones.</summary>
    public FactoryUser User { get; }

    /// <summary>Where the password is.</summary>
    public string File { get; }

    /// <summary>True when this start created the password (false when an earlier start had).</summary>
    public bool Created { get; }

    /// <summary>
    /// The first administrator when <paramref name="users"/> is empty outside Development (creating the password file
    /// on the first start); null otherwise.
    /// </summary>
    public static FirstAdministrator? For(IReadOnlyCollection<FactoryUser> users, bool development, string dataDirectory)
    {
        if (development || users.Count > 0)
        {
            return null;
        }

        var file = Path.Combine(dataDirectory, FileName);
        var created = false;
        if (!System.IO.File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(file, System.Text.Encoding.UTF8, create))
            {
                writer.Write($"user: {UserName}\npassword: {password}\n");
            }

            created = true;
        }

        return new FirstAdministrator(
            new FactoryUser { Name = UserName, DisplayName = "Administrator", Role = FactoryRoles.Manager, PasswordHash = PasswordHash.Create(ReadPassword(file)) },
            file,
            created);
    }

    /// <summary>The password in a file written by <see cref="For"/>.</summary>
    public static string ReadPassword(string file)
    {
        var line = System.IO.File.ReadLines(file).FirstOrDefault(l => l.StartsWith("password: ", StringComparison.Ordinal))
            ?? throw new StartupProblem($"'{file}' has no password line", "Factory:Users", "delete the file to have a new password made, or configure users");
        return line["password: ".Length..].Trim();
    }
}
