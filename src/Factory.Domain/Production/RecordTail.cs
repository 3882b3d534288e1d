namespace Factory.Domain.Production;

/// <summary>The tail of a production record a live reader asked for.</summary>
/// <param name="Window">What the record holds from the reader's instant (or from the window's start, see <paramref name="FromStart"/>).</param>
/// <param name="FromStart">Whether the window starts at the reader's window start because the past changed since it last read.</param>
/// <param name="Epoch">The record's load, to pass back with <paramref name="Revision"/> on the next read.</param>
/// <param name="Revision">The revision the reader has now seen.</param>
public sealed record RecordTail(RecordWindow Window, bool FromStart, Guid Epoch, long Revision);
