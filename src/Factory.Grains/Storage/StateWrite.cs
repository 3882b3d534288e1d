using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Factory.Grains.Storage;

/// <summary>
/// The one rule for saving grain state: memory and storage never disagree after a failed write. Grains change their
/// <c>State</c> in memory first and save it after; when the save throws, what they changed was never stored, so it
/// must not be answered by later reads nor stored by the next successful write.
/// </summary>
public static class StateWrite
{
    /// <summary>
    /// Writes the state. When the write throws, reads back what storage holds (undoing the change in memory), asks the
    /// runtime to deactivate the grain once the current call ends, and throws <see cref="StateNotStoredException"/>.
    /// </summary>
    /// <remarks>
    /// The deactivation is not optional: grains keep fields beside their state (caches, timers, pending history rows,
    /// published version numbers) derived from the memory that was just undone; a new activation rebuilds them all from
    /// storage. The read matters too: a call interleaving before the deactivation sees the stored state, and if the read
    /// fails as well, the deactivation alone still makes the next call load from storage.
    /// </remarks>
    public static async Task SaveOrRestoreAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grain);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failed) when (failed is not OutOfMemoryException)
        {
            var grainId = grain.GrainContext.GrainId;
            var logger = grain.GrainContext.ActivationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StateWrite));
            try
            {
                await state.ReadStateAsync();
                if (!state.RecordExists)
                {
                    // Nothing stored yet (a failed first write): a storage leaves the state as it was when it finds no
                    // record, so the fresh state a first activation has is put back here, as Orleans makes it.
                    state.State = Activator.CreateInstance<TState>();
                }

                logger.LogWarning(failed, "Grain {Grain}: its state could not be stored; restored what storage holds and deactivating", grainId);
            }
            catch (Exception unread) when (unread is not OutOfMemoryException)
            {
                logger.LogError(unread, "Grain {Grain}: its state could not be stored nor read back; deactivating so the next call loads it", grainId);
            }
            finally
            {
                grain.DeactivateOnIdle();
            }

            throw new StateNotStoredException($"storage unavailable, nothing was changed ({grainId} could not be stored)", failed);
        }
    }
}
