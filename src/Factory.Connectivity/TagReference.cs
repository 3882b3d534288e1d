using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>
/// Where a tag lives: a NodeId (<c>ns=2;s=CNC-01.State</c>) or a browse path from the Root folder
/// (<c>/Objects/2:Plant/2:L1/2:CNC-01/2:State</c>), resolved when the session starts and again after a server restart.
/// </summary>
public sealed record TagReference(string Text)
{
    public bool IsBrowsePath => Text.StartsWith('/');

    /// <summary>The browse path's elements as qualified names; only for browse paths.</summary>
    public IReadOnlyList<QualifiedName> PathElements() => Text.Split('/', StringSplitOptions.RemoveEmptyEntries)
        .Select(e =>
        {
            var colon = e.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && ushort.TryParse(e.AsSpan(0, colon), out var ns)
                ? new QualifiedName(ns, e[(colon + 1)..])
                : new QualifiedName(0, e);
        })
        .ToList();

    public override string ToString() => Text;
}
