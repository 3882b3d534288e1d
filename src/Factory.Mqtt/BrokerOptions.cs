using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Factory.Mqtt;

/// <summary>MQTTnet client options from <see cref="BrokerSettings"/>: MQTT 5, clean start (as Sparkplug requires), TLS, credentials, a will.</summary>
public static class BrokerOptions
{
    public static MqttClientOptions Build(BrokerSettings settings, BrokerWill? will = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Url.Host, settings.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(settings.ClientId)
            .WithCleanStart(true)
            .WithSessionExpiryInterval(0)
            .WithKeepAlivePeriod(settings.KeepAlive)
            .WithTimeout(settings.ConnectTimeout)
            .WithMaximumPacketSize(settings.MaxPacketBytes);
        if (settings.User is { Length: > 0 } user)
        {
            builder.WithCredentials(user, settings.Password ?? "");
        }

        if (settings.UsesTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(settings.Url.Host);
                if (settings.CaCertificateFile is { Length: > 0 } caFile)
                {
                    var chain = new X509Certificate2Collection();
                    chain.ImportFromPemFile(caFile);
                    tls.WithTrustChain(chain);
                }
            });
        }

        if (will is not null)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload)
                .WithWillQualityOfServiceLevel((MqttQualityOfServiceLevel)will.QualityOfService)
                .WithWillRetain(will.Retain);
        }

        return builder.Build();
    }

    /// <summary>A message to publish.</summary>
    public static MqttApplicationMessage Message(string topic, byte[] payload, int qualityOfService, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qualityOfService)
            .WithRetainFlag(retain)
            .Build();
}
