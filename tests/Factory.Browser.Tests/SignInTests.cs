namespace Factory.Browser.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_wrong_password_is_refused_on_the_form_and_signing_out_returns_to_it()
    {
        var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByTestId("signin-user").FillAsync("manager");
        await page.GetByTestId("signin-password").FillAsync("not-the-password");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("invalid user name or password");
        await fixture.ScreenshotAsync(page, "signin-refused");

        await page.GetByTestId("signin-password").FillAsync("manager");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Manager");
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");

        await page.GetByTestId("signout").ClickAsync();
        await Expect(page.GetByTestId("signin")).ToBeVisibleAsync();
        var me = await page.APIRequest.GetAsync("/api/v1/auth/me");
        Assert.Equal(401, me.Status);
        await context.CloseAsync();
    }
}
