using System.Collections.Immutable;
using Factory.Domain.People;
using Factory.Domain.Plant;
using Factory.Domain.Work;

namespace Factory.Domain.Tests.Work;

public sealed class AssignmentRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly MachineDefinition Mill = new("M1", "S", "L", "Mill", ["mill"], TimeSpan.FromSeconds(10));

    private static readonly Operation Milling = new(10, "Mill", "mill", "machining", 2, TimeSpan.FromMinutes(15), []);

    private static readonly WorkOrder Order = new("WO-1", "S", "Shaft", 10, Now.AddHours(8), 1, [Milling]);

    private static Worker Worker(int level = 3, bool clockedIn = true, DateTimeOffset? certUntil = null, string site = "S") =>
        new("W1", site, "Ana", ImmutableDictionary<string, int>.Empty.Add("machining", level),
            [new Certification("machining", certUntil ?? Now.AddDays(30))], "A", clockedIn);

    [Fact]
    public void A_capable_available_machine_and_a_qualified_clocked_in_worker_are_accepted() =>
        Assert.Null(AssignmentRule.Check(Order, Milling, Mill, null, Worker(), Now));

    [Fact]
    public void Each_broken_rule_is_refused_as_a_conflict_naming_it()
    {
        var drill = Mill with { Id = "D1", Capabilities = ["drill"] };
        AssertRefused("lacks capability 'mill'", AssignmentRule.Check(Order, Milling, drill, null, Worker(), Now));
        AssertRefused("not available: it is Aborted", AssignmentRule.Check(Order, Milling, Mill, "it is Aborted", Worker(), Now));
        AssertRefused("not clocked in", AssignmentRule.Check(Order, Milling, Mill, null, Worker(clockedIn: false), Now));
        AssertRefused("below the required 2", AssignmentRule.Check(Order, Milling, Mill, null, Worker(level: 1), Now));
        AssertRefused("expired", AssignmentRule.Check(Order, Milling, Mill, null, Worker(certUntil: Now.AddDays(-1)), Now));
        AssertRefused("belongs to site", AssignmentRule.Check(Order, Milling, Mill, null, Worker(site: "other"), Now));
        var restricted = Milling with { AllowedMachines = ["M9"] };
        AssertRefused("may not run on machine M1", AssignmentRule.Check(Order, restricted, Mill, null, Worker(), Now));
        var done = Milling with { Status = OperationStatus.Completed };
        AssertRefused("already completed", AssignmentRule.Check(Order, done, Mill, null, Worker(), Now));
    }

    [Fact]
    public void Work_order_validation_lists_every_problem()
    {
        var bad = Order with { Quantity = 0, Product = "", Operations = [Milling, Milling with { StandardDuration = TimeSpan.Zero }] };
        var problems = WorkOrderRules.Validate(bad);
        Assert.Contains(problems, p => p.Contains("quantity"));
        Assert.Contains(problems, p => p.Contains("product"));
        Assert.Contains(problems, p => p.Contains("strictly increasing"));
        Assert.Contains(problems, p => p.Contains("positive standard duration"));
        Assert.Empty(WorkOrderRules.Validate(Order));
    }

    private static void AssertRefused(string expected, Refusal? refusal)
    {
        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains(expected, refusal.Reason);
    }
}
