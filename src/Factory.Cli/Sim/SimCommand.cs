using System.CommandLine;
using System.Globalization;
using Factory.Simulator;

namespace Factory.Cli.Sim;

/// <summary><c>factory sim --plant FILE --port 4840</c>: serve a simulated plant over OPC UA until Ctrl+C.</summary>
public static class SimCommand
{
    public static Command Create()
    {
        var plant = new Option<FileInfo>("--plant") { Description = "Plant definition file (JSON, as for the host)", Required = true };
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port)", DefaultValueFactory = _ => 4840 };
        var host = new Option<string>("--host") { Description = "Address to bind", DefaultValueFactory = _ => "127.0.0.1" };
        var seed = new Option<int>("--seed") { Description = "Random seed for failures, repairs and scrap", DefaultValueFactory = _ => 1 };
        var manual = new Option<bool>("--manual-recovery") { Description = "Failed machines stay Aborted until commanded (Clear, Reset, Start)" };
        var extraTags = new Option<int>("--extra-tags") { Description = "Load test: extra changing tags per machine", DefaultValueFactory = _ => 0 };
        var extraRate = new Option<double>("--extra-rate") { Description = "Load test: extra tag updates per machine per second", DefaultValueFactory = _ => 0 };
        var user = new Option<string?>("--user") { Description = "A user name that may write (commands, jobs); needs --password" };
        var password = new Option<string?>("--password") { Description = "Password for --user" };
        var anonymousWrites = new Option<bool>("--allow-anonymous-writes") { Description = "Let anonymous clients write too (a lab without users)" };
        var command = new Command("sim", "Run the simulated plant as an OPC UA server (no PLCs needed)")
        {
            plant, port, host, seed, manual, extraTags, extraRate, user, password, anonymousWrites,
        };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(plant)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"error: the plant file {file.FullName} does not exist").ConfigureAwait(false);
                return 2;
            }

            var (userName, userPassword) = (parse.GetValue(user), parse.GetValue(password));
            if (string.IsNullOrEmpty(userName) != string.IsNullOrEmpty(userPassword))
            {
                await Console.Error.WriteLineAsync("error: --user and --password go together").ConfigureAwait(false);
                return 2;
            }

            PlantSimulator simulator;
            try
            {
                simulator = await PlantSimulator.StartAsync(
                    new SimulatorOptions
                    {
                        PlantFile = file.FullName,
                        Host = parse.GetValue(host)!,
                        Port = parse.GetValue(port),
                        Seed = parse.GetValue(seed),
                        AutoRecover = !parse.GetValue(manual),
                        ExtraTagsPerMachine = parse.GetValue(extraTags),
                        ExtraUpdatesPerMachinePerSecond = parse.GetValue(extraRate),
                        Users = string.IsNullOrEmpty(userName) ? new Dictionary<string, string>() : new Dictionary<string, string> { [userName] = userPassword! },
                        AllowAnonymousWrites = parse.GetValue(anonymousWrites),
                    },
                    ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException or System.Text.Json.JsonException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (simulator.ConfigureAwait(false))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Simulating {simulator.Machines.Count} machines at {simulator.EndpointUrl}"));
                Console.WriteLine($"Node ids: ns={simulator.NamespaceIndex};s=<machine>.<tag>, e.g. {simulator.NodeIdFor(simulator.Machines.Keys.First(), MachineTags.State)}");
                Console.WriteLine("Press Ctrl+C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return 0;
        });
        return command;
    }
}
