using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Factory.Grains.Storage;

/// <summary>
/// What every grain storage of ours shares, so the stores stay interchangeable: the JSON form of a state, how a state
/// is read, the fresh ETag of a write, and what a write or a clear means for the state (or the conflict raised when
/// someone else changed it first).
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
    /// Fills <paramref name="grainState"/> from its row of <c>grain_state</c>, or marks it absent when there is none: the
    /// same query for every store (SQLite and PostgreSQL both take <c>@</c> parameters).
    /// </summary>
    public static async Task ReadAsync<T>(DbConnection connection, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload FROM grain_state WHERE grain_id = @id AND state_name = @name";
        AddParameter(command, "@id", grainId.ToString());
        AddParameter(command, "@name", stateName);
        await using var reader = await command.ExecuteReaderAsync();
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
    private static InconsistentStateException WriteConflict(string stateName, GrainId grainId, string? expectedETag) =>
        new($"State '{stateName}' of {grainId} was changed by someone else (expected ETag {expectedETag ?? "<none>"}).",
            "unknown", expectedETag ?? "<none>");

    /// <summary>
    /// After a write that changed <paramref name="rows"/> rows: the state now has <paramref name="newETag"/>, or, when no row
    /// changed, someone else wrote it first.
    /// </summary>
    public static void Written<T>(int rows, string stateName, GrainId grainId, IGrainState<T> grainState, string newETag)
    {
        if (rows != 1)
        {
            throw WriteConflict(stateName, grainId, grainState.ETag);
        }

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    /// <summary>
    /// After a clear that deleted <paramref name="rows"/> rows: the state is absent, or, when a state read with an ETag
    /// deleted nothing, someone else changed it first.
    /// </summary>
    public static void Cleared<T>(int rows, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (rows != 1 && grainState.ETag is not null)
        {
            throw ClearConflict(stateName, grainId, grainState.ETag);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>The clear's ETag did not match the stored one.</summary>
    private static InconsistentStateException ClearConflict(string stateName, GrainId grainId, string expectedETag) =>
        new($"State '{stateName}' of {grainId} was changed by someone else before it could be cleared.", "unknown", expectedETag);

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
