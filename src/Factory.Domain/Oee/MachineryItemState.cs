namespace Factory.Domain.Oee;

/// <summary>The OPC 40001-1 (OPC UA for Machinery) MachineryItemState, for machines that publish it instead of PackML.</summary>
public enum MachineryItemState
{
    NotAvailable = 0,
    OutOfService = 1,
    NotExecuting = 2,
    Executing = 3,
}
