using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>The attribute and view services, split into requests that respect the server's operation limits.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>Reads attributes; results are in request order.</summary>
    public async Task<DataValue[]> ReadAsync(IReadOnlyList<ReadValueId> nodes, CancellationToken cancellationToken = default, TimestampsToReturn timestamps = TimestampsToReturn.Both)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var results = new List<DataValue>(nodes.Count);
        foreach (var batch in Batches(nodes, Limits.MaxNodesPerRead))
        {
            var response = await SendAsync<ReadResponse>(new ReadRequest { NodesToRead = batch, TimestampsToReturn = timestamps }, null, cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Length, batch.Length, "Read");
            results.AddRange(response.Results);
        }

        return [.. results];
    }

    /// <summary>Reads the Value attribute of each node.</summary>
    public Task<DataValue[]> ReadValuesAsync(IEnumerable<NodeId> nodes, CancellationToken cancellationToken = default) =>
        ReadAsync(nodes.Select(n => new ReadValueId { NodeId = n, AttributeId = Attributes.Value }).ToArray(), cancellationToken);

    /// <summary>Reads the Value attribute of one node.</summary>
    public async Task<DataValue> ReadValueAsync(NodeId node, CancellationToken cancellationToken = default) =>
        (await ReadValuesAsync([node], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Writes attributes; one status per write, in request order.</summary>
    public async Task<StatusCode[]> WriteAsync(IReadOnlyList<WriteValue> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var results = new List<StatusCode>(values.Count);
        foreach (var batch in Batches(values, Limits.MaxNodesPerWrite))
        {
            var response = await SendAsync<WriteResponse>(new WriteRequest { NodesToWrite = batch }, null, cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Length, batch.Length, "Write");
            results.AddRange(response.Results);
        }

        return [.. results];
    }

    /// <summary>Writes the Value attribute of one node.</summary>
    public async Task<StatusCode> WriteValueAsync(NodeId node, Variant value, CancellationToken cancellationToken = default) =>
        (await WriteAsync([new WriteValue { NodeId = node, AttributeId = Attributes.Value, Value = new DataValue(value) }], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Calls methods; one result per call.</summary>
    public async Task<CallMethodResult[]> CallAsync(IReadOnlyList<CallMethodRequest> calls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var results = new List<CallMethodResult>(calls.Count);
        foreach (var batch in Batches(calls, Limits.MaxNodesPerMethodCall))
        {
            var response = await SendAsync<CallResponse>(new CallRequest { MethodsToCall = batch }, null, cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Length, batch.Length, "Call");
            results.AddRange(response.Results);
        }

        return [.. results];
    }

    /// <summary>
    /// Browses each node and follows continuation points to the end (BrowseNext), releasing any that are left
    /// when a call fails. Returns all references per node.
    /// </summary>
    public async Task<ReferenceDescription[][]> BrowseAsync(IReadOnlyList<BrowseDescription> nodes, uint maxReferencesPerNode = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var all = new List<ReferenceDescription[]>(nodes.Count);
        foreach (var batch in Batches(nodes, Limits.MaxNodesPerBrowse))
        {
            var response = await SendAsync<BrowseResponse>(
                new BrowseRequest { NodesToBrowse = batch, RequestedMaxReferencesPerNode = maxReferencesPerNode, View = new ViewDescription() },
                null,
                cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Length, batch.Length, "Browse");
            var lists = response.Results.Select(r => new List<ReferenceDescription>(r.References)).ToArray();
            var pending = response.Results.Select((r, i) => (Index: i, r.ContinuationPoint, r.StatusCode)).ToList();
            foreach (var (index, _, status) in pending)
            {
                if (status.IsBad)
                {
                    throw new ServiceResultException(status, $"Browse of {batch[index].NodeId} failed");
                }
            }

            var open = pending.Where(p => p.ContinuationPoint is { Length: > 0 }).Select(p => (p.Index, Point: p.ContinuationPoint!)).ToList();
            try
            {
                while (open.Count > 0)
                {
                    var next = await SendAsync<BrowseNextResponse>(
                        new BrowseNextRequest { ContinuationPoints = open.Select(o => o.Point).ToArray(), ReleaseContinuationPoints = false },
                        null,
                        cancellationToken).ConfigureAwait(false);
                    CheckCount(next.Results.Length, open.Count, "BrowseNext");
                    var still = new List<(int Index, byte[] Point)>();
                    for (var i = 0; i < open.Count; i++)
                    {
                        var result = next.Results[i];
                        if (result.StatusCode.IsBad)
                        {
                            throw new ServiceResultException(result.StatusCode, "BrowseNext failed");
                        }

                        lists[open[i].Index].AddRange(result.References);
                        if (result.ContinuationPoint is { Length: > 0 } point)
                        {
                            still.Add((open[i].Index, point));
                        }
                    }

                    open = still;
                }
            }
            finally
            {
                if (open.Count > 0)
                {
                    await ReleaseContinuationPointsAsync(open.Select(o => o.Point).ToArray()).ConfigureAwait(false);
                }
            }

            all.AddRange(lists.Select(l => l.ToArray()));
        }

        return [.. all];
    }

    /// <summary>The forward hierarchical references of one node (children, components, organized nodes).</summary>
    public async Task<ReferenceDescription[]> BrowseAsync(NodeId node, CancellationToken cancellationToken = default) =>
        (await BrowseAsync(
            [new BrowseDescription { NodeId = node, BrowseDirection = BrowseDirection.Forward, ReferenceTypeId = new NodeId(33u), IncludeSubtypes = true, ResultMask = 63 }],
            0,
            cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Translates browse paths to node ids; one result per path.</summary>
    public async Task<BrowsePathResult[]> TranslateBrowsePathsAsync(IReadOnlyList<BrowsePath> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new List<BrowsePathResult>(paths.Count);
        foreach (var batch in Batches(paths, Limits.MaxNodesPerTranslateBrowsePaths))
        {
            var response = await SendAsync<TranslateBrowsePathsToNodeIdsResponse>(new TranslateBrowsePathsToNodeIdsRequest { BrowsePaths = batch }, null, cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Length, batch.Length, "TranslateBrowsePathsToNodeIds");
            results.AddRange(response.Results);
        }

        return [.. results];
    }

    /// <summary>
    /// Resolves a path of browse names (following hierarchical references) from <paramref name="start"/>, e.g.
    /// Objects → "2:Line1" → "2:Filler". Throws <see cref="ServiceResultException"/> when the path does not resolve.
    /// </summary>
    public async Task<NodeId> ResolvePathAsync(NodeId start, IReadOnlyList<QualifiedName> path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var browsePath = new BrowsePath
        {
            StartingNode = start,
            RelativePath = new RelativePath
            {
                Elements = path.Select(name => new RelativePathElement { ReferenceTypeId = new NodeId(33u), IncludeSubtypes = true, TargetName = name }).ToArray(),
            },
        };
        var result = (await TranslateBrowsePathsAsync([browsePath], cancellationToken).ConfigureAwait(false))[0];
        if (result.StatusCode.IsBad || result.Targets.Length == 0)
        {
            throw new ServiceResultException(result.StatusCode.IsBad ? result.StatusCode : new StatusCode(StatusCodes.BadNoMatch), $"Path {string.Join('/', path)} from {start} does not resolve");
        }

        var target = result.Targets[0].TargetId;
        if (target.ServerIndex != 0 || target.NamespaceUri is not null)
        {
            var index = NamespaceUris.ToList().IndexOf(target.NamespaceUri ?? string.Empty);
            return index < 0 ? target.NodeId : WithNamespace(target.NodeId, (ushort)index);
        }

        return target.NodeId;
    }

    private static NodeId WithNamespace(NodeId id, ushort ns) => id.IdType switch
    {
        NodeIdType.Numeric => new NodeId(id.NumericIdentifier, ns),
        NodeIdType.String => new NodeId((string)id.Identifier, ns),
        NodeIdType.Guid => new NodeId((Guid)id.Identifier, ns),
        _ => new NodeId((byte[])id.Identifier, ns),
    };

    private async Task ReleaseContinuationPointsAsync(byte[][] points)
    {
        try
        {
            await SendAsync<BrowseNextResponse>(new BrowseNextRequest { ContinuationPoints = points, ReleaseContinuationPoints = true }, TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ServiceResultException)
        {
            // Best effort: the server frees them with the session anyway.
        }
    }

    private static IEnumerable<T[]> Batches<T>(IReadOnlyList<T> items, int size)
    {
        if (items.Count == 0)
        {
            yield break;
        }

        size = size <= 0 ? items.Count : size;
        for (var i = 0; i < items.Count; i += size)
        {
            var batch = new T[Math.Min(size, items.Count - i)];
            for (var j = 0; j < batch.Length; j++)
            {
                batch[j] = items[i + j];
            }

            yield return batch;
        }
    }

    private static void CheckCount(int actual, int expected, string service)
    {
        if (actual != expected)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadUnexpectedError), $"{service} returned {actual} results for {expected} operations.");
        }
    }
}
