using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Factory.Host.Cluster;

/// <summary>
/// The Data Protection key ring in PostgreSQL (table <c>data_protection_keys</c>), shared by every host of a cluster:
/// a session cookie issued by one host is read by all. Keys are only ever added; ASP.NET Core retires them by date.
/// </summary>
public sealed class PostgresKeyRepository(string connectionString) : IXmlRepository
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS data_protection_keys (
            friendly_name text PRIMARY KEY,
            xml text NOT NULL,
            created timestamptz NOT NULL DEFAULT now())
        """;

    private readonly Lazy<Task> _created = new(() => ExecuteAsync(connectionString, CreateTable));

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // IXmlRepository is synchronous; it is read when the key ring is loaded or refreshed (rarely), never per request.
        _created.Value.GetAwaiter().GetResult();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY created", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        _created.Value.GetAwaiter().GetResult();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING", connection);
        command.Parameters.AddWithValue("name", string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
