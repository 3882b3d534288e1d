namespace Factory.OpcUa.Services;

/// <summary>Attribute ids of Part 6 Annex A, for the client's requests and the server's answers alike.</summary>
public static class Attributes
{
    public const uint NodeId = 1;
    public const uint NodeClass = 2;
    public const uint BrowseName = 3;
    public const uint DisplayName = 4;
    public const uint Description = 5;
    public const uint WriteMask = 6;
    public const uint UserWriteMask = 7;
    public const uint EventNotifier = 12;
    public const uint Value = 13;
    public const uint DataType = 14;
    public const uint ValueRank = 15;
    public const uint ArrayDimensions = 16;
    public const uint AccessLevel = 17;
    public const uint UserAccessLevel = 18;
    public const uint MinimumSamplingInterval = 19;
    public const uint Historizing = 20;
}
