using System.Net;
using Microsoft.Data.Sqlite;

namespace Factory.Host.Tests;

/// <summary>
/// The audit trail is paged, verified as a stream, and anchored (#11, finding 7): entries removed from the end of the
/// stored trail, which leave every link intact, are caught by the anchor; so is a trail that no longer holds an
/// anchor recorded elsewhere.
/// </summary>
public sealed class AuditAnchorTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task Pages_follow_one_another_and_a_trail_cut_short_is_caught_by_its_anchor()
    {
        var manager = await app.ReadyClientAsync();
        for (var i = 0; i < 6; i++)
        {
            await (await manager.PostJsonAsync("/api/v1/workers/W02/clock-out", new { })).OkJsonAsync();
            await (await manager.PostJsonAsync("/api/v1/workers/W02/clock-in", new { })).OkJsonAsync();
        }

        // Pages: ?after= the last sequence of the page before.
        var all = (await (await manager.GetAsync("/api/v1/audit")).OkJsonAsync()).EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.True(all.Count >= 12, $"{all.Count} entries");
        var paged = new List<long>();
        long after = 0;
        while (true)
        {
            var page = (await (await manager.GetAsync($"/api/v1/audit?limit=5&after={after}")).OkJsonAsync()).EnumerateArray()
                .Select(e => e.GetProperty("sequence").GetInt64()).ToList();
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 5);
            paged.AddRange(page);
            after = page[^1];
        }

        Assert.Equal(all, paged.Take(all.Count));
        await (await manager.GetAsync("/api/v1/audit?after=-1")).ProblemAsync(HttpStatusCode.BadRequest);

        // The anchor is the newest entry; someone records it elsewhere.
        var anchor = await (await manager.GetAsync("/api/v1/audit/anchor")).OkJsonAsync();
        var anchorSequence = anchor.GetProperty("sequence").GetInt64();
        var anchorHash = anchor.GetProperty("hash").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", anchorHash);
        var intact = await (await manager.GetAsync($"/api/v1/audit/verify?sequence={anchorSequence}&hash={anchorHash}")).OkJsonAsync();
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        Assert.Equal(anchorSequence, intact.GetProperty("anchor").GetProperty("sequence").GetInt64());
        await (await manager.GetAsync($"/api/v1/audit/verify?sequence={anchorSequence}")).ProblemAsync(HttpStatusCode.BadRequest);

        // Someone deletes the newest entries behind the application's back: what is left still links up.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "audit.db")};Pooling=False"))
        {
            await db.OpenAsync();
            var delete = db.CreateCommand();
            delete.CommandText = "DELETE FROM audit_trail WHERE sequence > $s";
            delete.Parameters.AddWithValue("$s", anchorSequence - 3);
            Assert.True(await delete.ExecuteNonQueryAsync() >= 3);
        }

        var cut = await (await manager.GetAsync("/api/v1/audit/verify")).OkJsonAsync();
        Assert.False(cut.GetProperty("intact").GetBoolean(), cut.ToString());
        Assert.True(cut.GetProperty("truncated").GetBoolean(), cut.ToString());
        Assert.Equal(anchorSequence - 2, cut.GetProperty("firstBrokenSequence").GetInt64());
        Assert.Contains("removed", cut.GetProperty("problem").GetString(), StringComparison.Ordinal);

        // Even if the stored anchor is rewritten as well, the anchor recorded elsewhere still shows it.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "audit.db")};Pooling=False"))
        {
            await db.OpenAsync();
            var rewrite = db.CreateCommand();
            rewrite.CommandText = "UPDATE audit_anchor SET sequence = (SELECT max(sequence) FROM audit_trail), hash = (SELECT hash FROM audit_trail ORDER BY sequence DESC LIMIT 1)";
            Assert.Equal(1, await rewrite.ExecuteNonQueryAsync());
        }

        Assert.True((await (await manager.GetAsync("/api/v1/audit/verify")).OkJsonAsync()).GetProperty("intact").GetBoolean());
        var external = await (await manager.GetAsync($"/api/v1/audit/verify?sequence={anchorSequence}&hash={anchorHash}")).OkJsonAsync();
        Assert.False(external.GetProperty("intact").GetBoolean(), external.ToString());
        Assert.True(external.GetProperty("truncated").GetBoolean());
    }
}
