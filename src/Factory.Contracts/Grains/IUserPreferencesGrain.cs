namespace Factory.Contracts.Grains;

/// <summary>
/// What one dashboard user chose for themselves (today: the language), kept on the server so the choice follows
/// the user to any browser and any host of the cluster. Keyed by the user name in upper case (names are case-insensitive).
/// </summary>
[Alias("factory.user-preferences-grain")]
public interface IUserPreferencesGrain : IGrainWithStringKey
{
    /// <summary>The chosen language code ("de", "en"), or null when the user never chose.</summary>
    [Alias("GetLanguage")]
    Task<string?> GetLanguage();

    /// <summary>Keeps <paramref name="language"/> (already checked by <c>DashboardLanguage.Parse</c>) and stores it before answering.</summary>
    [Alias("SetLanguage")]
    Task SetLanguage(string language);
}
