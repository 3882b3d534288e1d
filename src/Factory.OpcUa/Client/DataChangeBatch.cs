using System.Buffers;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>
/// The client's decoding of a DataChangeNotification (same encoding id, same wire format): the handles and values go
/// into pooled arrays instead of one <see cref="MonitoredItemNotification"/> object per data change and a fresh
/// (often large-object-heap) array per message. <see cref="Subscription"/> copies them into its queue and returns the
/// arrays with <see cref="Release"/>; a batch that is never delivered (a duplicate) is simply collected.
/// </summary>
internal sealed class DataChangeBatch : IEncodeable
{
    private uint[] _handles = [];
    private DataValue[] _values = [];

    /// <inheritdoc />
    public NodeId BinaryEncodingId => DataChangeNotification.EncodingId;

    /// <summary>How many data changes the batch holds (0 after <see cref="Release"/>).</summary>
    public int Count { get; private set; }

    public ReadOnlySpan<uint> Handles => _handles.AsSpan(0, Count);

    public ReadOnlySpan<DataValue> Values => _values.AsSpan(0, Count);

    public DiagnosticInfo?[] DiagnosticInfos { get; private set; } = [];

    /// <inheritdoc />
    public void Encode(UaWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt32(Count);
        for (var i = 0; i < Count; i++)
        {
            writer.WriteUInt32(_handles[i]);
            writer.WriteDataValue(_values[i]);
        }

        writer.WriteDiagnosticInfoArray(DiagnosticInfos);
    }

    /// <inheritdoc />
    public void Decode(ref UaReader reader)
    {
        Release();
        // Each MonitoredItemNotification takes at least 5 bytes (handle + DataValue mask), so a hostile length is
        // refused before anything is rented.
        var n = reader.ReadArrayLength(5);
        if (n > 0)
        {
            _handles = ArrayPool<uint>.Shared.Rent(n);
            _values = ArrayPool<DataValue>.Shared.Rent(n);
            for (var i = 0; i < n; i++)
            {
                _handles[i] = reader.ReadUInt32();
                _values[i] = reader.ReadDataValue();
                Count = i + 1;
            }
        }

        DiagnosticInfos = reader.ReadDiagnosticInfoArray() ?? [];
    }

    /// <summary>Gives the arrays back to the pool; the batch is empty afterwards.</summary>
    public void Release()
    {
        if (_handles.Length > 0)
        {
            ArrayPool<uint>.Shared.Return(_handles);
            _handles = [];
        }

        if (_values.Length > 0)
        {
            // Values may hold strings or arrays: do not keep them alive in the pool.
            _values.AsSpan(0, Count).Clear();
            ArrayPool<DataValue>.Shared.Return(_values);
            _values = [];
        }

        Count = 0;
    }
}
