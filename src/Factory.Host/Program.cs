using Factory.Host;

var app = FactoryApp.Build(args);
await app.RunAsync();

/// <summary>Entry point; public so the test host (WebApplicationFactory) can find it.</summary>
public partial class Program;
