namespace Factory.Contracts.Grains;

/// <summary>
/// Who runs the connector of a plant endpoint, so that in a cluster exactly one host subscribes to a PLC. A host
/// holds the lease while it renews it; when it stops renewing (its silo died), the lease expires and another host
/// takes it. Keyed by endpoint id.
/// </summary>
public interface IEndpointLeaseGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes or renews the lease for <paramref name="duration"/> from now. True when <paramref name="holder"/> holds
    /// it afterwards; false while another holder's lease runs.
    /// </summary>
    Task<bool> Hold(string holder, TimeSpan duration);

    /// <summary>Gives the lease up early (a host shutting down), so another host need not wait for it to expire.</summary>
    Task Release(string holder);

    /// <summary>The current holder; null when nobody holds an unexpired lease.</summary>
    Task<string?> GetHolder();

    /// <summary>
    /// The holder offers the writer of its connector, so other hosts can send PLC writes through it. Kept in memory
    /// only (an observer lives as long as its host): the holder offers it again with every renewal. Ignored when
    /// <paramref name="holder"/> does not hold the lease.
    /// </summary>
    Task Offer(string holder, IEndpointWriter writer);

    /// <summary>The current holder's writer; null when nobody holds the lease or the holder has not offered one yet.</summary>
    Task<IEndpointWriter?> GetWriter();
}
