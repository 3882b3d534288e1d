namespace Factory.Grains;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Durable plant state: definitions, live machine state, work orders, workers.</summary>
    public const string Plant = "plant";
}
