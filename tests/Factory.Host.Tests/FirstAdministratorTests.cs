using System.Net;
using Factory.Host.Security;

namespace Factory.Host.Tests;

/// <summary>
/// Secure by default (#11, finding 9): a Production host with no users configured has no demo users; its first start
/// makes one Manager whose password is in a file in the data folder that only the host's account can read.
/// </summary>
public sealed class FirstAdministratorTests(FirstAdministratorTests.App app) : IClassFixture<FirstAdministratorTests.App>
{
    [Fact]
    public async Task Production_without_users_makes_an_administrator_whose_file_password_signs_in_and_demo_passwords_are_refused()
    {
        await app.ReadyClientAsync(null);
        var file = Path.Combine(app.DataDirectory, FirstAdministrator.FileName);
        Assert.True(File.Exists(file), $"{file} was not made");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var password = FirstAdministrator.ReadPassword(file);
        Assert.True(password.Length >= 20, "the password is too short to be random");

        var admin = await app.ReadyClientAsync((FirstAdministrator.UserName, password));
        var me = await (await admin.GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal(FirstAdministrator.UserName, me.GetProperty("name").GetString());
        Assert.Equal("Manager", me.GetProperty("role").GetString());

        foreach (var demo in new[] { FactoryWebApp.Manager, FactoryWebApp.ControlRoom })
        {
            var client = await app.ReadyClientAsync(demo);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/machines")).StatusCode);
        }
    }

    /// <summary>The test host in Production with no users configured at all.</summary>
    public sealed class App : FactoryWebApp
    {
        protected override bool ConfiguresUsers => false;
    }
}
