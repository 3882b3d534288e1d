namespace Factory.Connectivity.Mqtt;

/// <summary>
/// Where a plain MQTT tag lives: <c>topic</c> or <c>topic#jsonPath</c> (<c>#</c> cannot occur in a topic name, so the
/// first one separates them). Without a path the endpoint's default value path applies.
/// </summary>
public sealed record JsonTopicTag(string Topic, JsonPath Path)
{
    public static bool TryParse(string text, JsonPath defaultPath, out JsonTopicTag tag, out string? error)
    {
        tag = null!;
        error = null;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var topic = (hash < 0 ? text : text[..hash]).Trim();
        if (topic.Length == 0 || topic.Contains('+', StringComparison.Ordinal) || topic.Length > 1024)
        {
            error = $"'{text}' needs a topic name (no wildcards, at most 1024 characters)";
            return false;
        }

        var path = defaultPath;
        if (hash >= 0 && !JsonPath.TryParse(text[(hash + 1)..], out path, out error))
        {
            return false;
        }

        tag = new JsonTopicTag(topic, path);
        return true;
    }
}
