using Factory.Domain.Notifications;
using Xunit;

namespace Factory.Domain.Tests.Notifications;

public class OnShiftRecipientsTests
{
    private static NotificationMessage To(NotificationChannel channel, string address) =>
        new("a@1", "rule", 0, new NotificationRecipient(channel, address), "subject", "body");

    private static readonly WorkerOnShift[] Workers =
    [
        new("W01", "ana@plant.example", true, new Dictionary<string, int> { ["Electrician"] = 3 }),
        new("W02", "bo@plant.example", false, new Dictionary<string, int> { ["electrician"] = 5 }),
        new("W03", null, true, new Dictionary<string, int> { ["electrician"] = 2 }),
        new("W04", "cy@plant.example", true, new Dictionary<string, int> { ["welding"] = 2 }),
    ];

    [Fact]
    public void The_skilled_workers_clocked_in_with_an_email_are_told()
    {
        var (messages, unresolved) = OnShiftRecipients.Resolve([To(NotificationChannel.OnShift, "electrician"), To(NotificationChannel.Email, "lead@plant.example")], Workers);
        Assert.Empty(unresolved);
        Assert.Equal(["lead@plant.example", "ana@plant.example"], messages.Select(m => m.To.Address));
        Assert.All(messages, m => Assert.Equal(NotificationChannel.Email, m.To.Channel));
    }

    [Fact]
    public void An_address_already_told_is_not_told_twice_and_a_skill_nobody_on_shift_has_is_named()
    {
        var (messages, unresolved) = OnShiftRecipients.Resolve(
            [To(NotificationChannel.Email, "cy@plant.example"), To(NotificationChannel.OnShift, "welding"), To(NotificationChannel.OnShift, "painting")], Workers);
        Assert.Equal(["cy@plant.example"], messages.Select(m => m.To.Address));
        Assert.Equal(["painting"], unresolved);
    }
}
