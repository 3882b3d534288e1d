-- Factory's tables for the Orleans ADO.NET providers on PostgreSQL (Factory:Cluster:Mode=Postgres): membership,
-- reminders and grain state. Run by the host on every start, before its silo starts; every statement can run again.
-- The providers issue only the queries stored in orleansquery, by key, with named parameters (@Name), and read the
-- answers by column name; the tables behind them are ours. Writes that must happen together are single statements
-- (data-modifying CTEs), so a refused conditional write changes nothing.

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);

-- One version row per cluster: every membership change raises it, so concurrent changes conflict instead of mixing.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deploymentid varchar(150) PRIMARY KEY,
    stamp timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deploymentid varchar(150) NOT NULL REFERENCES orleans_membership_version (deploymentid),
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    siloname varchar(150) NOT NULL,
    hostname varchar(150) NOT NULL,
    status integer NOT NULL,
    proxyport integer,
    suspecttimes varchar(8000),
    starttime timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

CREATE TABLE IF NOT EXISTS orleans_reminders (
    serviceid varchar(150) NOT NULL,
    grainid varchar(150) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime timestamptz NOT NULL,
    period bigint NOT NULL,
    grainhash integer NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_hash ON orleans_reminders (serviceid, grainhash);

CREATE TABLE IF NOT EXISTS orleans_storage (
    grainidhash integer NOT NULL,
    grainidn0 bigint NOT NULL,
    grainidn1 bigint NOT NULL,
    graintypehash integer NOT NULL,
    graintypestring varchar(512) NOT NULL,
    grainidextensionstring varchar(512),
    serviceid varchar(150) NOT NULL,
    payloadbinary bytea,
    payloadxml text,
    payloadjson text,
    modifiedon timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL
);

-- One row per grain: a second first write of the same grain (two activations racing) conflicts instead of duplicating.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_storage_grain ON orleans_storage
    (serviceid, graintypehash, grainidhash, grainidn0, grainidn1, graintypestring, (coalesce(grainidextensionstring, '')));

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Membership ---------------------------------------------------------------------------------------------------
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deploymentid) VALUES (@DeploymentId) ON CONFLICT DO NOTHING RETURNING 1)
SELECT count(*)::integer AS row_count FROM inserted
$q$),

('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version SET version = version + 1, stamp = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership
                      WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
inserted AS (
    INSERT INTO orleans_membership (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
    RETURNING 1)
SELECT count(*)::integer AS row_count FROM inserted
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version SET version = version + 1, stamp = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership
                  WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
updated AS (
    UPDATE orleans_membership m SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
    FROM bumped b
    WHERE m.deploymentid = b.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*)::integer AS row_count FROM updated
$q$),

('MembershipReadRowKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport, m.suspecttimes,
       m.starttime, m.iamalivetime, v.version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deploymentid = v.deploymentid
     AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport, m.suspecttimes,
       m.starttime, m.iamalivetime, v.version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership WHERE deploymentid = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deploymentid = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT address, proxyport, generation FROM orleans_membership
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
$q$),

-- Dead and never-heard-of silos older than the given time; never an active one (status 3).
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3
$q$),

-- Reminders ----------------------------------------------------------------------------------------------------
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, CAST(@Period AS bigint), @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
    SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
        version = orleans_reminders.version + 1
RETURNING version
$q$),

('ReadReminderRowsKey', $q$
SELECT grainid, remindername, starttime, period, version FROM orleans_reminders
WHERE serviceid = @ServiceId AND grainid = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grainid, remindername, starttime, period, version FROM orleans_reminders
WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
$q$),

('ReadRangeRows1Key', $q$
SELECT grainid, remindername, starttime, period, version FROM orleans_reminders
WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grainid, remindername, starttime, period, version FROM orleans_reminders
WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = CAST(@Version AS integer)
    RETURNING 1)
SELECT count(*)::integer AS row_count FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE serviceid = @ServiceId
$q$),

-- Grain state --------------------------------------------------------------------------------------------------
-- Answers the new version, or the one given when the write was refused (another activation wrote first). The
-- provider sends the state serialized as @PayloadBinary only; payloadjson and payloadxml stay empty.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payloadbinary = CAST(@PayloadBinary AS bytea), modifiedon = now(), version = version + 1
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL AND version = CAST(@GrainStateVersion AS integer)
      AND serviceid = @ServiceId AND graintypehash = @GrainTypeHash AND grainidhash = @GrainIdHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid,
                                 payloadbinary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, CAST(@GrainIdExtensionString AS varchar), @ServiceId,
           CAST(@PayloadBinary AS bytea), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT (serviceid, graintypehash, grainidhash, grainidn0, grainidn1, graintypestring, (coalesce(grainidextensionstring, '')))
    DO NOTHING
    RETURNING version)
SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), CAST(@GrainStateVersion AS integer)) AS newgrainstateversion
$q$),

('ReadFromStorageKey', $q$
SELECT payloadbinary, payloadxml, payloadjson, now() AS readon, version FROM orleans_storage
WHERE serviceid = @ServiceId AND graintypehash = @GrainTypeHash AND grainidhash = @GrainIdHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND coalesce(grainidextensionstring, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
$q$),

('ClearStorageKey', $q$
UPDATE orleans_storage SET payloadbinary = NULL, payloadjson = NULL, payloadxml = NULL, modifiedon = now(), version = version + 1
WHERE version = CAST(@GrainStateVersion AS integer)
  AND serviceid = @ServiceId AND graintypehash = @GrainTypeHash AND grainidhash = @GrainIdHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND coalesce(grainidextensionstring, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
RETURNING version AS newgrainstateversion
$q$),

('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_storage
    WHERE version = CAST(@GrainStateVersion AS integer)
      AND serviceid = @ServiceId AND graintypehash = @GrainTypeHash AND grainidhash = @GrainIdHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
    RETURNING version)
SELECT (SELECT version FROM deleted) AS newgrainstateversion
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
