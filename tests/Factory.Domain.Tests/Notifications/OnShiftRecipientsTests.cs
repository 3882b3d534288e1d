using System.Collections.Immutable;
using Factory.Domain.Notifications;
using Factory.Domain.People;
using Xunit;

namespace Factory.Domain.Tests.Notifications;

public class OnShiftRecipientsTests
{
    private static NotificationMessage To(NotificationChannel channel, string address) =>
        new("a@1", "rule", 0, new NotificationRecipient(channel, address), "subject", "body");

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static WorkerOnShift Worker(string id, string? email, bool clockedIn, string skill, int level, int certifiedForDays = 30) => new(
        new Worker(id, "S1", id, ImmutableDictionary.Create<string, int>(StringComparer.OrdinalIgnoreCase).Add(skill, level),
            [new Certification(skill, Now.AddDays(certifiedForDays))], "Day", clockedIn), email);

    private static readonly WorkerOnShift[] Workers =
    [
        Worker("W01", "ana@plant.example", true, "Electrician", 3),
        Worker("W02", "bo@plant.example", false, "electrician", 5),
        Worker("W03", null, true, "electrician", 2),
        Worker("W04", "cy@plant.example", true, "welding", 2),
        Worker("W05", "dee@plant.example", true, "electrician", 4, certifiedForDays: -1),
    ];

    [Fact]
    public void The_skilled_workers_clocked_in_with_an_email_are_told()
    {
        var (messages, unresolved) = OnShiftRecipients.Resolve([To(NotificationChannel.OnShift, "electrician"), To(NotificationChannel.Email, "lead@plant.example")], Workers, Now);
        Assert.Empty(unresolved);
        Assert.Equal(["lead@plant.example", "ana@plant.example"], messages.Select(m => m.To.Address));
        Assert.All(messages, m => Assert.Equal(NotificationChannel.Email, m.To.Channel));
    }

    [Fact]
    public void An_address_already_told_is_not_told_twice_and_a_skill_nobody_on_shift_has_is_named()
    {
        var (messages, unresolved) = OnShiftRecipients.Resolve(
            [To(NotificationChannel.Email, "cy@plant.example"), To(NotificationChannel.OnShift, "welding"), To(NotificationChannel.OnShift, "painting")], Workers, Now);
        Assert.Equal(["cy@plant.example"], messages.Select(m => m.To.Address));
        Assert.Equal(["painting"], unresolved);
    }

    [Fact]
    public void A_worker_whose_certification_expired_is_not_the_certified_electrician_on_shift()
    {
        var (messages, _) = OnShiftRecipients.Resolve([To(NotificationChannel.OnShift, "electrician")], Workers, Now);
        Assert.DoesNotContain(messages, m => m.To.Address == "dee@plant.example");
        var (later, unresolved) = OnShiftRecipients.Resolve([To(NotificationChannel.OnShift, "electrician")], Workers, Now.AddDays(31));
        Assert.Empty(later);
        Assert.Equal(["electrician"], unresolved);
    }
}
