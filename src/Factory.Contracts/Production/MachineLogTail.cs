namespace Factory.Contracts.Production;

/// <summary>
/// What a machine's log holds after an instant, for a reader that keeps figures of what came before (the live KPIs):
/// <see cref="Log"/> from the reader's instant, or — when the log's past before it changed since the reader's
/// revision (<see cref="FromStart"/>) — from the window's start. <see cref="Log"/>'s stops are every planned stop
/// ending after the window's start, later ones included, so a reader's planned time is complete.
/// </summary>
/// <param name="Epoch">The log's load (<c>LogRevisions.Epoch</c>); pass it back with <paramref name="Revision"/> on the next read.</param>
/// <param name="Revision">The log's latest change that this read includes.</param>
[GenerateSerializer, Immutable, Alias("factory.machine-log-tail")]
public sealed record MachineLogTail(
    [property: Id(0)] MachineLogView Log,
    [property: Id(1)] bool FromStart,
    [property: Id(2)] Guid Epoch,
    [property: Id(3)] long Revision);
