namespace Factory.Mqtt.Sparkplug;

/// <summary>
/// A Sparkplug B topic: <c>spBv1.0/{group}/{type}/{edgeNode}[/{device}]</c>, or the host application's
/// <c>spBv1.0/STATE/{hostId}</c> (then <see cref="EdgeNode"/> holds the host id).
/// </summary>
public readonly record struct SparkplugTopic(string Group, SparkplugMessageType Type, string EdgeNode, string? Device = null)
{
    public const string Namespace = "spBv1.0";

    /// <summary>The topic filter a host application subscribes to for one group.</summary>
    public static string GroupFilter(string group) => $"{Namespace}/{group}/#";

    /// <summary>The host application's STATE topic.</summary>
    public static string StateTopic(string hostId) => $"{Namespace}/STATE/{hostId}";

    public static bool TryParse(string topic, out SparkplugTopic parsed)
    {
        parsed = default;
        var parts = topic.Split('/');
        if (parts.Length < 3 || parts[0] != Namespace || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        if (parts is [_, "STATE", var host])
        {
            parsed = new SparkplugTopic("", SparkplugMessageType.State, host);
            return true;
        }

        SparkplugMessageType? type = parts.Length >= 4 ? parts[2] switch
        {
            "NBIRTH" => SparkplugMessageType.NBirth,
            "NDEATH" => SparkplugMessageType.NDeath,
            "DBIRTH" => SparkplugMessageType.DBirth,
            "DDEATH" => SparkplugMessageType.DDeath,
            "NDATA" => SparkplugMessageType.NData,
            "DDATA" => SparkplugMessageType.DData,
            "NCMD" => SparkplugMessageType.NCmd,
            "DCMD" => SparkplugMessageType.DCmd,
            _ => null,
        } : null;
        if (type is not { } t)
        {
            return false;
        }

        var deviceLevel = t is SparkplugMessageType.DBirth or SparkplugMessageType.DDeath or SparkplugMessageType.DData or SparkplugMessageType.DCmd;
        if (parts.Length != (deviceLevel ? 5 : 4))
        {
            return false;
        }

        parsed = new SparkplugTopic(parts[1], t, parts[3], deviceLevel ? parts[4] : null);
        return true;
    }

    public override string ToString()
    {
        if (Type == SparkplugMessageType.State)
        {
            return StateTopic(EdgeNode);
        }

        var verb = Type.ToString().ToUpperInvariant();
        return Device is null ? $"{Namespace}/{Group}/{verb}/{EdgeNode}" : $"{Namespace}/{Group}/{verb}/{EdgeNode}/{Device}";
    }
}
