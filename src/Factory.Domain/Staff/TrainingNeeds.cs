using Factory.Domain.People;
using Factory.Domain.Work;

namespace Factory.Domain.Staff;

/// <summary>The training-needs view: operations held up for lack of people, and certifications about to expire.</summary>
public static class TrainingNeeds
{
    /// <summary>
    /// Pending operations (of orders not done) that need a skill no clocked-in worker of the order's site can
    /// provide at <paramref name="now"/>, most urgent order first.
    /// </summary>
    public static IReadOnlyList<TrainingNeed> HeldUpOperations(IEnumerable<WorkOrder> orders, IEnumerable<Worker> workers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(workers);
        var staff = workers.Where(w => w is not null).ToList();
        var needs = new List<TrainingNeed>();
        foreach (var order in orders.Where(o => o is not null && !o.IsClosed))
        {
            var siteStaff = staff.Where(w => string.Equals(w.SiteId, order.SiteId, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var operation in order.Operations.Where(o => o.Status is OperationStatus.Pending or OperationStatus.Ready or OperationStatus.Interrupted && !string.IsNullOrEmpty(o.Skill)))
            {
                var qualified = siteStaff.Where(w => WorkerQualification.WhyNotQualified(w, operation.Skill, operation.MinSkillLevel, now) is null).ToList();
                if (qualified.Any(w => w.ClockedIn))
                {
                    continue;
                }

                var nearly = siteStaff
                    .Where(w => w.SkillLevel(operation.Skill!) > 0 && !qualified.Contains(w))
                    .Select(w => w.Id)
                    .Order(StringComparer.OrdinalIgnoreCase)
                    .ToImmutableArray();
                needs.Add(new TrainingNeed(
                    order.Id, operation.Sequence, operation.Skill!, operation.MinSkillLevel,
                    qualified.Count == 0 ? TrainingNeedKind.Unassignable : TrainingNeedKind.Delayed,
                    order.DueDate, qualified.Count, nearly));
            }
        }

        return needs.OrderBy(n => n.DueDate).ThenBy(n => n.WorkOrderId, StringComparer.Ordinal).ThenBy(n => n.OperationSequence).ToList();
    }

    /// <summary>Certifications still valid at <paramref name="now"/> that expire within <paramref name="days"/> days, soonest first.</summary>
    public static IReadOnlyList<ExpiringCertification> ExpiringWithin(IEnumerable<Worker> workers, DateTimeOffset now, int days)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var limit = now.AddDays(Math.Min(days, 36_500));
        return workers
            .Where(w => w is not null && !w.Certifications.IsDefault)
            .SelectMany(w => w.Certifications
                .Where(c => c.IsValidAt(now) && c.ValidUntil <= limit)
                .Select(c => new ExpiringCertification(w.Id, w.Name, c.Skill, c.ValidUntil, (int)Math.Floor((c.ValidUntil - now).TotalDays))))
            .OrderBy(c => c.ValidUntil)
            .ThenBy(c => c.WorkerId, StringComparer.Ordinal)
            .ToList();
    }
}
