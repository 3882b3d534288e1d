namespace Factory.Domain.Plant.Definition;

/// <summary>
/// A machine's job tags in the plant file (<c>"job": { "id": …, "product": …, "quantity": …, "program": …, "complete": …, "good": … }</c>),
/// each a NodeId or browse path: the host writes product, quantity and program, then the job id, and reads back the job the
/// PLC runs on the id tag, its job-complete flag and the good parts it made for the job.
/// </summary>
public sealed class JobTagsEntry
{
    public string? Id { get; set; }

    public string? Product { get; set; }

    public string? Quantity { get; set; }

    public string? Program { get; set; }

    public string? Complete { get; set; }

    public string? Good { get; set; }
}
