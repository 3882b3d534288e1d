using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>
/// Where a tag lives: a NodeId (<c>ns=2;s=CNC-01.State</c>) or a browse path from the Root folder
/// (<c>/Objects/2:Plant/2:L1/2:CNC-01/2:State</c>), resolved when the session starts and again after a server restart.
/// </summary>
public sealed record TagReference(string Text)
{
    public bool IsBrowsePath => NodeAddress.IsBrowsePath(Text);

    /// <summary>The browse path's elements as qualified names; only for browse paths (the CLI reads them the same way).</summary>
    public IReadOnlyList<QualifiedName> PathElements() => NodeAddress.PathElements(Text);

    public override string ToString() => Text;
}
