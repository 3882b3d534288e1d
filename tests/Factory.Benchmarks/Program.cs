using BenchmarkDotNet.Running;

// Run one or more benchmark classes: dotnet run -c Release --project tests/Factory.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
