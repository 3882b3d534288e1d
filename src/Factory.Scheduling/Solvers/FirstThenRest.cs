namespace Factory.Scheduling.Solvers;

/// <summary>
/// Walks a shared list with one entry first (an operation's current worker, who wins every tie) and the rest in their order,
/// without a reordered copy per operation.
/// </summary>
internal static class FirstThenRest
{
    /// <summary>The position to try at <paramref name="step"/> when the one at <paramref name="first"/> goes first (-1: none).</summary>
    public static int At(int step, int first) => first < 0 ? step : step == 0 ? first : step <= first ? step - 1 : step;
}
