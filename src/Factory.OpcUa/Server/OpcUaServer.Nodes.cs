using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>Attribute and view services: Read, Write, Browse, BrowseNext, TranslateBrowsePathsToNodeIds.</summary>
public sealed partial class OpcUaServer
{
    private IServiceResponse Read(ServerSession session, ReadRequest request)
    {
        if (TooMany(request.NodesToRead.Length) is { } status)
        {
            return new ReadResponse { ResponseHeader = Header(request, status) };
        }

        var results = new DataValue[request.NodesToRead.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = ReadAttribute(request.NodesToRead[i], request.TimestampsToReturn, MayWrite(session));
        }

        return new ReadResponse { ResponseHeader = Header(request), Results = results };
    }

    /// <summary>Anonymous sessions change nothing unless the server allows it: only a logged-in user is accountable.</summary>
    private bool MayWrite(ServerSession session) => session.UserName is not null || _options.AllowAnonymousWrites;

    private DataValue ReadAttribute(ReadValueId item, TimestampsToReturn timestamps, bool mayWrite)
    {
        if (!AddressSpace.TryGetNode(item.NodeId, out var node))
        {
            return new DataValue(Variant.Null, new StatusCode(StatusCodes.BadNodeIdUnknown));
        }

        var variable = node as VariableNode;
        if (item.AttributeId == Attributes.Value)
        {
            if (variable is null)
            {
                return new DataValue(Variant.Null, new StatusCode(StatusCodes.BadAttributeIdInvalid));
            }

            if (!string.IsNullOrEmpty(item.IndexRange))
            {
                return new DataValue(Variant.Null, new StatusCode(StatusCodes.BadIndexRangeInvalid));
            }

            var value = variable.Value;
            return timestamps switch
            {
                TimestampsToReturn.Source => new DataValue(value.Value, value.StatusCode, value.SourceTimestamp),
                TimestampsToReturn.Server => new DataValue(value.Value, value.StatusCode, default, value.ServerTimestamp),
                TimestampsToReturn.Neither => new DataValue(value.Value, value.StatusCode),
                _ => value,
            };
        }

        Variant? attribute = item.AttributeId switch
        {
            Attributes.NodeId => new Variant(node.NodeId),
            Attributes.NodeClass => new Variant((int)node.NodeClass),
            Attributes.BrowseName => new Variant(node.BrowseName),
            Attributes.DisplayName => new Variant(node.DisplayName),
            Attributes.Description => new Variant(new LocalizedText(string.Empty)),
            Attributes.WriteMask or Attributes.UserWriteMask => new Variant(0u),
            Attributes.EventNotifier when variable is null => new Variant((byte)0),
            Attributes.DataType when variable is not null => new Variant(variable.DataType),
            Attributes.ValueRank when variable is not null => new Variant(variable.ValueRank),
            Attributes.ArrayDimensions when variable is not null => variable.ValueRank < 0 ? Variant.Null : new Variant(BuiltInType.UInt32, new uint[] { 0 }),
            Attributes.AccessLevel when variable is not null => new Variant(variable.AccessLevel),
            Attributes.UserAccessLevel when variable is not null => new Variant(mayWrite ? variable.AccessLevel : (byte)(variable.AccessLevel & ~VariableNode.CurrentWrite)),
            Attributes.MinimumSamplingInterval when variable is not null => new Variant(0d),
            Attributes.Historizing when variable is not null => new Variant(false),
            _ => null,
        };
        return attribute is { } v
            ? new DataValue(v)
            : new DataValue(Variant.Null, new StatusCode(StatusCodes.BadAttributeIdInvalid));
    }

    private IServiceResponse Write(ServerSession session, WriteRequest request)
    {
        if (TooMany(request.NodesToWrite.Length) is { } status)
        {
            return new WriteResponse { ResponseHeader = Header(request, status) };
        }

        var results = new StatusCode[request.NodesToWrite.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = WriteAttribute(request.NodesToWrite[i], MayWrite(session));
        }

        return new WriteResponse { ResponseHeader = Header(request), Results = results };
    }

    private StatusCode WriteAttribute(WriteValue item, bool mayWrite)
    {
        if (!AddressSpace.TryGetNode(item.NodeId, out var node))
        {
            return new StatusCode(StatusCodes.BadNodeIdUnknown);
        }

        if (item.AttributeId != Attributes.Value)
        {
            return new StatusCode(item.AttributeId is >= Attributes.NodeId and <= 27 ? StatusCodes.BadNotWritable : StatusCodes.BadAttributeIdInvalid);
        }

        if (node is not VariableNode variable || (variable.AccessLevel & VariableNode.CurrentWrite) == 0)
        {
            return new StatusCode(StatusCodes.BadNotWritable);
        }

        if (!mayWrite)
        {
            return new StatusCode(StatusCodes.BadUserAccessDenied);
        }

        if (!string.IsNullOrEmpty(item.IndexRange))
        {
            return new StatusCode(StatusCodes.BadIndexRangeInvalid);
        }

        var value = item.Value.Value;
        if (value.Type != variable.BuiltInType || value.IsArray)
        {
            return new StatusCode(StatusCodes.BadTypeMismatch);
        }

        if (variable.WriteHandler is { } handler)
        {
            try
            {
                return handler(variable, value);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                return new StatusCode(StatusCodes.BadInternalError);
            }
        }

        variable.SetValue(value, item.Value.SourceTimestamp == default ? _time.GetUtcNow().UtcDateTime : item.Value.SourceTimestamp);
        return StatusCode.Good;
    }

    private IServiceResponse Browse(ServerSession session, BrowseRequest request)
    {
        if (TooMany(request.NodesToBrowse.Length) is { } status)
        {
            return new BrowseResponse { ResponseHeader = Header(request, status) };
        }

        var results = new BrowseResult[request.NodesToBrowse.Length];
        for (var i = 0; i < results.Length; i++)
        {
            var description = request.NodesToBrowse[i];
            if (!AddressSpace.TryGetNode(description.NodeId, out var node))
            {
                results[i] = new BrowseResult { StatusCode = new StatusCode(StatusCodes.BadNodeIdUnknown) };
                continue;
            }

            if (description.BrowseDirection is not (BrowseDirection.Forward or BrowseDirection.Inverse or BrowseDirection.Both))
            {
                results[i] = new BrowseResult { StatusCode = new StatusCode(StatusCodes.BadBrowseDirectionInvalid) };
                continue;
            }

            var references = node.References
                .Where(r => description.BrowseDirection == BrowseDirection.Both || r.IsForward == (description.BrowseDirection == BrowseDirection.Forward))
                .Where(r => ReferenceTypes.Matches(r.ReferenceTypeId, description.ReferenceTypeId, description.IncludeSubtypes))
                .Select(Describe)
                .Where(d => description.NodeClassMask == 0 || d.NodeClass == NodeClass.Unspecified || ((uint)d.NodeClass & description.NodeClassMask) != 0)
                .ToArray();
            results[i] = Page(session, references, request.RequestedMaxReferencesPerNode);
        }

        return new BrowseResponse { ResponseHeader = Header(request), Results = results };
    }

    private IServiceResponse BrowseNext(ServerSession session, BrowseNextRequest request)
    {
        var results = new BrowseResult[request.ContinuationPoints.Length];
        lock (_gate)
        {
            for (var i = 0; i < results.Length; i++)
            {
                var key = request.ContinuationPoints[i] is { } bytes ? Convert.ToBase64String(bytes) : string.Empty;
                if (!session.ContinuationPoints.Remove(key, out var point))
                {
                    results[i] = new BrowseResult { StatusCode = new StatusCode(StatusCodes.BadContinuationPointInvalid) };
                    continue;
                }

                results[i] = request.ReleaseContinuationPoints ? new BrowseResult() : PageLocked(session, point.Remaining, point.MaxPerNode);
            }
        }

        return new BrowseNextResponse { ResponseHeader = Header(request), Results = results };
    }

    private BrowseResult Page(ServerSession session, ReferenceDescription[] references, uint maxPerNode)
    {
        lock (_gate)
        {
            return PageLocked(session, references, maxPerNode);
        }
    }

    private static BrowseResult PageLocked(ServerSession session, ReferenceDescription[] references, uint maxPerNode)
    {
        if (maxPerNode == 0 || references.Length <= maxPerNode)
        {
            return new BrowseResult { References = references };
        }

        if (session.ContinuationPoints.Count >= ServerSession.MaxContinuationPoints)
        {
            return new BrowseResult { StatusCode = new StatusCode(StatusCodes.BadNoContinuationPoints) };
        }

        var point = Guid.NewGuid().ToByteArray();
        session.ContinuationPoints[Convert.ToBase64String(point)] = new ServerSession.ContinuationPoint(references[(int)maxPerNode..], maxPerNode);
        return new BrowseResult { References = references[..(int)maxPerNode], ContinuationPoint = point };
    }

    private ReferenceDescription Describe(NodeReference reference)
    {
        if (!AddressSpace.TryGetNode(reference.TargetId, out var target))
        {
            // Type definitions are not modelled as nodes; they are still named so clients can show them.
            return new ReferenceDescription
            {
                ReferenceTypeId = reference.ReferenceTypeId,
                IsForward = reference.IsForward,
                NodeId = reference.TargetId,
                BrowseName = new QualifiedName(reference.TargetId.ToString()),
                DisplayName = new LocalizedText(reference.TargetId.ToString()),
                NodeClass = reference.ReferenceTypeId.NumericIdentifier == ReferenceTypes.HasTypeDefinition && reference.ReferenceTypeId.NamespaceIndex == 0
                    ? NodeClass.ObjectType
                    : NodeClass.Unspecified,
                TypeDefinition = ExpandedNodeId.Null,
            };
        }

        return new ReferenceDescription
        {
            ReferenceTypeId = reference.ReferenceTypeId,
            IsForward = reference.IsForward,
            NodeId = target.NodeId,
            BrowseName = target.BrowseName,
            DisplayName = target.DisplayName,
            NodeClass = target.NodeClass,
            TypeDefinition = target.NodeClass is NodeClass.Object or NodeClass.Variable ? target.TypeDefinition : ExpandedNodeId.Null,
        };
    }

    private IServiceResponse Translate(TranslateBrowsePathsToNodeIdsRequest request)
    {
        if (TooMany(request.BrowsePaths.Length) is { } status)
        {
            return new TranslateBrowsePathsToNodeIdsResponse { ResponseHeader = Header(request, status) };
        }

        var results = new BrowsePathResult[request.BrowsePaths.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = TranslatePath(request.BrowsePaths[i]);
        }

        return new TranslateBrowsePathsToNodeIdsResponse { ResponseHeader = Header(request), Results = results };
    }

    private BrowsePathResult TranslatePath(BrowsePath path)
    {
        if (!AddressSpace.TryGetNode(path.StartingNode, out var start))
        {
            return new BrowsePathResult { StatusCode = new StatusCode(StatusCodes.BadNodeIdUnknown) };
        }

        var elements = path.RelativePath.Elements;
        if (elements.Length == 0)
        {
            return new BrowsePathResult { StatusCode = new StatusCode(StatusCodes.BadNothingToDo) };
        }

        var current = new List<UaNode> { start };
        foreach (var element in elements)
        {
            if (string.IsNullOrEmpty(element.TargetName.Name))
            {
                return new BrowsePathResult { StatusCode = new StatusCode(StatusCodes.BadBrowseNameInvalid) };
            }

            var referenceType = element.ReferenceTypeId.IsNull ? new NodeId(ReferenceTypes.HierarchicalReferences) : element.ReferenceTypeId;
            var includeSubtypes = element.ReferenceTypeId.IsNull || element.IncludeSubtypes;
            var next = new List<UaNode>();
            foreach (var node in current)
            {
                foreach (var reference in node.References)
                {
                    if (reference.IsForward != element.IsInverse
                        && ReferenceTypes.Matches(reference.ReferenceTypeId, referenceType, includeSubtypes)
                        && AddressSpace.TryGetNode(reference.TargetId, out var target)
                        && target.BrowseName == element.TargetName)
                    {
                        next.Add(target);
                    }
                }
            }

            if (next.Count == 0)
            {
                return new BrowsePathResult { StatusCode = new StatusCode(StatusCodes.BadNoMatch) };
            }

            current = next;
        }

        return new BrowsePathResult
        {
            Targets = [.. current.Select(n => new BrowsePathTarget { TargetId = n.NodeId, RemainingPathIndex = uint.MaxValue })],
        };
    }

    private uint? TooMany(int count) =>
        count == 0 ? StatusCodes.BadNothingToDo : count > _options.MaxNodesPerOperation ? StatusCodes.BadTooManyOperations : null;
}
