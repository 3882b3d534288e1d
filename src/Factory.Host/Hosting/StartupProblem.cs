namespace Factory.Host.Hosting;

/// <summary>
/// A setting the host cannot start with, found before anything is started or created. Its message is the one line
/// the operator reads: what is wrong, which setting, how to fix it.
/// </summary>
public sealed class StartupProblem(string what, string setting, string fix, Exception? inner = null)
    : Exception($"{what} (setting {setting}): {fix}", inner)
{
    /// <summary>The setting to change, e.g. <c>Factory:PlantFile</c>.</summary>
    public string Setting { get; } = setting;
}
