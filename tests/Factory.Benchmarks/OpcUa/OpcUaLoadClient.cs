using System.Globalization;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;

namespace Factory.Benchmarks.OpcUa;

/// <summary>
/// Our client's side of <see cref="OpcUaLoadRun"/>, in a process of its own so its CPU compares process to process
/// with node-opcua's client. Speaks the same stdin line protocol as tests/interop/opcua-load-client.js:
/// <c>subscribe</c> (prints SUBSCRIBED), <c>mark</c> (prints "MARK notifications cpuSeconds"), <c>quit</c>.
/// The values are read off <see cref="Subscription.Values"/> and counted, as an application would consume them.
/// </summary>
internal static class OpcUaLoadClient
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var endpoints = Arg("endpoints", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var ns = ushort.Parse(Arg("ns", "1"), CultureInfo.InvariantCulture);
        var items = int.Parse(Arg("items", "1000"), CultureInfo.InvariantCulture);
        var publishing = double.Parse(Arg("publishing", "100"), CultureInfo.InvariantCulture);
        var sampling = double.Parse(Arg("sampling", "50"), CultureInfo.InvariantCulture);
        var queue = uint.Parse(Arg("queue", "10"), CultureInfo.InvariantCulture);

        var security = Arg("security", "None");
        var clients = new List<OpcUaClient>();
        foreach (var endpoint in endpoints)
        {
            clients.Add(await OpcUaClient.ConnectAsync(Options(new Uri(endpoint), security)));
        }

        Console.WriteLine("CONNECTED");
        long count = 0;
        var readers = new List<Task>();
        var self = System.Diagnostics.Process.GetCurrentProcess();
        while (Console.ReadLine() is { } line)
        {
            switch (line.Trim())
            {
                case "subscribe":
                    foreach (var client in clients)
                    {
                        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = publishing });
                        await subscription.AddMonitoredItemsAsync(Enumerable.Range(0, items)
                            .Select(i => new MonitoredItemOptions(new NodeId($"Counter{i}", ns)) { SamplingInterval = sampling, QueueSize = queue }));
                        readers.Add(Task.Run(async () =>
                        {
                            var values = subscription.Values;
                            while (await values.WaitToReadAsync())
                            {
                                var n = 0;
                                while (values.TryRead(out _))
                                {
                                    n++;
                                }

                                Interlocked.Add(ref count, n);
                            }
                        }));
                    }

                    Console.WriteLine("SUBSCRIBED");
                    break;
                case "mark":
                    self.Refresh();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MARK {Interlocked.Read(ref count)} {self.TotalProcessorTime.TotalSeconds} workitems={ThreadPool.CompletedWorkItemCount} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} allocated={GC.GetTotalAllocatedBytes() >> 20}MB"));
                    break;
                case "quit":
                    foreach (var client in clients)
                    {
                        await client.DisposeAsync();
                    }

                    await Task.WhenAll(readers);
                    return 0;
            }
        }

        return 0;
    }

    /// <summary>None, or SignAndEncrypt with the named policy and a throw-away PKI that trusts the test server.</summary>
    private static OpcUaClientOptions Options(Uri endpoint, string security)
    {
        if (security == "None")
        {
            return new OpcUaClientOptions { Endpoint = endpoint };
        }

        var store = new Factory.OpcUa.Security.CertificateStore(Path.Combine(Path.GetTempPath(), "factory-opcua-load-pki")) { TrustOnFirstUse = true };
        const string uri = "urn:factory:benchmarks:opcua-load";
        return new OpcUaClientOptions
        {
            Endpoint = endpoint,
            ApplicationUri = uri,
            ServerCertificateValidator = store.ValidateServerCertificate,
            Channel = new Factory.OpcUa.SecureChannel.SecureChannelOptions
            {
                SecurityPolicyUri = security,
                SecurityMode = Factory.OpcUa.Services.MessageSecurityMode.SignAndEncrypt,
                ApplicationCertificate = store.GetOrCreateApplicationCertificate("Factory load client", uri, ["localhost"]),
            },
        };
    }
}
