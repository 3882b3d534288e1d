using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Factory.Host.Security;

/// <summary>Checks credentials against the configured local users.</summary>
public sealed class UserDirectory(IOptionsMonitor<FactoryOptions> options)
{
    // PBKDF2 is slow on purpose; programs send Basic credentials with every request, so remember
    // which (user, password digest, stored hash) triples were already verified.
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    /// <summary>The principal for valid credentials, or null.</summary>
    public ClaimsPrincipal? SignIn(string? userName, string? password, string scheme)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var user = options.CurrentValue.Users.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.OrdinalIgnoreCase));
        if (user is null || !Verify(user, password))
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, user.Name),
                new Claim("display_name", string.IsNullOrEmpty(user.DisplayName) ? user.Name : user.DisplayName),
                new Claim(ClaimTypes.Role, user.Role),
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
