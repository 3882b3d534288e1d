using Factory.Domain.Security;

namespace Factory.Domain.Tests.Security;

public sealed class DashboardLanguageTests
{
    [Theory]
    [InlineData("de", "de")]
    [InlineData("DE", "de")]
    [InlineData("en", "en")]
    [InlineData("En", "en")]
    public void A_supported_language_is_named_by_its_code(string given, string expected) =>
        Assert.Equal(expected, DashboardLanguage.Parse(given));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fr")]
    [InlineData("de-DE")]
    [InlineData("deutsch")]
    [InlineData(" de")]
    public void Anything_else_is_not_supported(string? given) =>
        Assert.Null(DashboardLanguage.Parse(given));
}
