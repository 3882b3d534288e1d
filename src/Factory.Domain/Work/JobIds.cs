using System.Globalization;

namespace Factory.Domain.Work;

/// <summary>How a job is named on the PLC: <c>WO-1001/20</c> is operation 20 of work order WO-1001.</summary>
public static class JobIds
{
    public static string Of(string workOrderId, int sequence) => string.Create(CultureInfo.InvariantCulture, $"{workOrderId}/{sequence}");
}
