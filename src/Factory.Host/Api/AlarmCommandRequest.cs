namespace Factory.Host.Api;

/// <summary>Body of the alarm commands: a comment (acknowledge, unshelve) or a reason and an end time (shelve).</summary>
public sealed record AlarmCommandRequest(string? Comment, string? Reason, DateTimeOffset? Until);
