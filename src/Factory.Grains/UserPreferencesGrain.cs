using Factory.Domain.Security;
using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains;

/// <summary>One user's dashboard preferences. Thin: which languages exist is <see cref="DashboardLanguage"/>'s rule.</summary>
public sealed class UserPreferencesGrain(
    [PersistentState("user-preferences", StorageNames.Plant)] IPersistentState<UserPreferencesState> state) : Grain, IUserPreferencesGrain
{
    public Task<string?> GetLanguage() => Task.FromResult(state.State.Language);

    public async Task SetLanguage(string language)
    {
        // The API checks first; the grain refuses too, so no other caller can store a language the dashboard lacks.
        var parsed = DashboardLanguage.Parse(language) ?? throw new ArgumentException($"language '{language}' is not supported", nameof(language));
        if (state.State.Language == parsed)
        {
            return;
        }

        state.State.Language = parsed;
        await state.SaveOrRestoreAsync(this);
    }
}
