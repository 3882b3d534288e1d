using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Factory.Host.Api;

/// <summary>
/// Writes what a view takes from its spec before what it adds (a machine's <c>id</c> first, as before views derived from
/// their specs): the serializer's own order puts a derived type's properties first. Only the order changes, never a name.
/// </summary>
public static class SpecFieldsFirst
{
    /// <summary>Makes <paramref name="options"/> write in that order; they must not be read-only yet.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Order);
    }

    private static void Order(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.BaseType is null || info.Type.BaseType == typeof(object))
        {
            return;
        }

        // The sort by order keeps declaration order within each level, so each level reads as its type declares it.
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && member.DeclaringType != info.Type && property.Order == 0)
            {
                property.Order = -1;
            }
        }
    }
}
