using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Factory.Domain.Audit;

/// <summary>
/// The audit trail's hash chain. Each entry's hash covers a canonical encoding of its fields and the
/// previous entry's hash: every field as "&lt;UTF-8 byte length&gt;:&lt;UTF-8 bytes&gt;;" (a null field as "-;"), in the
/// order sequence, time (UTC ticks), who, action, target, why, result, details, previous hash. The length
/// prefixes make the encoding unambiguous whatever the fields contain.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry of a chain.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>
    /// The entry that follows <paramref name="previous"/> (null for the first). Pure: storing it is the caller's
    /// job. Refused when who, action, target or result is missing.
    /// </summary>
    public static (AuditEntry? Entry, Refusal? Refusal) Append(
        AuditEntry? previous,
        DateTimeOffset at,
        string who,
        string action,
        string target,
        string? why,
        string result,
        string? details = null)
    {
        if (string.IsNullOrWhiteSpace(who) || string.IsNullOrWhiteSpace(action) || string.IsNullOrWhiteSpace(target) || string.IsNullOrWhiteSpace(result))
        {
            return (null, Refusal.Invalid("an audit entry needs who, action, target and result"));
        }

        var entry = new AuditEntry(
            (previous?.Sequence ?? 0) + 1, at, who, action, target, why, result, details,
            previous?.Hash ?? Genesis, string.Empty);
        return (entry with { Hash = ComputeHash(entry) }, null);
    }

    /// <summary>The hash an entry should carry (its own Hash field is not part of it).</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        Field(text, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.Who);
        Field(text, entry.Action);
        Field(text, entry.Target);
        Field(text, entry.Why);
        Field(text, entry.Result);
        Field(text, entry.Details);
        Field(text, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Checks a chain in order. Returns null when it is intact, else the sequence number of the first entry
    /// that is wrong (altered, out of sequence, or not linked to the one before).
    /// </summary>
    /// <param name="anchorHash">The hash the first entry must follow: <see cref="Genesis"/> for a whole chain, or the
    /// hash of the entry just before when checking a slice.</param>
    public static long? Verify(IEnumerable<AuditEntry> entries, string? anchorHash = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditChainVerifier(startHash: anchorHash);
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.FirstBroken;
    }

    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("-;");
            return;
        }

        text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}
