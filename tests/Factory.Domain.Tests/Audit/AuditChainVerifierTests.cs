using Factory.Domain.Audit;
using Xunit;

namespace Factory.Domain.Tests.Audit;

/// <summary>The streaming verifier and anchors (#11, finding 7): a trail cut short or rewritten from some entry on is caught.</summary>
public class AuditChainVerifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<AuditEntry> Chain(int length, string who = "manager")
    {
        var chain = new List<AuditEntry>();
        AuditEntry? previous = null;
        for (var i = 0; i < length; i++)
        {
            previous = AuditChain.Append(previous, T0.AddSeconds(i), who, "packml.command", $"machine/m{i}", null, "accepted").Entry!;
            chain.Add(previous);
        }

        return chain;
    }

    private static AuditVerification Check(IEnumerable<AuditEntry> entries, params AuditAnchor[] anchors)
    {
        var verifier = new AuditChainVerifier(anchors);
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Result();
    }

    [Fact]
    public void An_intact_trail_matches_its_anchor()
    {
        var chain = Chain(12);
        var result = Check(chain, new AuditAnchor(12, chain[11].Hash), new AuditAnchor(5, chain[4].Hash));
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(12, result.Entries);
        Assert.Null(result.FirstBrokenSequence);
        Assert.False(result.Truncated);
    }

    [Fact]
    public void A_trail_cut_short_links_up_but_its_anchor_shows_the_removal()
    {
        var chain = Chain(12);
        var anchor = new AuditAnchor(12, chain[11].Hash);
        var cut = chain.Take(9).ToList();
        Assert.Null(AuditChain.Verify(cut)); // the links alone cannot see it

        var result = Check(cut, anchor);
        Assert.False(result.Intact);
        Assert.True(result.Truncated);
        Assert.Equal(10, result.FirstBrokenSequence);
        Assert.Contains("ends at entry 9", result.Problem, StringComparison.Ordinal);
        Assert.True(Check([], anchor).Truncated);
    }

    [Fact]
    public void A_trail_rewritten_from_some_entry_on_differs_from_an_anchor_recorded_elsewhere()
    {
        var original = Chain(10);
        var recorded = new AuditAnchor(6, original[5].Hash);

        // A forger rebuilds the whole chain with other content: every link holds, every hash is right.
        var forged = Chain(10, who: "mallory");
        Assert.Null(AuditChain.Verify(forged));

        var result = Check(forged, recorded);
        Assert.False(result.Intact);
        Assert.False(result.Truncated);
        Assert.Equal(6, result.FirstBrokenSequence);
    }

    [Fact]
    public void A_broken_link_is_reported_once_and_later_entries_change_nothing()
    {
        var chain = Chain(8);
        chain[2] = chain[2] with { Target = "machine/other" };
        var verifier = new AuditChainVerifier();
        var accepted = chain.TakeWhile(verifier.Add).Count();
        Assert.Equal(2, accepted);
        Assert.False(verifier.Add(chain[3]));
        var result = verifier.Result();
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(3, result.Entries);
        Assert.Contains("entry 3", result.Problem, StringComparison.Ordinal);
    }
}
