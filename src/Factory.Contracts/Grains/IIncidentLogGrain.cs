using Factory.Contracts.Production;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>A site's health and safety incident register, keyed by site id.</summary>
public interface IIncidentLogGrain : IGrainWithStringKey
{
    /// <summary>Records an incident; refused (400) when it is incomplete, (409) when its id is taken.</summary>
    Task<CommandResult> Record(IncidentView incident);

    /// <summary>Incidents in [from, to) (null: unbounded), oldest first.</summary>
    Task<ImmutableArray<IncidentView>> Get(DateTimeOffset? from, DateTimeOffset? to);
}
