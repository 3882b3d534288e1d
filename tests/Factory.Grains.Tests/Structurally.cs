using System.Text.Json;

namespace Factory.Grains.Tests;

/// <summary>Compares views by content: records holding immutable arrays compare those by reference.</summary>
internal static class Structurally
{
    public static void Equal<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
