using System.Net;

namespace Factory.Host.Tests;

/// <summary>An operator bound to a line (#17): acts on every machine of the line, and on no other; /auth/me lists them.</summary>
public sealed class LineOperatorTests(LineOperatorTests.App app) : IClassFixture<LineOperatorTests.App>
{
    private static readonly (string Name, string Password) Assembler = ("assembler", "operator");

    [Fact]
    public async Task An_operator_of_a_line_may_act_on_its_machines_and_is_refused_elsewhere()
    {
        await app.ReadyClientAsync();
        var client = await app.ReadyClientAsync(Assembler);
        var me = await (await client.GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal(["ASM-01", "ASM-02", "TST-01", "WLD-01", "WLD-02"], me.GetProperty("machines").EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal));

        await (await client.PostJsonAsync("/api/v1/machines/WLD-02/andon", new { kind = "help" })).OkJsonAsync();
        var refused = await (await client.PostJsonAsync("/api/v1/machines/CNC-01/andon", new { kind = "help" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("CNC-01 is not one of your machines", refused.GetRawText(), StringComparison.Ordinal);
    }

    public sealed class App : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var operatorHash = Factory.Testing.TestUsers.All.Single(u => u.Name == "operator").PasswordHash;
            builder.UseSetting("Factory:Users:20:Name", Assembler.Name);
            builder.UseSetting("Factory:Users:20:Role", "Operator");
            builder.UseSetting("Factory:Users:20:PasswordHash", operatorHash);
            builder.UseSetting("Factory:Users:20:Lines:0", "L2");
        }
    }
}
