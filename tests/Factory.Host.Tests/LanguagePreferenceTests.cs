using System.Net;

namespace Factory.Host.Tests;

/// <summary>The dashboard language per user (#17): kept on the server, only supported languages, null until chosen.</summary>
public sealed class LanguagePreferenceTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_chosen_language_is_kept_for_the_user_and_only_for_them()
    {
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var before = await (await control.GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("language").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await control.PutJsonAsync("/api/v1/auth/me/preferences", new { language = "DE" })).StatusCode);
        var after = await (await control.GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal("de", after.GetProperty("language").GetString());

        // Another client signing in as the same user (another browser) sees the choice; another user does not.
        var again = await (await (await app.ReadyClientAsync(FactoryWebApp.ControlRoom)).GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal("de", again.GetProperty("language").GetString());
        var manager = await (await (await app.ReadyClientAsync(FactoryWebApp.Manager)).GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, manager.GetProperty("language").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await control.PutJsonAsync("/api/v1/auth/me/preferences", new { language = "en" })).StatusCode);
        Assert.Equal("en", (await (await control.GetAsync("/api/v1/auth/me")).OkJsonAsync()).GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("de-DE")]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_unsupported_language_is_refused_with_problem_details(string? language)
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        var problem = await (await client.PutJsonAsync("/api/v1/auth/me/preferences", new { language })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("language must be one of de, en", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_language_needs_a_signed_in_user()
    {
        var anonymous = await app.ReadyClientAsync(null);
        var response = await anonymous.PutJsonAsync("/api/v1/auth/me/preferences", new { language = "de" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
