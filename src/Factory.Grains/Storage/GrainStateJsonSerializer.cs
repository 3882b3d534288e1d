using Orleans.Storage;

namespace Factory.Grains.Storage;

/// <summary>
/// Grain states as <see cref="GrainStateJson"/> text for storage providers that take a serializer (Orleans' ADO.NET
/// storage in the PostgreSQL-only mode), so every store keeps the same readable form and no type names are stored
/// or resolved on read.
/// </summary>
public sealed class GrainStateJsonSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromString(GrainStateJson.Serialize(input));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return GrainStateJson.Deserialize<T>(input.ToString());
    }
}
