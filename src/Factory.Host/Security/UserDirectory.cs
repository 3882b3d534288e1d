using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Factory.Domain.Security;
using Microsoft.Extensions.Options;

namespace Factory.Host.Security;

/// <summary>
/// Checks credentials against the configured local users, with sign-in throttling (#11, finding 8): per user name and
/// per client address, failures in a row lead to a growing lockout; unknown users cost the same hash as known ones.
/// </summary>
/// <param name="catalog">The loaded plant, for the machines of an operator's lines.</param>
/// <param name="time">Wall-clock time for lockouts (not the plant's clock, which a demo may speed up); the system clock by default.</param>
public sealed class UserDirectory(IOptionsMonitor<FactoryOptions> options, Plant.PlantCatalog? catalog = null, TimeProvider? time = null)
{
    // Verified for unknown users, so an unknown name answers as slowly as a wrong password (no user enumeration by timing).
    private static readonly Lazy<string> DummyHash = new(() => PasswordHash.Create(Guid.NewGuid().ToString("N")));

    // A user name is locked after 5 failures in a row, an address (many names from one place) after 20.
    private readonly SignInThrottle _users = new(5);
    private readonly SignInThrottle _addresses = new(20);

    // PBKDF2 is slow on purpose; programs send Basic credentials with every request, so remember
    // which (user, password digest, stored hash) triples were already verified.
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    /// <summary>The principal for valid credentials, or null.</summary>
    public ClaimsPrincipal? SignIn(string? userName, string? password, string scheme) => SignIn(userName, password, scheme, null).Principal;

    /// <summary>
    /// The principal for valid credentials; or null, with how long to wait when the user name or <paramref name="address"/>
    /// is locked out (then the password is not even checked).
    /// </summary>
    public (ClaimsPrincipal? Principal, TimeSpan? RetryAfter) SignIn(string? userName, string? password, string scheme, string? address)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            return (null, null);
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var userKey = userName.ToUpperInvariant();
        var addressKey = address ?? "";
        if ((_users.RetryAfter(userKey, now) ?? _addresses.RetryAfter(addressKey, now)) is { } wait)
        {
            return (null, wait);
        }

        var user = options.CurrentValue.Users.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.OrdinalIgnoreCase));
        if (user is null)
        {
            // The same PBKDF2 work as a known user's wrong password; the answer is no either way.
            _ = PasswordHash.Verify(password, DummyHash.Value);
        }

        if (user is null || !Verify(user, password))
        {
            _users.Failed(userKey, now);
            _addresses.Failed(addressKey, now);
            return (null, null);
        }

        _users.Succeeded(userKey);
        _addresses.Succeeded(addressKey);
        return (Principal(user, MachinesOf(user), scheme), null);
    }

    /// <summary>The claim that ties a session to the user's configuration when it began (see <see cref="IsCurrent"/>).</summary>
    public const string StampClaim = "factory_stamp";

    /// <summary>
    /// Whether a signed-in principal still stands for a configured user as they were when the session began: same name,
    /// role, machines and password (#11, finding 10: a removed or re-roled user, or a changed password, ends the session).
    /// Principals without a stamp (none are issued) are not current.
    /// </summary>
    public bool IsCurrent(ClaimsPrincipal principal)
    {
        var name = principal.Identity?.Name;
        var stamp = principal.FindFirst(StampClaim)?.Value;
        if (name is null || stamp is null)
        {
            return false;
        }

        var user = options.CurrentValue.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));
        return user is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Stamp(user)), Encoding.ASCII.GetBytes(stamp));
    }

    /// <summary>A digest of what a session depends on; it changes when the user's role, machines, lines or password change.</summary>
    private static string Stamp(FactoryUser user) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', [user.Name.ToUpperInvariant(), user.Role, user.PasswordHash, .. user.Machines.Order(StringComparer.Ordinal),
            "lines:", .. user.Lines.Order(StringComparer.Ordinal)]))));

    /// <summary>
    /// The machines an operator is bound to: those named, and every machine of the lines named. Lines are resolved when
    /// the session begins, from the loaded plant (the plant is loaded before the host reports ready; a sign-in before
    /// that gets only the named machines).
    /// </summary>
    private IEnumerable<string> MachinesOf(FactoryUser user)
    {
        if (user.Lines.Count == 0 || catalog?.Specs is not { IsCompletedSuccessfully: true } specs)
        {
            return user.Machines;
        }

        return user.Machines.Concat(specs.Result.Machines.Where(m => user.Lines.Contains(m.LineId, StringComparer.OrdinalIgnoreCase)).Select(m => m.Id))
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private static ClaimsPrincipal Principal(FactoryUser user, IEnumerable<string> machines, string scheme)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, user.Name),
                new Claim("display_name", string.IsNullOrEmpty(user.DisplayName) ? user.Name : user.DisplayName),
                new Claim(ClaimTypes.Role, user.Role),
                new Claim(StampClaim, Stamp(user)),
                .. machines.Select(m => new Claim(MachineAccess.MachineClaim, m)),
            ],
            scheme);
        return new ClaimsPrincipal(identity);
    }

    private bool Verify(FactoryUser user, string password)
    {
        var key = user.Name + "\n" + user.PasswordHash + "\n" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
        if (_verified.ContainsKey(key))
        {
            return true;
        }

        if (!PasswordHash.Verify(password, user.PasswordHash))
        {
            return false;
        }

        if (_verified.Count > 1024)
        {
            _verified.Clear();
        }

        _verified.TryAdd(key, 0);
        return true;
    }
}
