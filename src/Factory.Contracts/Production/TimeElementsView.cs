using Factory.Domain.Oee;

namespace Factory.Contracts.Production;

/// <summary>ISO 22400 time elements of a window, in seconds.</summary>
[GenerateSerializer, Immutable, Alias("factory.time-elements-view")]
public sealed record TimeElementsView(
    [property: Id(0)] double Pot,
    [property: Id(1)] double Pdot,
    [property: Id(2)] double Pbt,
    [property: Id(3)] double Apt,
    [property: Id(4)] double Adot,
    [property: Id(5)] double Adet,
    [property: Id(6)] double Asut,
    [property: Id(7)] double Apmt,
    [property: Id(8)] double Unknown,
    [property: Id(9)] double NotCounted)
{
    public static TimeElementsView From(TimeElementTotals t) => new(
        t.Pot.TotalSeconds, t.Pdot.TotalSeconds, t.Pbt.TotalSeconds, t.Apt.TotalSeconds, t.Adot.TotalSeconds,
        t.Adet.TotalSeconds, t.Asut.TotalSeconds, t.Apmt.TotalSeconds, t.Unknown.TotalSeconds, t.NotCounted.TotalSeconds);
}
