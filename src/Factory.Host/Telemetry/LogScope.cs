using System.Collections;

namespace Factory.Host.Telemetry;

/// <summary>
/// One named value in the log scope (<c>Machine:CNC-01</c>, <c>Site:plant-1</c>, <c>Endpoint:line1-plc</c>): shown
/// by the console formatter, and a property of every log record of the scope for the JSON formatter and OTLP.
/// </summary>
public sealed class LogScope(string name, string value) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(name, value) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{name}:{value}";
}
