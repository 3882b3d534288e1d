using System.CommandLine;
using System.Text.Json;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Security;
using Factory.OpcUa.Services;

namespace Factory.Cli.OpcUa;

/// <summary><c>factory opcua browse|read|write|subscribe</c>: inspect a PLC or OPC UA server from a shell.</summary>
public static class OpcUaCommand
{
    private static readonly Option<string> s_endpoint = new("--endpoint") { Description = "Server URL, e.g. opc.tcp://plc-7:4840", Required = true };
    private static readonly Option<string?> s_user = new("--user") { Description = "User name (anonymous when omitted)" };
    private static readonly Option<string?> s_password = new("--password") { Description = "Password for --user" };
    private static readonly Option<bool> s_json = new("--json") { Description = "Print one JSON object per line" };
    private static readonly Option<string> s_securityPolicy = new("--security-policy")
    {
        Description = "None, Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss",
        DefaultValueFactory = _ => "None",
    };

    private static readonly Option<MessageSecurityMode?> s_securityMode = new("--security-mode") { Description = "Sign or SignAndEncrypt (default SignAndEncrypt with a secured policy)" };
    private static readonly Option<string?> s_pki = new("--pki") { Description = "PKI folder with own/, trusted/, rejected/ (default: factory/pki in the user's config folder)" };
    private static readonly Option<bool> s_trustServer = new("--trust-server") { Description = "Trust the server's certificate if it is not trusted yet (saved to trusted/)" };

    /// <summary>The options every opcua subcommand takes (server, identity, security, output), before its own.</summary>
    private static readonly Option[] s_common = [s_endpoint, s_user, s_password, s_json, s_securityPolicy, s_securityMode, s_pki, s_trustServer];

    private const string NodeHelp = "Node: a NodeId (ns=2;s=CNC-01.State) or a browse path from Root (/Objects/2:Plant/2:CNC-01/2:State), as in plant files; repeat for several";

    public static Command Create()
    {
        var command = new Command("opcua", "Browse, read, write and subscribe to OPC UA servers");
        command.Subcommands.Add(Browse());
        command.Subcommands.Add(Read());
        command.Subcommands.Add(Write());
        command.Subcommands.Add(Subscribe());
        return command;
    }

    private static async Task<List<NodeId>> ResolveAllAsync(OpcUaClient client, IEnumerable<string> nodes, CancellationToken ct)
    {
        var ids = new List<NodeId>();
        foreach (var node in nodes)
        {
            ids.Add(await NodeAddress.ResolveAsync(client, node, ct).ConfigureAwait(false));
        }

        return ids;
    }

    private static Command Browse()
    {
        var node = new Option<string>("--node") { Description = "Node to browse: a NodeId or a browse path from Root (/Objects/2:Plant)", DefaultValueFactory = _ => "i=85" };
        var command = Connected("browse", "List the children of a node (default: the Objects folder)", node);
        command.SetAction((parse, ct) => Run(parse, async (client, output) =>
        {
            var start = await NodeAddress.ResolveAsync(client, parse.GetValue(node)!, ct).ConfigureAwait(false);
            foreach (var r in await client.BrowseAsync(start, ct).ConfigureAwait(false))
            {
                if (parse.GetValue(s_json))
                {
                    output.Line(json =>
                    {
                        json.WriteStartObject();
                        json.WriteString("node", r.NodeId.ToString());
                        json.WriteString("browseName", r.BrowseName.ToString());
                        json.WriteString("displayName", r.DisplayName.Text);
                        json.WriteString("nodeClass", r.NodeClass.ToString());
                        json.WriteEndObject();
                    });
                }
                else
                {
                    Console.WriteLine($"{r.NodeClass,-14} {r.NodeId,-40} {r.BrowseName}");
                }
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command Read()
    {
        var nodes = new Option<string[]>("--node") { Description = NodeHelp, Required = true };
        var command = Connected("read", "Read the values of nodes", nodes);
        command.SetAction((parse, ct) => Run(parse, async (client, output) =>
        {
            var ids = await ResolveAllAsync(client, parse.GetValue(nodes)!, ct).ConfigureAwait(false);
            var values = await client.ReadValuesAsync(ids, ct).ConfigureAwait(false);
            for (var i = 0; i < ids.Count; i++)
            {
                output.Value(parse.GetValue(s_json), ids[i].ToString(), values[i]);
            }

            var bad = values.Select((v, i) => (v, i)).Where(p => p.v.StatusCode.IsBad).ToList();
            foreach (var (v, i) in bad)
            {
                Console.Error.WriteLine($"error: reading {ids[i]} failed: {v.StatusCode.Name}");
            }

            return bad.Count == 0 ? 0 : 1;
        }, ct));
        return command;
    }

    private static Command Write()
    {
        var node = new Option<string>("--node") { Description = "Node: a NodeId or a browse path from Root, as in plant files", Required = true };
        var value = new Option<string>("--value") { Description = "The value, parsed as the node's current data type", Required = true };
        var command = Connected("write", "Write a scalar value to a node", node, value);
        command.SetAction((parse, ct) => Run(parse, async (client, output) =>
        {
            var id = await NodeAddress.ResolveAsync(client, parse.GetValue(node)!, ct).ConfigureAwait(false);
            var current = await client.ReadValueAsync(id, ct).ConfigureAwait(false);
            if (current.StatusCode.IsBad)
            {
                Console.Error.WriteLine($"error: reading {id} failed: {current.StatusCode.Name}");
                return 1;
            }

            var status = await client.WriteValueAsync(id, ValueParser.Parse(parse.GetValue(value)!, current.Value.Type), ct).ConfigureAwait(false);
            if (status.IsBad)
            {
                Console.Error.WriteLine($"error: writing {id} failed: {status.Name}");
                return 1;
            }

            output.Value(parse.GetValue(s_json), id.ToString(), await client.ReadValueAsync(id, ct).ConfigureAwait(false));
            return 0;
        }, ct));
        return command;
    }

    private static Command Subscribe()
    {
        var nodes = new Option<string[]>("--node") { Description = NodeHelp, Required = true };
        var sampling = new Option<double>("--sampling") { Description = "Sampling interval in ms", DefaultValueFactory = _ => 250 };
        var publishing = new Option<double>("--publishing") { Description = "Publishing interval in ms", DefaultValueFactory = _ => 500 };
        var queue = new Option<uint>("--queue-size") { Description = "Monitored item queue size", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration") { Description = "Seconds to run (0 = until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var command = Connected("subscribe", "Print data changes of nodes", nodes, sampling, publishing, queue, duration);
        command.SetAction((parse, ct) => Run(parse, async (client, output) =>
        {
            var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = parse.GetValue(publishing) }, ct).ConfigureAwait(false);
            var ids = await ResolveAllAsync(client, parse.GetValue(nodes)!, ct).ConfigureAwait(false);
            var items = await subscription.AddMonitoredItemsAsync(
                ids.Select(n => new MonitoredItemOptions(n) { SamplingInterval = parse.GetValue(sampling), QueueSize = parse.GetValue(queue) }),
                ct).ConfigureAwait(false);
            var refused = items.Where(i => i.Status.IsBad).ToList();
            foreach (var item in refused)
            {
                Console.Error.WriteLine($"error: monitoring {item.NodeId} failed: {item.Status.Name}");
            }

            if (refused.Count == items.Count)
            {
                return 1;
            }

            client.StateChanged += (_, e) =>
            {
                if (e.Current != ConnectionState.Closed)
                {
                    Console.Error.WriteLine($"connection {e.Current}{(e.Reason is null ? string.Empty : ": " + e.Reason)}");
                }
            };
            var seconds = parse.GetValue(duration);
            using var stop = seconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, ct);
            try
            {
                await foreach (var change in subscription.ReadAllAsync(linked.Token).ConfigureAwait(false))
                {
                    output.Value(parse.GetValue(s_json), change.NodeId.ToString(), change.Value);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested || ct.IsCancellationRequested)
            {
            }

            return 0;
        }, ct));
        return command;
    }

    /// <summary>A subcommand taking the common options, then its own (in that order in its help).</summary>
    private static Command Connected(string name, string description, params Option[] own)
    {
        var command = new Command(name, description);
        foreach (var option in s_common.Concat(own))
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static async Task<int> Run(ParseResult parse, Func<OpcUaClient, Output, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            var user = parse.GetValue(s_user);
            var options = new OpcUaClientOptions
            {
                Endpoint = new Uri(parse.GetValue(s_endpoint)!),
                Identity = user is null ? UserIdentity.Anonymous : UserIdentity.FromUserName(user, parse.GetValue(s_password) ?? string.Empty),
                SessionName = "factory-cli",
            };
            options = Secure(parse, options);
            await using var client = await OpcUaClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            return await action(client, new Output()).ConfigureAwait(false);
        }
        catch (ServiceResultException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is FormatException or UriFormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Applies --security-policy/--security-mode, with the CLI's own certificate and trust list from --pki.</summary>
    private static OpcUaClientOptions Secure(ParseResult parse, OpcUaClientOptions options)
    {
        var policy = parse.GetValue(s_securityPolicy)!;
        var mode = parse.GetValue(s_securityMode);
        if (string.Equals(policy, "None", StringComparison.OrdinalIgnoreCase) || policy == SecurityPolicyNone.Uri)
        {
            return mode is null or MessageSecurityMode.None
                ? options
                : throw new ArgumentException($"--security-mode {mode} needs a --security-policy other than None.");
        }

        var algorithms = SecurityAlgorithms.Find(policy)
            ?? throw new ArgumentException($"Unknown --security-policy '{policy}'; use None, {string.Join(", ", SecurityAlgorithms.All.Select(a => a.Name))}.");
        var pki = parse.GetValue(s_pki)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "factory", "pki");
        var store = new CertificateStore(pki) { TrustOnFirstUse = parse.GetValue(s_trustServer) };
        const string applicationUri = "urn:factory:cli";
        var certificate = store.GetOrCreateApplicationCertificate("Factory CLI", applicationUri, [System.Net.Dns.GetHostName(), "localhost"]);
        return options with
        {
            ApplicationUri = applicationUri,
            ServerCertificateValidator = store.ValidateServerCertificate,
            Channel = options.Channel with
            {
                SecurityPolicyUri = algorithms.Uri,
                SecurityMode = mode ?? MessageSecurityMode.SignAndEncrypt,
                ApplicationCertificate = certificate,
            },
        };
    }

    private sealed class Output
    {
        private readonly MemoryStream _buffer = new();
        private readonly Stream _stdout = Console.OpenStandardOutput();

        public void Line(Action<Utf8JsonWriter> write)
        {
            _buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(_buffer))
            {
                write(json);
            }

            _buffer.WriteByte((byte)'\n');
            _stdout.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            _stdout.Flush();
        }

        public void Value(bool asJson, string node, DataValue value)
        {
            if (asJson)
            {
                Line(json => JsonValueWriter.WriteDataValue(json, node, value));
            }
            else
            {
                Console.WriteLine($"{node} {value.StatusCode.Name} {value.Value.Type} {value.Value} {value.SourceTimestamp:O}");
            }
        }
    }
}
