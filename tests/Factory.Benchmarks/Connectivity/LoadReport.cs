namespace Factory.Benchmarks.Connectivity;

/// <summary>Where a load run's figures go: the console, and <c>NAME.md</c> beside the benchmark binary.</summary>
internal static class LoadReport
{
    public static async Task WriteAsync(string name, string report)
    {
        Console.WriteLine(report);
        var results = Path.Combine(AppContext.BaseDirectory, $"{name}.md");
        await File.WriteAllTextAsync(results, $"# {name} {DateTime.UtcNow:u}{Environment.NewLine}{Environment.NewLine}{report}{Environment.NewLine}");
        Console.WriteLine($"written to {results}");
    }
}
