using System.Text.Json;

namespace Factory.Mqtt.Sparkplug;

/// <summary>
/// A Sparkplug 3.0 host application STATE message: <c>{"online": true, "timestamp": 1668114759262}</c>, published
/// retained at QoS 1 on <c>spBv1.0/STATE/{hostId}</c>; the will carries the same timestamp with <c>online: false</c>.
/// </summary>
public readonly record struct HostState(bool Online, long Timestamp)
{
    public byte[] ToJson() => Encoding.UTF8.GetBytes($"{{\"online\":{(Online ? "true" : "false")},\"timestamp\":{Timestamp}}}");

    /// <summary>Reads a STATE payload; false when it is not one (bounded: a STATE payload is a few dozen bytes).</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out HostState state)
    {
        state = default;
        if (json.Length > 1024)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 2 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("online", out var online) &&
                online.ValueKind is JsonValueKind.True or JsonValueKind.False &&
                root.TryGetProperty("timestamp", out var timestamp) && timestamp.TryGetInt64(out var ms))
            {
                state = new HostState(online.GetBoolean(), ms);
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
