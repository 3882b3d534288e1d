using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>
/// How plant files and the CLI name a node: a NodeId (<c>ns=2;s=CNC-01.State</c>) or a browse path from the Root
/// folder (<c>/Objects/2:Plant/2:CNC-01/2:State</c>, each element <c>ns:name</c>, namespace 0 when it has none).
/// One syntax for both, so a tag copied from a plant file reads the same node from a shell.
/// </summary>
public static class NodeAddress
{
    private static readonly NodeId RootFolder = new(84u);

    /// <summary>Whether the text is a browse path (it starts with <c>/</c>) rather than a NodeId.</summary>
    public static bool IsBrowsePath(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith('/');
    }

    /// <summary>The browse path's elements as qualified names.</summary>
    public static IReadOnlyList<QualifiedName> PathElements(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(e =>
            {
                var colon = e.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 && ushort.TryParse(e.AsSpan(0, colon), out var ns)
                    ? new QualifiedName(ns, e[(colon + 1)..])
                    : new QualifiedName(0, e);
            })
            .ToList();
    }

    /// <summary>
    /// The node the text names: parsed when it is a NodeId, resolved on the server from Root when it is a browse path.
    /// Throws <see cref="FormatException"/> for text that is neither, and <see cref="ServiceResultException"/> when
    /// the path does not resolve.
    /// </summary>
    public static async Task<NodeId> ResolveAsync(OpcUaClient client, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(text);
        if (IsBrowsePath(text))
        {
            return await client.ResolvePathAsync(RootFolder, PathElements(text), cancellationToken).ConfigureAwait(false);
        }

        return NodeId.TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is neither a NodeId (ns=2;s=CNC-01.State) nor a browse path (/Objects/2:Plant/2:CNC-01/2:State)");
    }
}
