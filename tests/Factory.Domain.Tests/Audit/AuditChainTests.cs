using Factory.Domain.Audit;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<AuditEntry> Chain(int length)
    {
        var chain = new List<AuditEntry>();
        AuditEntry? previous = null;
        for (var i = 0; i < length; i++)
        {
            var (entry, refusal) = AuditChain.Append(previous, T0.AddSeconds(i), $"user{i % 3}", "reassign", $"workorder/WO-{i}/op/1", i % 2 == 0 ? "machine m1 failed" : null, "accepted", $"{{\"to\":\"m{i}\"}}");
            Assert.Null(refusal);
            chain.Add(entry!);
            previous = entry;
        }

        return chain;
    }

    [Fact]
    public void A_fresh_chain_verifies()
    {
        var chain = Chain(20);
        Assert.Null(AuditChain.Verify(chain));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), chain.Select(e => e.Sequence));
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.Matches("^[0-9a-f]{64}$", chain[0].Hash);
        Assert.Null(AuditChain.Verify(chain.Skip(5), chain[4].Hash));
        Assert.Null(AuditChain.Verify([]));
    }

    [Fact]
    public void A_modified_entry_is_detected_at_its_sequence()
    {
        var chain = Chain(10);
        chain[6] = chain[6] with { Who = "mallory" };
        Assert.Equal(7, AuditChain.Verify(chain));

        var rehashed = Chain(10);
        rehashed[3] = rehashed[3] with { Result = "refused: nope" };
        rehashed[3] = rehashed[3] with { Hash = AuditChain.ComputeHash(rehashed[3]) }; // a forger recomputes the hash…
        Assert.Equal(5, AuditChain.Verify(rehashed)); // …and the next entry no longer links to it
    }

    [Fact]
    public void Removed_or_reordered_entries_are_detected()
    {
        var chain = Chain(6);
        Assert.Equal(3, AuditChain.Verify(chain.Where(e => e.Sequence != 3)));
        var swapped = chain.ToList();
        (swapped[1], swapped[2]) = (swapped[2], swapped[1]);
        Assert.Equal(2, AuditChain.Verify(swapped));
        Assert.Equal(2, AuditChain.Verify(chain.Skip(1)));
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted()
    {
        var a = AuditChain.Append(null, T0, "ab", "c", "t", null, "accepted").Entry!;
        var b = AuditChain.Append(null, T0, "a", "bc", "t", null, "accepted").Entry!;
        var c = AuditChain.Append(null, T0, "a", "bc", "t", "", "accepted").Entry!;
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.NotEqual(b.Hash, c.Hash);
    }

    [Fact]
    public void Incomplete_entries_are_refused()
    {
        Assert.NotNull(AuditChain.Append(null, T0, " ", "a", "t", null, "accepted").Refusal);
        Assert.NotNull(AuditChain.Append(null, T0, "u", "a", "", null, "accepted").Refusal);
    }

    [Property(MaxTest = 200)]
    public void Any_single_change_is_detected(int length, int index, string replacement)
    {
        var chain = Chain(1 + Math.Abs(length % 15));
        var i = Math.Abs(index % chain.Count);
        var changed = chain[i] with { Why = (chain[i].Why ?? string.Empty) + (replacement ?? "x") + "!" };
        chain[i] = changed;
        Assert.Equal(chain[i].Sequence, AuditChain.Verify(chain));
    }
}
