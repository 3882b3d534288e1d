using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Factory.Grains.Tests;

/// <summary>What crosses between silos: a value through Orleans' serializer and back, as another silo would read it.</summary>
internal static class OrleansWire
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;
}
