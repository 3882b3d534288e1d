namespace Factory.Host.Cluster;

/// <summary>How the host's silo finds its peers and where it keeps state.</summary>
public enum ClusterMode
{
    /// <summary>One process: localhost clustering, grain state and audit trail in SQLite files. Nothing to install.</summary>
    Embedded,

    /// <summary>Several silos: membership and reminders in Redis, grain state and audit trail in PostgreSQL.</summary>
    Redis,

    /// <summary>
    /// Several silos on one PostgreSQL database and nothing else: membership, reminders and grain state through the
    /// Orleans ADO.NET providers (tables created on start), the audit trail and Data Protection keys beside them.
    /// </summary>
    Postgres,
}
