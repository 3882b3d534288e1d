using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Encoding;

/// <summary>Random and mutated bytes must decode to a value or a <see cref="UaDecodingException"/>, nothing else.</summary>
public sealed class HostileInputTests
{
    private static readonly DecodingLimits s_tight = new(MaxMessageSize: 1 << 20, MaxArrayLength: 10_000, MaxStringLength: 10_000, MaxNestingDepth: 16);

    [Property(MaxTest = 2000)]
    public bool Random_bytes_decode_or_fail_cleanly(byte[] bytes) =>
        DecodesOrRefuses(bytes, 0) && DecodesOrRefuses(bytes, 1) && DecodesOrRefuses(bytes, 2) && DecodesOrRefuses(bytes, 3);

    [Property(MaxTest = 2000)]
    public Property Mutated_messages_decode_or_fail_cleanly() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, Valid.Length - 1).Two().Zip(Gen.Choose(0, 255)).ListOf()),
            mutations =>
            {
                var bytes = (byte[])Valid.Clone();
                foreach (var ((at, cut), value) in mutations)
                {
                    bytes[at] = (byte)value;
                    if (cut % 7 == 0)
                    {
                        bytes = bytes[..Math.Max(at, 1)];
                        break;
                    }
                }

                return DecodesOrRefuses(bytes, 3) && DecodesOrRefuses(bytes, 0);
            });

    [Fact]
    public void Huge_declared_lengths_are_refused_before_allocating()
    {
        var bytes = Convert.FromHexString("8B" + "FFFFFF7F");
        var ex = Assert.Throws<UaDecodingException>(() => new UaReader(bytes, s_tight).ReadVariant());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, ex.StatusCode.Code);
        var small = Convert.FromHexString("8B" + "10270000");
        Assert.Throws<UaDecodingException>(() => new UaReader(small, s_tight).ReadVariant());
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 100; i++)
        {
            bytes.AddRange([0x98, 1, 0, 0, 0]);
        }

        bytes.Add(0);
        var ex = Assert.Throws<UaDecodingException>(() => new UaReader(bytes.ToArray(), s_tight).ReadVariant());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, ex.StatusCode.Code);
        var diag = Enumerable.Repeat((byte)0x40, 1000).Append((byte)0).ToArray();
        Assert.Throws<UaDecodingException>(() => new UaReader(diag, s_tight).ReadDiagnosticInfo());
    }

    private static byte[] Valid { get; } = BuildValid();

    private static byte[] BuildValid()
    {
        var writer = new UaWriter();
        var notification = new DataChangeNotification
        {
            MonitoredItems =
            [
                new MonitoredItemNotification { ClientHandle = 1, Value = new DataValue(new Variant(1.5), default, DateTime.UtcNow) },
                new MonitoredItemNotification { ClientHandle = 2, Value = new DataValue(new Variant(BuiltInType.Int32, new[] { 1, 2, 3, 4 }, [2, 2])) },
                new MonitoredItemNotification { ClientHandle = 3, Value = new DataValue(SampleValues.Scalar(BuiltInType.ExtensionObject)) },
            ],
        };
        new PublishResponse
        {
            SubscriptionId = 1,
            AvailableSequenceNumbers = [1, 2],
            NotificationMessage = new NotificationMessage { SequenceNumber = 2, NotificationData = [new ExtensionObject(notification)] },
            DiagnosticInfos = [new DiagnosticInfo { AdditionalInfo = "x" }],
        }.Encode(writer);
        return writer.ToArray();
    }

    private static bool DecodesOrRefuses(byte[] bytes, int what)
    {
        try
        {
            var reader = new UaReader(bytes, s_tight);
            switch (what)
            {
                case 0: reader.ReadVariant(); break;
                case 1: reader.ReadDataValue(); break;
                case 2: reader.ReadExpandedNodeId(); reader.ReadDiagnosticInfo(); reader.ReadLocalizedText(); break;
                default: reader.ReadEncodeable<PublishResponse>(); break;
            }

            return true;
        }
        catch (UaDecodingException)
        {
            return true;
        }
    }
}
