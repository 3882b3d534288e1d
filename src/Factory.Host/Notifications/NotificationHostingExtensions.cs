namespace Factory.Host.Notifications;

/// <summary>Registers notifications: settings from <c>Factory:Notifications</c>, the outbox beside the audit trail, and the service.</summary>
public static class NotificationHostingExtensions
{
    public static IServiceCollection AddFactoryNotifications(this IServiceCollection services, IConfiguration factory)
    {
        var settings = factory.GetSection("Notifications").Get<NotificationSettings>() ?? new NotificationSettings();
        settings.ValidRules();
        services.AddSingleton(settings);
        services.AddSingleton(settings.Smtp);
        services.AddSingleton(settings.Webhooks);
        services.AddSingleton(sp => new NotificationOutbox(Path.Combine(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FactoryOptions>>().Value.DataDirectory, "notifications.db")));
        services.AddSingleton<NotificationIntake>();
        services.AddSingleton<EmailDelivery>();
        services.AddSingleton<WebhookDelivery>();
        services.AddHostedService<NotificationService>();
        return services;
    }
}
