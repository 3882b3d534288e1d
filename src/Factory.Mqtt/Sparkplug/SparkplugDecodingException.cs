namespace Factory.Mqtt.Sparkplug;

/// <summary>A payload that is not valid Sparkplug B protobuf, or is beyond the <see cref="SparkplugLimits"/>.</summary>
public sealed class SparkplugDecodingException(string message) : Exception(message)
{
    public SparkplugDecodingException()
        : this("invalid Sparkplug B payload")
    {
    }

    public SparkplugDecodingException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}
