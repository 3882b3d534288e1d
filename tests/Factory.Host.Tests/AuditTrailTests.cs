using System.Net;
using Microsoft.Data.Sqlite;

namespace Factory.Host.Tests;

/// <summary>The audit trail records commands with their result, and its hash chain detects an entry edited in the database.</summary>
public sealed class AuditTrailTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task Commands_are_audited_and_a_modified_entry_is_detected()
    {
        var manager = await app.ReadyClientAsync();
        await (await manager.PostJsonAsync("/api/v1/machines/PCK-02/commands", new { command = "Start" })).OkJsonAsync();
        await (await manager.PostJsonAsync("/api/v1/machines/PCK-02/commands", new { command = "Start" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await manager.PostJsonAsync("/api/v1/workers/W01/clock-out", new { })).OkJsonAsync();

        var entries = (await (await manager.GetAsync("/api/v1/audit?user=manager")).OkJsonAsync()).EnumerateArray().ToList();
        var packml = entries.Where(e => e.GetProperty("action").GetString() == "packml.command" && e.GetProperty("target").GetString() == "/api/v1/machines/PCK-02/commands").ToList();
        Assert.Equal(2, packml.Count);
        Assert.Equal("accepted", packml[0].GetProperty("result").GetString());
        Assert.StartsWith("refused (409)", packml[1].GetProperty("result").GetString());
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "worker.clock-out");
        Assert.Contains("packml.command", await (await manager.GetAsync("/api/v1/audit.csv")).Content.ReadAsStringAsync());
        Assert.True((await (await manager.GetAsync("/api/v1/audit/verify")).OkJsonAsync()).GetProperty("intact").GetBoolean());

        // Someone edits the stored trail behind the application's back.
        var sequence = packml[0].GetProperty("sequence").GetInt64();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "audit.db")};Pooling=False"))
        {
            await db.OpenAsync();
            var update = db.CreateCommand();
            update.CommandText = "UPDATE audit_trail SET result = 'refused' WHERE sequence = $s";
            update.Parameters.AddWithValue("$s", sequence);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var verify = await (await manager.GetAsync("/api/v1/audit/verify")).OkJsonAsync();
        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(sequence, verify.GetProperty("firstBrokenSequence").GetInt64());
    }
}
