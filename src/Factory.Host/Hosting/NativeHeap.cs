namespace Factory.Host.Hosting;

/// <summary>
/// Whether glibc's malloc arenas are bounded for this process. Under glibc's default (eight per core) the optimizer's
/// CP-SAT search threads, native code, each take an arena of their own, and what one frees is not given back to the system
/// or to the others: with the optimizer on, a 1,000-machine site's host peaked at 1.2–1.7 GiB, against 0.97 GiB with
/// <c>MALLOC_ARENA_MAX=2</c> and the same re-plan times (the scale run, 2026-12-07). glibc reads the bound only from the
/// environment at process start (a <c>mallopt</c> from here would come after the runtime's threads made their arenas), so
/// the deployment files and the launch profile set it, and a host started without it says so once.
/// </summary>
public static class NativeHeap
{
    /// <summary>The arenas the deployment files give the host.</summary>
    public const int Arenas = 2;

    /// <summary>A line for the log when the process runs on Linux with glibc's unbounded default; null when bounded or elsewhere.</summary>
    public static string? Advice() =>
        OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null
            ? $"MALLOC_ARENA_MAX is not set: glibc may keep up to eight malloc arenas per core for the optimizer's threads; set MALLOC_ARENA_MAX={Arenas} in the host's environment (deploy/ does) to bound its native memory"
            : null;
}
