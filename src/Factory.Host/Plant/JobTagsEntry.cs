namespace Factory.Host.Plant;

/// <summary>
/// A machine's job tags in the plant file (<c>"job": { "id": …, "product": …, "quantity": …, "program": …, "complete": … }</c>),
/// each a NodeId or browse path: the host writes product, quantity and program, then the job id, and reads back the job the
/// PLC runs on the id tag and its job-complete flag.
/// </summary>
public sealed class JobTagsEntry
{
    public string? Id { get; set; }

    public string? Product { get; set; }

    public string? Quantity { get; set; }

    public string? Program { get; set; }

    public string? Complete { get; set; }
}
