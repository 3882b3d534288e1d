using Factory.Grains.Dispatch;
using Factory.Grains.State;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Factory.Grains;

/// <summary>
/// A site's dispatcher. On every trigger it builds the scheduling problem from the plant, re-plans at once with the
/// constructive dispatcher (milliseconds; started operations stay frozen), applies or proposes that plan, then lets
/// CP-SAT improve it in the background and replaces the plan when the optimizer finds a better one.
/// The rules live in Factory.Scheduling; this grain gathers facts, keeps the plan and publishes changes.
/// </summary>
public sealed partial class DispatcherGrain(
    [PersistentState("dispatcher", StorageNames.Plant)] IPersistentState<DispatcherState> state,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    ILogger<DispatcherGrain> logger) : Grain, IDispatcherGrain
{
    private readonly DispatchOptions _options = options.Value;
    private readonly Dictionary<string, (string? WorkOrderId, int? Sequence)> _toldMachines = new(StringComparer.Ordinal);
    private (SchedulingProblem Problem, ShopModel Model, long BasedOnVersion, long? ProposalId, DateTimeOffset PlannedAt)? _optimizing;
    private CancellationTokenSource? _optimizer;

    private string SiteId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(RefreshCurrentOperations, new GrainTimerCreationOptions(_options.CurrentOperationRefresh, _options.CurrentOperationRefresh));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _optimizer?.Cancel();
        return Task.CompletedTask;
    }

    public Task<PlanView> GetPlan()
    {
        var s = state.State;
        return Task.FromResult(new PlanView(SiteId, s.PlanVersion, s.Mode, s.AppliedAt, s.Trigger, s.Solver, s.Objective,
            [.. s.Operations], [.. s.Unplanned], s.Proposal));
    }

    public Task EnsurePlan() => state.State.PlanVersion == 0 ? ReplanAsync("initial plan", null, new HashSet<string>(), keepAssignments: false) : Task.CompletedTask;

    public Task Replan(string trigger) => ReplanAsync(trigger, null, new HashSet<string>(), keepAssignments: false);

    public async Task OnMachineAvailabilityChanged(string machineId, bool available, string? reason)
    {
        var now = clock.GetUtcNow();
        var failed = state.State.FailedUntil;
        if (available)
        {
            failed.Remove(machineId);
        }
        else
        {
            failed[machineId] = now + _options.ExpectedRepairTime;
        }

        if (state.State.PlanVersion > 0)
        {
            // A returned machine is capacity back: let work move to it. A failure moves only the failed machine's work.
            await ReplanAsync(available ? $"machine {machineId} returned" : $"machine {machineId} failed: {reason}",
                available ? null : machineId, new HashSet<string>(), keepAssignments: !available);
        }
        else
        {
            await state.WriteStateAsync();
        }
    }

    public async Task OnWorkOrderChanged(string workOrderId)
    {
        if (state.State.PlanVersion == 0)
        {
            return; // the plant is still loading; EnsurePlan makes the first plan
        }

        // A manager's latest assignments on this work order hold for this re-plan, pinned or not.
        var order = await GrainFactory.GetGrain<IWorkOrderGrain>(workOrderId).GetView();
        var forced = order?.Operations.Where(o => o.MachineId is not null && o.Status != OperationStatus.Done)
            .Select(o => ShopModel.OperationId(order.Id, o.Sequence)).ToHashSet(StringComparer.Ordinal) ?? [];
        await ReplanAsync($"work order {workOrderId} changed", null, forced, keepAssignments: true);
    }

    public Task OnWorkerChanged(string workerId) =>
        state.State.PlanVersion == 0 ? Task.CompletedTask : ReplanAsync($"worker {workerId} clocked in or out", null, new HashSet<string>(), keepAssignments: false);

    public async Task<CommandResult> SetMode(PlanMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            return CommandResult.Refused(Refusal.Invalid($"'{mode}' is not a plan mode"), state.State.PlanVersion);
        }

        state.State.Mode = mode;
        await state.WriteStateAsync();
        return CommandResult.Ok(state.State.PlanVersion);
    }

    public async Task<CommandResult> AcceptProposal(long proposalId, string decidedBy)
    {
        var s = state.State;
        if (s.Proposal is not { } proposal || proposal.Id != proposalId)
        {
            return CommandResult.Refused(Refusal.NotFound($"proposal {proposalId} is not pending at site {SiteId}"), s.PlanVersion);
        }

        if (proposal.BasedOnVersion != s.PlanVersion)
        {
            return CommandResult.Refused(Refusal.Conflict(
                $"proposal {proposalId} was made for plan {proposal.BasedOnVersion}, but plan {s.PlanVersion} is in force"), s.PlanVersion);
        }

        s.Proposal = null;
        await ApplyAsync(proposal.Operations, proposal.Moves, proposal.Objective, $"{proposal.Trigger} (accepted by {decidedBy})", proposal.Solver,
            [.. s.Unplanned], proposal.PlannedAt);
        Publish(new ProposalChanged(SiteId, proposal.Id, "accepted", decidedBy, proposal));
        return CommandResult.Ok(s.PlanVersion);
    }

    public async Task<CommandResult> RejectProposal(long proposalId, string decidedBy)
    {
        var s = state.State;
        if (s.Proposal is not { } proposal || proposal.Id != proposalId)
        {
            return CommandResult.Refused(Refusal.NotFound($"proposal {proposalId} is not pending at site {SiteId}"), s.PlanVersion);
        }

        s.Proposal = null;
        await state.WriteStateAsync();
        Publish(new ProposalChanged(SiteId, proposal.Id, "rejected", decidedBy, proposal));
        return CommandResult.Ok(s.PlanVersion);
    }

    public async Task OfferImprovedPlan(long basedOnVersion, ImmutableArray<PlannedOperationView> operations, string solver)
    {
        if (_optimizing is not { } run || run.BasedOnVersion != basedOnVersion)
        {
            return; // the plan moved on while the optimizer ran
        }

        var s = state.State;
        var offered = run.Model.ToPlan(operations, run.Problem);
        if (PlanChecker.Check(run.Problem, offered) is { Count: > 0 } violations)
        {
            logger.LogWarning("Discarded an optimized plan for {Site}: {Violation}", SiteId, violations[0]);
            return;
        }

        var baseline = run.ProposalId is { } pid
            ? s.Proposal is { } pending && pending.Id == pid ? pending.Operations : default
            : s.PlanVersion == basedOnVersion ? [.. s.Operations] : default;
        if (baseline.IsDefault)
        {
            return;
        }

        var baselinePlan = run.Model.ToPlan(baseline, run.Problem);
        if (!ObjectiveValues.Of(run.Problem, offered).IsBetterThan(ObjectiveValues.Of(run.Problem, baselinePlan), run.Problem.Objective))
        {
            return;
        }

        _optimizing = null;
        var inForce = run.Model.ToPlan(s.Operations, run.Problem);
        var views = run.Model.ToViews(offered, run.Problem);
        var moves = Moves(run.Model, Replanner.Diff(inForce, offered), run.Problem);
        await OfferAsync(views, moves, run.Model.Objective(run.Problem, offered), $"{s.Proposal?.Trigger ?? s.Trigger} (optimized)", solver,
            [.. s.Unplanned], run.PlannedAt, forceApply: false);
    }

    /// <param name="keepAssignments">Keep planned machines and workers where they still hold (fewer changes on the floor).</param>
    private async Task ReplanAsync(string trigger, string? failedMachine, IReadOnlySet<string> forcedPins, bool keepAssignments)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var (model, _, problem, unplanned, current) = await BuildLiveProblemAsync(now, forcedPins);
        // A manager's reassignment moves the operation even when the plan had it started: it restarts where the manager
        // put it, so it is not frozen in place for this re-plan.
        var basis = forcedPins.Count == 0 ? current : current with { Operations = [.. current.Operations.Where(o => !forcedPins.Contains(o.OperationId))] };
        var slack = (long)_options.ReassignmentSlack.TotalSeconds;
        var planning = ConstructiveOptions.Replan with { TimeLimit = _options.ConstructiveSearchLimit };
        var policy = new ReplanPolicy((long)_options.WaitForRepairThreshold.TotalSeconds, keepAssignments, slack, planning);
        var result = failedMachine is not null && s.FailedUntil.TryGetValue(failedMachine, out var until) && until > now
            ? Replanner.OnMachineFailure(problem, basis, new MachineFailure(failedMachine, model.Seconds(now), model.Seconds(until)), policy)
            : Replanner.Replan(problem, basis, model.Seconds(now), keepAssignments, slack, planning);
        if (result.Plan is not { } plan)
        {
            logger.LogWarning("No feasible plan for {Site} after {Trigger}: {Message}", SiteId, trigger, result.Result.Message);
            s.Unplanned = [.. unplanned, $"no feasible plan: {result.Result.Message}"];
            await state.WriteStateAsync();
            return;
        }

        var moves = Moves(model, ReferenceEquals(basis, current) ? result.Moves : Replanner.Diff(current, plan), result.Problem);
        await OfferAsync(model.ToViews(plan, result.Problem), moves, model.Objective(result.Problem, plan), trigger, "dispatcher", unplanned,
            now, forceApply: s.PlanVersion == 0);
        StartOptimizer(result.Problem, plan, model, now);
    }

    /// <summary>
    /// The scheduling problem as the plant stands at <paramref name="now"/> and the plan in force in its terms: what every
    /// re-plan and every what-if scenario starts from.
    /// </summary>
    private async Task<LiveProblem> BuildLiveProblemAsync(DateTimeOffset now, IReadOnlySet<string> forcedPins)
    {
        var s = state.State;
        s.Origin ??= new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var model = new ShopModel(s.Origin.Value);
        var picture = await LoadPictureAsync();
        var (problem, unplanned) = model.Build(picture, now, s.FailedUntil, forcedPins);
        return new LiveProblem(model, picture, problem, unplanned, model.ToPlan(s.Operations, problem));
    }

    private async Task OfferAsync(ImmutableArray<PlannedOperationView> operations, ImmutableArray<PlanMoveView> moves, PlanObjectiveView objective,
        string trigger, string solver, ImmutableArray<string> unplanned, DateTimeOffset plannedAt, bool forceApply = false)
    {
        var s = state.State;
        if (moves.IsEmpty && !forceApply && unplanned.SequenceEqual(s.Unplanned))
        {
            return; // nothing moved: no new version, no proposal, no event
        }

        if (s.Mode == PlanMode.AutoApply || forceApply)
        {
            await ApplyAsync(operations, moves, objective, trigger, solver, unplanned, plannedAt);
            return;
        }

        if (s.Proposal is { } old)
        {
            Publish(new ProposalChanged(SiteId, old.Id, "superseded", null, old));
        }

        var proposal = new PlanProposalView(++s.LastProposalId, s.PlanVersion, trigger, solver, plannedAt, objective, moves, operations);
        s.Proposal = proposal;
        s.Unplanned = [.. unplanned];
        await state.WriteStateAsync();
        Publish(new ProposalChanged(SiteId, proposal.Id, "offered", null, proposal));
    }

    private async Task ApplyAsync(ImmutableArray<PlannedOperationView> operations, ImmutableArray<PlanMoveView> moves, PlanObjectiveView objective,
        string trigger, string solver, ImmutableArray<string> unplanned, DateTimeOffset plannedAt)
    {
        var s = state.State;
        s.PlanVersion++;
        s.Operations = [.. operations];
        s.Objective = objective;
        s.Trigger = trigger;
        s.Solver = solver;
        s.AppliedAt = clock.GetUtcNow();
        s.Unplanned = [.. unplanned];
        if (s.Proposal is { } stale && stale.BasedOnVersion != s.PlanVersion)
        {
            s.Proposal = null;
            Publish(new ProposalChanged(SiteId, stale.Id, "superseded", null, stale));
        }

        await state.WriteStateAsync();
        Publish(new PlanChanged(SiteId, s.PlanVersion, trigger, solver, objective, moves));
        await Task.WhenAll(operations.GroupBy(o => o.WorkOrderId)
            .Select(g => GrainFactory.GetGrain<IWorkOrderGrain>(g.Key).ApplyPlan(s.PlanVersion, plannedAt, [.. g])));
        await RefreshCurrentOperations(CancellationToken.None);
    }

    private void StartOptimizer(SchedulingProblem problem, SchedulePlan hint, ShopModel model, DateTimeOffset plannedAt)
    {
        _optimizer?.Cancel();
        _optimizer = null;
        if (_options.OptimizerTimeLimit <= TimeSpan.Zero || problem.OperationCount == 0)
        {
            return;
        }

        // What starts before the optimizer can answer is frozen, so its plan never moves work already under way.
        problem = Replanner.FreezeStarted(problem, hint, model.Seconds(plannedAt + _options.OptimizerTimeLimit) + 1, null);
        var s = state.State;
        _optimizing = (problem, model, s.PlanVersion, s.Proposal?.Id, plannedAt);
        var cts = _optimizer = new CancellationTokenSource();
        var self = this.AsReference<IDispatcherGrain>();
        var basedOn = s.PlanVersion;
        var solveOptions = new SolveOptions(_options.OptimizerTimeLimit, Seed: 0, Hint: hint, Workers: _options.OptimizerThreads);
        // Off the grain's scheduler: the grain keeps answering while CP-SAT searches; the result comes back as a message.
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await new CpSatSolver(clock).SolveAsync(problem, solveOptions, cts.Token);
                if (result.Plan is { } plan && !cts.IsCancellationRequested)
                {
                    await self.OfferImprovedPlan(basedOn, model.ToViews(plan, problem), result.IsOptimal ? "cp-sat (optimal)" : "cp-sat");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The optimizer failed for site {Site}", SiteId);
            }
        });
    }

    /// <summary>Tells each machine which planned operation it runs now.</summary>
    private async Task RefreshCurrentOperations(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var running = state.State.Operations.Where(o => o.Start <= now && now < o.End)
            .GroupBy(o => o.MachineId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var machines = running.Keys.Concat(_toldMachines.Keys).Distinct(StringComparer.Ordinal).ToList();
        var calls = new List<Task>();
        foreach (var machine in machines)
        {
            var next = running.TryGetValue(machine, out var op) ? (op.WorkOrderId, (int?)op.Sequence) : ((string?)null, (int?)null);
            if (_toldMachines.TryGetValue(machine, out var told) && told == next)
            {
                continue;
            }

            _toldMachines[machine] = next;
            calls.Add(GrainFactory.GetGrain<IMachineGrain>(machine).SetCurrentOperation(next.Item1, next.Item2));
        }

        await Task.WhenAll(calls);
    }

    private async Task<PlantPicture> LoadPictureAsync()
    {
        var site = await GrainFactory.GetGrain<ISiteGrain>(SiteId).GetView()
            ?? throw new InvalidOperationException($"site {SiteId} is not defined");
        var machines = Task.WhenAll(site.MachineIds.Select(id => GrainFactory.GetGrain<IMachineGrain>(id).GetView()));
        var orders = Task.WhenAll(site.WorkOrderIds.Select(id => GrainFactory.GetGrain<IWorkOrderGrain>(id).GetView()));
        var workers = Task.WhenAll(site.WorkerIds.Select(id => GrainFactory.GetGrain<IWorkerGrain>(id).GetView()));
        return new PlantPicture((await machines).OfType<MachineView>().ToList(), (await orders).OfType<WorkOrderView>().ToList(),
            (await workers).OfType<WorkerView>().ToList());
    }

    private static ImmutableArray<PlanMoveView> Moves(ShopModel model, IReadOnlyList<OperationMove> moves, SchedulingProblem problem)
    {
        var pinned = problem.Pinned.Select(p => p.OperationId).ToHashSet(StringComparer.Ordinal);
        return moves.Select(m =>
        {
            var to = model.ToView(m.After, pinned.Contains(m.OperationId));
            return new PlanMoveView(to.WorkOrderId, to.Sequence, m.Before is null ? null : model.ToView(m.Before, pinned.Contains(m.OperationId)), to);
        }).ToImmutableArray();
    }

    private void Publish(PlantEvent plantEvent) => GrainFactory.GetGrain<IPlantFeedGrain>(SiteId).Publish(plantEvent).Ignore();
}
