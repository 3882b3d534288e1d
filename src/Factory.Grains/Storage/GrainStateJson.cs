using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Factory.Grains.Storage;

/// <summary>
/// What every grain storage of ours shares, so the stores stay interchangeable: the JSON form of a state, the
/// fresh ETag of a write, and the conflict raised when someone else changed a state first.
/// </summary>
public static class GrainStateJson
{
    /// <summary>Web defaults (camelCase) with enums as names, so stored state reads well and survives reordering.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The stored text of a state.</summary>
    public static string Serialize<T>(T state) => JsonSerializer.Serialize(state, Options);

    /// <summary>A state back from its stored text.</summary>
    public static T Deserialize<T>(string payload) => JsonSerializer.Deserialize<T>(payload, Options)!;

    /// <summary>
    /// Fills <paramref name="grainState"/> from the reader's row of (etag, payload), or marks it absent when the query
    /// found none: the same for every store, whatever its SQL dialect.
    /// </summary>
    public static async Task ReadAsync<T>(System.Data.Common.DbDataReader reader, IGrainState<T> grainState)
    {
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetString(0);
        grainState.State = Deserialize<T>(reader.GetString(1));
        grainState.RecordExists = true;
    }

    /// <summary>A new ETag for a write.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>The write's ETag did not match the stored one (or a first write found a record already there).</summary>
    public static InconsistentStateException WriteConflict(string stateName, GrainId grainId, string? expectedETag) =>
        new($"State '{stateName}' of {grainId} was changed by someone else (expected ETag {expectedETag ?? "<none>"}).",
            "unknown", expectedETag ?? "<none>");

    /// <summary>The clear's ETag did not match the stored one.</summary>
    public static InconsistentStateException ClearConflict(string stateName, GrainId grainId, string expectedETag) =>
        new($"State '{stateName}' of {grainId} was changed by someone else before it could be cleared.", "unknown", expectedETag);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
