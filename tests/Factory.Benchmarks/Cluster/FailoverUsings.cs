// The failover run uses the end-to-end test support (host process, free ports, repository paths) and the cluster
// tests' PostgreSQL starter, linked from tests/Shared and tests/Factory.Cluster.Tests.
global using Factory.Testing;
