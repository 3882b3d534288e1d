using System.CommandLine;

var root = new RootCommand("factory: inspect PLCs over OPC UA, solve schedules, run the simulated plant");
// Each area adds its own command tree; see the *Command.cs files.
foreach (var command in CommandTree.Areas())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
