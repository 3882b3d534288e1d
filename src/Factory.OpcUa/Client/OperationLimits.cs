namespace Factory.OpcUa.Client;

/// <summary>How many operations one service request may carry; requests are split to respect them (0 = no limit).</summary>
public sealed record OperationLimits(
    int MaxNodesPerRead = 500,
    int MaxNodesPerWrite = 500,
    int MaxNodesPerBrowse = 500,
    int MaxNodesPerMethodCall = 100,
    int MaxNodesPerTranslateBrowsePaths = 500,
    int MaxMonitoredItemsPerCall = 1000);
