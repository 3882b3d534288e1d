using Factory.Domain.Audit;

namespace Factory.Host.Audit;

/// <summary>The answer of <c>GET /audit/verify</c>: the verdict and the store's anchor it was checked against.</summary>
public sealed record AuditVerificationView(bool Intact, long Entries, long? FirstBrokenSequence, bool Truncated, string? Problem, AuditAnchor? Anchor)
{
    public static AuditVerificationView Of(AuditVerification v, AuditAnchor? anchor) =>
        new(v.Intact, v.Entries, v.FirstBrokenSequence, v.Truncated, v.Problem, anchor);
}
