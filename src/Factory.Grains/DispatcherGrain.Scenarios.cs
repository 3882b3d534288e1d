using Factory.Contracts.Scenarios;
using Factory.Grains.Dispatch;
using Factory.Grains.Storage;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Scenarios;
using Factory.Scheduling.Solvers;

namespace Factory.Grains;

/// <summary>
/// What-if scenarios: planned on a copy of the live problem, compared with the live plan, kept in memory (the latest
/// <see cref="ScenariosKept"/> per site; a deactivated dispatcher forgets them), and turned into a proposal or applied on request.
/// </summary>
public sealed partial class DispatcherGrain
{
    /// <summary>How many scenarios a site keeps; the oldest goes first.</summary>
    public const int ScenariosKept = 5;

    private readonly List<KeptScenario> _scenarios = [];
    private long _lastScenarioId;

    public async Task<ScenarioAnswer> RunScenario(ScenarioSpec spec, string requestedBy)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var basedOn = s.PlanVersion;
        var live = await BuildLiveProblemAsync(now, new HashSet<string>());
        var (scenario, notes, errors) = ScenarioTranslation.Translate(spec, live, now, s.FailedUntil);
        if (scenario is null)
        {
            return new ScenarioAnswer(CommandResult.Refused(Refusal.Invalid(string.Join("; ", errors)), basedOn), null);
        }

        var model = live.Model;
        var optimizer = new SolveOptions(_options.ScenarioTimeLimit, Workers: _options.OptimizerThreads);
        var slack = (long)_options.ReassignmentSlack.TotalSeconds;
        // Off the grain's scheduler: RunScenario interleaves, so the dispatcher keeps answering while the solvers run.
        var result = await Task.Run(() => ScenarioPlanner.PlanAsync(live.Problem, live.Current, scenario, model.Seconds(now), optimizer, slack, clock));

        var liveProblem = Replanner.FreezeStarted(live.Problem, live.Current, model.Seconds(now), null);
        var id = ++_lastScenarioId;
        var liveObjective = model.Objective(liveProblem, live.Current);
        ScenarioView view;
        SchedulePlan? onlyLive = null;
        if (result.Comparison is not { } comparison)
        {
            view = new ScenarioView(id, SiteId, spec.Name, basedOn, now, requestedBy, "infeasible", "", result.Elapsed.TotalMilliseconds,
                spec.Changes, liveObjective, null, 0, 0, [], [], [], [.. notes, $"no plan: {result.Result.Message}"], []);
        }
        else
        {
            var plan = result.Result.Plan!;
            // The scenario re-places the maintenance due around its work; a slot held because it began stays as it is.
            var maintenance = model.ToMaintenanceViews(plan, result.Problem, s.Maintenance, ToPlaceIds());
            var orders = comparison.Orders.Select(o => new ScenarioOrderView(o.JobId, Time(model, o.LiveEnd), Time(model, o.ScenarioEnd),
                Time(model, o.LiveDue), Time(model, o.ScenarioDue), o.LateLive, o.LateInScenario)).ToImmutableArray();
            view = new ScenarioView(id, SiteId, spec.Name, basedOn, now, requestedBy, "planned", result.Solver, result.Elapsed.TotalMilliseconds, spec.Changes, liveObjective, model.Objective(result.Problem, plan),
                comparison.MachineChanges, comparison.WorkerChanges, Moves(model, comparison.Moves, result.Problem), orders,
                model.ToViews(plan, result.Problem), [.. notes, .. ShopModel.UnplannedMaintenance(plan)], maintenance);

            // What a proposal or an apply would put in force: the scenario plan without hypothetical (rush) work orders.
            var real = liveProblem.Jobs.SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            onlyLive = new SchedulePlan([.. plan.Operations.Where(o => real.Contains(o.OperationId))])
            {
                Maintenance = plan.Maintenance,
                UnplannedMaintenance = plan.UnplannedMaintenance,
            };
            onlyLive = PlanChecker.Check(liveProblem, onlyLive).Count == 0 ? onlyLive : null;
            if (onlyLive is null)
            {
                view = view with { Notes = [.. view.Notes, "the plan relies on hypothetical changes that the live plant does not have: it cannot be proposed or applied"] };
            }
        }

        var kept = new KeptScenario(view, onlyLive is null ? null : new Adoptable(
            model.ToViews(onlyLive, liveProblem),
            view.Maintenance,
            Moves(model, Replanner.Diff(live.Current, onlyLive), liveProblem),
            model.Objective(liveProblem, onlyLive)));
        _scenarios.Insert(0, kept);
        if (_scenarios.Count > ScenariosKept)
        {
            _scenarios.RemoveAt(_scenarios.Count - 1);
        }

        return new ScenarioAnswer(CommandResult.Ok(basedOn), view);
    }

    public Task<ScenarioView?> GetScenario(long scenarioId) =>
        Task.FromResult(_scenarios.FirstOrDefault(k => k.View.Id == scenarioId)?.View);

    public Task<ImmutableArray<ScenarioView>> GetScenarios() => Task.FromResult(_scenarios.Select(k => k.View).ToImmutableArray());

    public async Task<CommandResult> ProposeScenario(long scenarioId, string decidedBy)
    {
        var s = state.State;
        if (Adoption(scenarioId, out var kept) is { } refused)
        {
            return refused;
        }

        var superseded = s.Proposal;
        var adopt = kept!.Adopt!;
        var proposal = new PlanProposalView(++s.LastProposalId, s.PlanVersion, $"scenario {scenarioId} '{kept.View.Name}' (proposed by {decidedBy})",
            kept.View.Solver, kept.View.PlannedAt, adopt.Objective, adopt.Moves, adopt.Operations, adopt.Maintenance);
        s.Proposal = proposal;
        await SaveAsync();
        if (superseded is { } old)
        {
            Publish(new ProposalChanged(SiteId, old.Id, "superseded", null, old));
        }

        Mark(kept, "proposed");
        Publish(new ProposalChanged(SiteId, proposal.Id, "offered", null, proposal));
        return CommandResult.Ok(s.PlanVersion);
    }

    public async Task<CommandResult> ApplyScenario(long scenarioId, string decidedBy)
    {
        var s = state.State;
        if (Adoption(scenarioId, out var kept) is { } refused)
        {
            return refused;
        }

        var adopt = kept!.Adopt!;
        _optimizer?.Cancel();
        _optimizing = null;
        await ApplyAsync(adopt.Operations, adopt.Maintenance, adopt.Moves, adopt.Objective, $"scenario {scenarioId} '{kept.View.Name}' (applied by {decidedBy})",
            kept.View.Solver, [.. s.Unplanned], kept.View.PlannedAt);
        Mark(kept, "applied");
        return CommandResult.Ok(s.PlanVersion);
    }

    private CommandResult? Adoption(long scenarioId, out KeptScenario? kept)
    {
        var version = state.State.PlanVersion;
        kept = _scenarios.FirstOrDefault(k => k.View.Id == scenarioId);
        if (kept is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"scenario {scenarioId} is not kept at site {SiteId} (only the latest {ScenariosKept} are)"), version);
        }

        if (kept.View.BasedOnVersion != version)
        {
            return CommandResult.Refused(Refusal.Conflict(
                $"scenario {scenarioId} was compared with plan {kept.View.BasedOnVersion}, but plan {version} is in force: run it again"), version);
        }

        return kept.Adopt is null
            ? CommandResult.Refused(Refusal.Conflict($"scenario {scenarioId} has no plan the live plant can follow: {string.Join("; ", kept.View.Notes)}"), version)
            : null;
    }

    private void Mark(KeptScenario kept, string status)
    {
        var i = _scenarios.IndexOf(kept);
        if (i >= 0)
        {
            _scenarios[i] = kept with { View = kept.View with { Status = status } };
        }
    }

    private static DateTimeOffset? Time(ShopModel model, long? seconds) => seconds is { } v ? model.Time(v) : null;

    /// <summary>A kept scenario and, when the live plant can follow it, the plan to propose or apply.</summary>
    private sealed record KeptScenario(ScenarioView View, Adoptable? Adopt);

    private sealed record Adoptable(
        ImmutableArray<PlannedOperationView> Operations, ImmutableArray<PlannedMaintenanceView> Maintenance, ImmutableArray<PlanMoveView> Moves, PlanObjectiveView Objective);
}
