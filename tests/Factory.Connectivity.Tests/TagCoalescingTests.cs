using Factory.OpcUa.Encoding;
using FsCheck;
using FsCheck.Xunit;

namespace Factory.Connectivity.Tests;

/// <summary>Ingest that falls behind keeps the latest value of level-like tags and every transition (#20).</summary>
public sealed class TagCoalescingTests
{
    private static readonly MachineTagMap Map = new("M1");
    private static readonly TagKind[] Kinds = [TagKind.State, TagKind.Produced, TagKind.Speed, TagKind.Alarm, TagKind.Temperature, TagKind.JobId];
    private static readonly TagBinding[] Bindings = [.. Kinds.Select(k => new TagBinding(Map, k, k.ToString()))];

    private static (TagBinding, DataValue) Value(int tag, int n) =>
        (Bindings[tag], new DataValue(new Variant(n), StatusCode.Good, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(n)));

    [Fact]
    public void Counters_and_levels_keep_their_latest_value_and_states_and_alarms_every_value_in_order()
    {
        var batch = new List<(TagBinding, DataValue)>
        {
            Value(0, 1), Value(1, 2), Value(2, 3), Value(3, 4), Value(1, 5), Value(0, 6), Value(3, 7), Value(2, 8), Value(1, 9),
        };

        var (kept, dropped) = TagCoalescing.KeepLatest(batch);

        Assert.Equal(3, dropped); // Produced 2 and 5, Speed 3
        Assert.Equal([1, 4, 6, 7, 8, 9], kept.Select(k => (int)k.Value.Value.Value!));
    }

    [Property(MaxTest = 200)]
    public void Nothing_kept_is_invented_or_reordered_and_each_tag_keeps_its_newest(NonEmptyArray<byte> tags)
    {
        var batch = tags.Get.Select((t, n) => Value(t % Bindings.Length, n)).ToList();
        var (kept, dropped) = TagCoalescing.KeepLatest(batch);

        Assert.Equal(batch.Count, kept.Count + dropped);
        var positions = kept.Select(k => (int)k.Value.Value.Value!).ToList();
        Assert.Equal(positions.Order(), positions);
        foreach (var group in batch.GroupBy(b => b.Item1))
        {
            var values = group.Select(g => (int)g.Item2.Value.Value!).ToList();
            if (TagCoalescing.KeepsEveryValue(group.Key.Kind))
            {
                Assert.Equal(values, kept.Where(k => k.Binding == group.Key).Select(k => (int)k.Value.Value.Value!));
            }
            else
            {
                Assert.Equal([values[^1]], kept.Where(k => k.Binding == group.Key).Select(k => (int)k.Value.Value.Value!));
            }
        }
    }
}
