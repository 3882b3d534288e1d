using Factory.Domain.Audit;
using Factory.Host.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/audit</c>: search, page, verify and export the append-only audit trail, and its anchor.</summary>
public static class AuditApi
{
    /// <summary>The most entries one <c>GET /audit</c> answers (#11, finding 7: the answer is bounded).</summary>
    public const int MaxPage = 10_000;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", Search)
            .WithTags("Audit").WithSummary("Audit entries in sequence order: ?from, ?to, ?user, ?action (prefix), ?limit (1 to 10,000), ?after (a sequence: the next page).");
        api.MapGet("/audit.csv", AuditCsv)
            .WithTags("Audit").WithSummary("The audit trail as CSV.");
        api.MapGet("/audit/anchor", Anchor)
            .WithTags("Audit").WithSummary("The newest entry's sequence and hash: record it elsewhere, and verify against it later.");
        api.MapGet("/audit/verify", Verify)
            .WithTags("Audit").WithSummary("Checks the whole hash chain against its anchor (and ?sequence&hash, an anchor recorded elsewhere): intact, or the first entry altered, removed or reordered, or truncated.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> Search(
        DateTimeOffset? from, DateTimeOffset? to, string? user, string? action, int? limit, long? after, IAuditStore store)
    {
        if (limit is < 1 or > MaxPage)
        {
            return Invalid("limit", $"limit is 1 to {MaxPage}");
        }

        if (after is < 0)
        {
            return Invalid("after", "after is a sequence number, 0 or more");
        }

        return TypedResults.Ok(await store.QueryAsync(new AuditQuery(from, to, user, action, limit ?? MaxPage, after)));
    }

    private static async Task<Results<Ok<AuditAnchor>, ProblemHttpResult>> Anchor(IAuditStore store, CancellationToken ct) =>
        await store.AnchorAsync(ct) is { } anchor
            ? TypedResults.Ok(anchor)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No anchor yet", detail: "the audit trail is empty");

    /// <summary>
    /// Streams the trail through <see cref="AuditChainVerifier"/> (constant memory, however long the trail). The store's
    /// anchor is read first, so entries appended while the check runs cannot look like a truncation.
    /// </summary>
    private static async Task<Results<Ok<AuditVerificationView>, ValidationProblem>> Verify(long? sequence, string? hash, IAuditStore store, CancellationToken ct)
    {
        if ((sequence is null) != string.IsNullOrEmpty(hash))
        {
            return Invalid("sequence", "an anchor is given as both sequence and hash, or not at all");
        }

        if (sequence is < 1 || hash is { Length: not 64 })
        {
            return Invalid("hash", "an anchor's sequence is 1 or more and its hash 64 hex digits");
        }

        var anchors = new List<AuditAnchor>();
        var stored = await store.AnchorAsync(ct);
        if (stored is not null)
        {
            anchors.Add(stored);
        }

        if (sequence is { } s)
        {
            anchors.Add(new AuditAnchor(s, hash!.ToLowerInvariant()));
        }

        var verifier = new AuditChainVerifier(anchors);
        await foreach (var entry in store.ReadAllAsync(ct))
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return TypedResults.Ok(AuditVerificationView.Of(verifier.Result(), stored));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<IResult> AuditCsv(DateTimeOffset? from, DateTimeOffset? to, string? user, string? action, IAuditStore store) =>
        TypedResults.Text(CsvExport.AuditTrail(await store.QueryAsync(new AuditQuery(from, to, user, action, 100_000))), "text/csv");
}
