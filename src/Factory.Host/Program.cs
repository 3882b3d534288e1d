using Factory.Host;

return await FactoryApp.RunAsync(args);

/// <summary>Entry point; public so the test host (WebApplicationFactory) can find it.</summary>
public partial class Program;
