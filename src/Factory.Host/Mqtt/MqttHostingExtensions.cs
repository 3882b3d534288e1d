namespace Factory.Host.Mqtt;

/// <summary>Registers the host's MQTT parts: the settings (<c>Factory:Mqtt</c>) and the Unified Namespace publisher.</summary>
public static class MqttHostingExtensions
{
    public static IServiceCollection AddFactoryMqtt(this IServiceCollection services, IConfiguration factory)
    {
        services.Configure<MqttSettings>(factory.GetSection("Mqtt"));
        services.AddSingleton<UnsPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<UnsPublisher>());
        return services;
    }
}
