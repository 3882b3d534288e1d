using System.Net.Sockets;

namespace Factory.Host.Hosting;

/// <summary>One line for a failure while the host was starting (after the settings were checked).</summary>
public static class StartupFailure
{
    /// <summary>What failed and, where it is known, which setting to change.</summary>
    public static string Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is StartupProblem problem)
            {
                return problem.Message;
            }

            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
            {
                return $"{Flatten(failure)} (setting urls, Factory:SiloPort or Factory:GatewayPort): choose a free port or stop the process using it";
            }
        }

        return Flatten(failure);
    }

    private static string Flatten(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null && innermost is AggregateException or System.Reflection.TargetInvocationException)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.ReplaceLineEndings(" ").Trim();
    }
}
