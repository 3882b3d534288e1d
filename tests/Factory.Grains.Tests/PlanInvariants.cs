using Factory.Contracts.Views;

namespace Factory.Grains.Tests;

/// <summary>What every plan must satisfy, checked on the plan the grain exposes.</summary>
internal static class PlanInvariants
{
    public static void Hold(PlanView plan, PlantBuilder plant)
    {
        foreach (var byMachine in plan.Operations.GroupBy(o => o.MachineId))
        {
            NoOverlap(byMachine.OrderBy(o => o.Start).ToList(), $"machine {byMachine.Key}");
        }

        foreach (var byWorker in plan.Operations.Where(o => o.WorkerId is not null).GroupBy(o => o.WorkerId))
        {
            NoOverlap(byWorker.OrderBy(o => o.Start).ToList(), $"worker {byWorker.Key}");
        }

        foreach (var byOrder in plan.Operations.GroupBy(o => o.WorkOrderId))
        {
            var ops = byOrder.OrderBy(o => o.Sequence).ToList();
            for (var i = 1; i < ops.Count; i++)
            {
                Assert.True(ops[i].Start >= ops[i - 1].End, $"{byOrder.Key} op {ops[i].Sequence} starts before op {ops[i - 1].Sequence} ends");
            }
        }

        foreach (var op in plan.Operations)
        {
            var machine = op.MachineId[(plant.Prefix.Length + 1)..];
            var worker = op.WorkerId![(plant.Prefix.Length + 1)..];
            var capability = op.Sequence == 20 ? "d" : "m";
            Assert.StartsWith(capability, machine);
            Assert.Contains(worker, op.Sequence == 20 ? new[] { "cat" } : ["ana", "ben"]);
        }
    }

    private static void NoOverlap(List<PlannedOperationView> ops, string what)
    {
        for (var i = 1; i < ops.Count; i++)
        {
            Assert.True(ops[i].Start >= ops[i - 1].End, $"{what} runs {ops[i - 1].WorkOrderId}#{ops[i - 1].Sequence} and {ops[i].WorkOrderId}#{ops[i].Sequence} at once");
        }
    }
}
