namespace Factory.Connectivity;

/// <summary>
/// Where a machine's PLC takes its job (in the spirit of PackTags <c>ProductId</c>/<c>Parameter</c> and OPC 10031 ISA-95 job
/// control): the host writes the product, quantity and program, then the job id; the PLC reports the job it runs on the
/// same id tag and, optionally, a job-complete flag.
/// </summary>
/// <param name="Id">Written with the job id (<c>WO-1001/20</c>, "" to clear) and read back: the job the PLC runs.</param>
/// <param name="Complete">Read: true when the PLC finished its job.</param>
/// <param name="Good">
/// Read: good parts the PLC made for the job it runs (it starts again from zero when it takes a job). When mapped, a job's
/// parts are counted from it rather than from the machine's cumulative counter, so a part made just before the PLC took
/// the job is never credited to it.
/// </param>
public sealed record JobTags(
    TagReference? Id = null,
    TagReference? Product = null,
    TagReference? Quantity = null,
    TagReference? Program = null,
    TagReference? Complete = null,
    TagReference? Good = null)
{
    /// <summary>Every tag the host writes.</summary>
    public IEnumerable<TagReference> Written() => new[] { Id, Product, Quantity, Program }.OfType<TagReference>();
}
