namespace Factory.Mqtt.Sparkplug;

/// <summary>The message types of the Sparkplug topic namespace.</summary>
public enum SparkplugMessageType
{
    NBirth,
    NDeath,
    DBirth,
    DDeath,
    NData,
    DData,
    NCmd,
    DCmd,
    State,
}
