using Factory.Domain.Audit;
using Factory.Host.Audit;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/audit</c>: search, verify and export the append-only audit trail.</summary>
public static class AuditApi
{
    /// <summary>The most entries one <c>GET /audit</c> answers (#11, finding 7: the answer is bounded).</summary>
    public const int MaxPage = 10_000;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (DateTimeOffset? from, DateTimeOffset? to, string? user, string? action, int? limit, IAuditStore store) =>
                limit is < 1 or > MaxPage
                    ? CommandResults.Invalid("limit", $"limit is 1 to {MaxPage}")
                    : Results.Ok(await store.QueryAsync(new AuditQuery(from, to, user, action, limit ?? MaxPage))))
            .WithTags("Audit").WithSummary("Audit entries in sequence order: ?from, ?to, ?user, ?action (prefix), ?limit.");
        api.MapGet("/audit.csv", async (DateTimeOffset? from, DateTimeOffset? to, string? user, string? action, IAuditStore store) =>
                Results.Text(CsvExport.AuditTrail(await store.QueryAsync(new AuditQuery(from, to, user, action, 100_000))), "text/csv"))
            .WithTags("Audit").WithSummary("The audit trail as CSV.");
        api.MapGet("/audit/verify", async (IAuditStore store, CancellationToken ct) =>
            {
                var entries = new List<AuditEntry>();
                await foreach (var e in store.ReadAllAsync(ct))
                {
                    entries.Add(e);
                }

                var broken = AuditChain.Verify(entries);
                return Results.Ok(new { intact = broken is null, entries = entries.Count, firstBrokenSequence = broken });
            })
            .WithTags("Audit").WithSummary("Checks the whole hash chain: intact, or the first entry that was altered, removed or reordered.");
        return api;
    }
}
