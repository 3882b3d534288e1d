namespace Factory.Domain.Security;

/// <summary>
/// Failed sign-ins per key (a user name, an address): after <see cref="FreeFailures"/> failures in a row the key is locked
/// out, for 30 s doubling with every further failure up to <see cref="LongestLockout"/>. A success clears the key; a key
/// with no failure for <see cref="Memory"/> is forgotten. Thread-safe; the caller passes the time (tests drive it).
/// </summary>
public sealed class SignInThrottle(int freeFailures)
{
    /// <summary>The longest lockout: 15 minutes.</summary>
    public static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(15);

    /// <summary>How long failures are remembered after the last one.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);

    // Bounds memory under a flood of distinct keys (random user names): the oldest half is dropped past this.
    private const int MaxKeys = 10_000;

    private readonly Dictionary<string, (int Failures, DateTimeOffset Last)> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Failures in a row allowed before a lockout.</summary>
    public int FreeFailures { get; } = freeFailures > 0 ? freeFailures : throw new ArgumentOutOfRangeException(nameof(freeFailures));

    /// <summary>How long <paramref name="key"/> must still wait at <paramref name="now"/>; null when it may try.</summary>
    public TimeSpan? RetryAfter(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue(key, out var entry) || entry.Failures < FreeFailures)
            {
                return null;
            }

            var until = entry.Last + Lockout(entry.Failures);
            return until > now ? until - now : null;
        }
    }

    /// <summary>Records a failed attempt of <paramref name="key"/>.</summary>
    public void Failed(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_keys.Count >= MaxKeys)
            {
                foreach (var old in _keys.OrderBy(k => k.Value.Last).Take(MaxKeys / 2).Select(k => k.Key).ToList())
                {
                    _keys.Remove(old);
                }
            }

            var failures = _keys.TryGetValue(key, out var entry) && now - entry.Last < Memory ? entry.Failures + 1 : 1;
            _keys[key] = (failures, now);
        }
    }

    /// <summary>Clears <paramref name="key"/> after a successful sign-in.</summary>
    public void Succeeded(string key)
    {
        lock (_lock)
        {
            _keys.Remove(key);
        }
    }

    private TimeSpan Lockout(int failures)
    {
        var doublings = Math.Min(failures - FreeFailures, 10);
        var lockout = TimeSpan.FromSeconds(30 * Math.Pow(2, doublings));
        return lockout < LongestLockout ? lockout : LongestLockout;
    }
}
