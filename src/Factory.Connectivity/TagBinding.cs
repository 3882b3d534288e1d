namespace Factory.Connectivity;

/// <summary>A monitored item's meaning: which machine, which kind of tag, under which name.</summary>
public sealed record TagBinding(MachineTagMap Machine, TagKind Kind, string Name);
