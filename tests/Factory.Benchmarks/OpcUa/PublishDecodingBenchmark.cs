using BenchmarkDotNet.Attributes;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.Benchmarks.OpcUa;

/// <summary>
/// Decoding Publish responses as they come off the wire (type id + body), 1000 data changes each.
/// Notifications per second on one core = 1000 / mean time per operation.
/// </summary>
[MemoryDiagnoser]
public class PublishDecodingBenchmark
{
    private const int NotificationsPerMessage = 1000;
    private byte[] _doubles = [];
    private byte[] _ints = [];

    [GlobalSetup]
    public void Setup()
    {
        _doubles = Encode(i => new Variant(i * 1.25));
        _ints = Encode(i => new Variant(i));
    }

    [Benchmark(OperationsPerInvoke = NotificationsPerMessage, Description = "Publish response, Double values, per notification")]
    public int DecodeDoubles() => Decode(_doubles);

    [Benchmark(OperationsPerInvoke = NotificationsPerMessage, Description = "Publish response, Int32 values, per notification")]
    public int DecodeInts() => Decode(_ints);

    private static int Decode(byte[] message)
    {
        var reader = new UaReader(message);
        var typeId = reader.ReadNodeId();
        EncodeableRegistry.Default.TryCreate(typeId, out var response);
        response!.Decode(ref reader);
        var data = (DataChangeNotification)((PublishResponse)response).NotificationMessage.NotificationData[0].Body!;
        return data.MonitoredItems.Length;
    }

    private static byte[] Encode(Func<int, Variant> value)
    {
        var time = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var notification = new DataChangeNotification
        {
            MonitoredItems = Enumerable.Range(0, NotificationsPerMessage)
                .Select(i => new MonitoredItemNotification { ClientHandle = (uint)i, Value = new DataValue(value(i), default, time.AddMilliseconds(i), time.AddMilliseconds(i + 1)) })
                .ToArray(),
        };
        var response = new PublishResponse
        {
            ResponseHeader = new ResponseHeader { Timestamp = time, RequestHandle = 7 },
            SubscriptionId = 1,
            AvailableSequenceNumbers = [41, 42],
            NotificationMessage = new NotificationMessage { SequenceNumber = 42, PublishTime = time, NotificationData = [new ExtensionObject(notification)] },
            Results = [StatusCode.Good],
        };
        var writer = new UaWriter();
        writer.WriteNodeId(response.BinaryEncodingId);
        response.Encode(writer);
        return writer.ToArray();
    }
}
