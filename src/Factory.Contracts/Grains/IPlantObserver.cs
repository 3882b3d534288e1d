using Factory.Contracts.Events;

namespace Factory.Contracts.Grains;

/// <summary>A silo's feed, receiving every event of the sites it watches.</summary>
public interface IPlantObserver : IGrainObserver
{
    /// <summary>Delivers one event. One-way: a slow screen never slows a machine.</summary>
    [OneWay]
    Task OnPlantEvent(PlantEvent plantEvent);
}
