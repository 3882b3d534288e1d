using System.Globalization;

namespace Factory.Benchmarks;

/// <summary>What a process on this Linux machine costs, from <c>/proc</c>, and where the repository is.</summary>
internal static class ProcessFigures
{
    private const double TicksPerSecond = 100; // USER_HZ

    /// <summary>User and system CPU seconds the process used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>User and system CPU seconds every Chromium process on the machine used so far (the browser and its renderers).</summary>
    public static double ChromiumCpuSeconds()
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"{dir}/cmdline").StartsWith("/usr/lib/chromium/", StringComparison.Ordinal))
                {
                    total += CpuSeconds(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process.
            }
        }

        return total;
    }

    /// <summary>The process's resident memory now, in bytes.</summary>
    public static long RssBytes(int pid) => StatusBytes(pid, "VmRSS:");

    /// <summary>A memory figure of <c>/proc/PID/status</c> (<c>VmRSS:</c>, <c>VmHWM:</c>…), in bytes; 0 when it is not there.</summary>
    public static long StatusBytes(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();

    /// <summary>The repository root (where Factory.sln is), found above the working directory.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run it from inside the repository (Factory.sln not found above the working directory)");
    }
}
