namespace Factory.Grains;

/// <summary>How the dispatcher re-plans (section <c>Factory:Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    /// <summary>Repair time assumed for a failed machine until it returns.</summary>
    public TimeSpan ExpectedRepairTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// When the expected repair is at most this long, the interrupted operation waits for its machine;
    /// otherwise it restarts on another capable machine.
    /// </summary>
    public TimeSpan WaitForRepairThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A re-plan keeps an operation's machine and worker when they finish it at most this much later than the earliest
    /// choice, provided the whole plan is no worse for it: fewer people told to go elsewhere after each change.
    /// </summary>
    public TimeSpan ReassignmentSlack { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Time budget of the CP-SAT optimizer that runs after each constructive plan; zero turns it off.</summary>
    public TimeSpan OptimizerTimeLimit { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a plan must stand before the optimizer starts on it. A plan the floor replaces within moments (failures in a
    /// burst, work starting and ending) makes the optimizer's answer void before it comes, and on a large site its model
    /// alone costs the cores the next re-plan is waiting for (#20); a re-plan in that time cancels the search before it
    /// costs anything. As long as the search's own budget by default: a plan that held that long is likely to hold for it.
    /// </summary>
    public TimeSpan OptimizerQuietPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How much better (tardiness or makespan) an optimized plan must be than the plan in force to replace it, and a
    /// re-dispatch than the plan in force repaired (everybody where they were, only times moved) after a failure, a work
    /// order change or progress on the floor: smaller gains do not move work on the floor (see <c>ObjectiveValues.ImprovesOnBy</c>).
    /// </summary>
    public TimeSpan PlanImprovementMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the dispatcher reads every machine and worker of its site again; in between it reads only those named as
    /// changed (see <c>PlantPictureCache</c>).
    /// </summary>
    public TimeSpan PictureRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old the dispatcher's copy of a work order with work on a machine may get before a re-plan or release check reads
    /// it again: its good count and ETA move with every part, unannounced (its status changes are announced and read at once).
    /// Well inside <see cref="PlanTimeTolerance"/>, so a plan made from the older copy moves nobody differently.
    /// </summary>
    public TimeSpan RunningOrderRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>CP-SAT search threads.</summary>
    public int OptimizerThreads { get; set; } = 2;

    /// <summary>
    /// The most machine and worker choices the optimizer's model may hold; past it each operation keeps its planned machine
    /// and worker and the best few others, which bounds the optimizer's memory on large sites (see <c>SolveOptions.MaxChoices</c>).
    /// </summary>
    public int OptimizerMaxChoices { get; set; } = 20_000;

    /// <summary>
    /// Wall-time cap on the constructive planner's local search in a re-plan (on top of its work budget), so the plan is
    /// applied within milliseconds even on a loaded machine; zero leaves only the work budget.
    /// </summary>
    public TimeSpan ConstructiveSearchLimit { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>CP-SAT budget of a what-if scenario after its constructive plan; zero answers with the constructive plan.</summary>
    public TimeSpan ScenarioTimeLimit { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the dispatcher looks for free machines whose next planned operation is ready (besides every change).</summary>
    public TimeSpan ReleaseCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How planned operations reach their machines at a site that has not chosen (the API changes it per site).</summary>
    public ReleaseMode ReleaseMode { get; set; } = ReleaseMode.Automatic;

    /// <summary>Operations starting, completing or being interrupted within this time are rolled into one re-plan.</summary>
    public TimeSpan ProgressReplanDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A re-plan whose only changes are operations moving in time by less than this (no machine or worker changes) is not
    /// published as a new plan: the floor is not told of every few seconds of drift.
    /// </summary>
    public TimeSpan PlanTimeTolerance { get; set; } = TimeSpan.FromMinutes(1);
}
