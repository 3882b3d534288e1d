using Factory.Domain.Limits;

namespace Factory.Domain.Work;

/// <summary>Validation of new work orders.</summary>
public static class WorkOrderRules
{
    /// <summary>The most operations one work order may have.</summary>
    public const int MaxOperations = 200;

    /// <summary>Every problem with a proposed work order; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(WorkOrder order)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(order.Id))
        {
            problems.Add("id is required");
        }

        if (string.IsNullOrWhiteSpace(order.Product))
        {
            problems.Add("product is required");
        }

        if (order.Quantity <= 0)
        {
            problems.Add("quantity must be positive");
        }

        if (TextLimits.CheckId(order.Id, "id") is { } badId && !string.IsNullOrWhiteSpace(order.Id))
        {
            problems.Add(badId);
        }

        if (TextLimits.CheckLength(order.Product, "product", TextLimits.NameLength) is { } longProduct)
        {
            problems.Add(longProduct);
        }

        if (TimeLimits.Check(order.DueDate, "dueDate") is { } badDue)
        {
            problems.Add(badDue);
        }

        if (order.Operations.IsDefaultOrEmpty)
        {
            problems.Add("a work order needs at least one operation");
            return problems;
        }

        if (order.Operations.Length > MaxOperations)
        {
            problems.Add($"a work order has at most {MaxOperations} operations");
        }

        var previous = 0;
        foreach (var op in order.Operations)
        {
            if (op.Sequence <= previous)
            {
                problems.Add($"operation sequences must be positive and strictly increasing (found {op.Sequence} after {previous})");
            }

            previous = op.Sequence;
            if (string.IsNullOrWhiteSpace(op.Capability))
            {
                problems.Add($"operation {op.Sequence} needs a capability");
            }

            if (op.StandardDuration <= TimeSpan.Zero)
            {
                problems.Add($"operation {op.Sequence} needs a positive standard duration");
            }
            else if (op.StandardDuration > DurationLimits.LongestOperation)
            {
                problems.Add($"operation {op.Sequence}: a standard duration is at most {DurationLimits.LongestOperation.TotalDays:0} days");
            }

            if (op.MinSkillLevel < 0)
            {
                problems.Add($"operation {op.Sequence} has a negative skill level");
            }

            problems.AddRange(new[]
            {
                TextLimits.CheckLength(op.Name, $"operation {op.Sequence}: name", TextLimits.NameLength),
                TextLimits.CheckLength(op.Program, $"operation {op.Sequence}: program", TextLimits.NameLength),
                TextLimits.CheckLength(op.Instructions, $"operation {op.Sequence}: instructions", TextLimits.NoteLength),
                TextLimits.CheckLink(op.InstructionsUrl, $"operation {op.Sequence}: instructionsUrl"),
            }.OfType<string>());
        }

        return problems;
    }
}
