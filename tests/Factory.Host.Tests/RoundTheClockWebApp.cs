namespace Factory.Host.Tests;

/// <summary>
/// The test host on <see cref="RoundTheClockPlant"/>: for tests that post events at the present moment and expect it to
/// be planned production time, whatever time of day the suite runs.
/// </summary>
public sealed class RoundTheClockWebApp : FactoryWebApp
{
    protected override string PlantFile => RoundTheClockPlant.Path;
}
