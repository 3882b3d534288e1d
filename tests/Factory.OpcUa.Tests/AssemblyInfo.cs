// The interop and fault tests measure real connections against real node-opcua servers (detection bounds, ten seconds
// without a gap); CPU-heavy property tests or a second server starting alongside only add scheduling noise on a
// two-core machine, so the collections of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
