namespace Factory.Host.Audit;

/// <summary>Where the embedded audit trail keeps its SQLite file (next to the grain storage file).</summary>
public sealed class AuditStoreOptions
{
    public string DatabasePath { get; set; } = "data/audit.db";
}
