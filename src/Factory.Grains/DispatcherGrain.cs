using Factory.Grains.Dispatch;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using Microsoft.Extensions.Hosting;
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
    PlantClock clock,
    IOptions<DispatchOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DispatcherGrain> logger) : Grain, IDispatcherGrain
{
    // How many orders one re-plan leaves out before it gives up: each costs a constructive solve.
    private const int MaxOrdersLeftOut = 8;

    private readonly DispatchOptions _options = options.Value;
    private IGrainTimer? _progressTimer;
    private (SchedulingProblem Problem, ShopModel Model, long BasedOnVersion, long? ProposalId, DateTimeOffset PlannedAt,
        IReadOnlyList<UnplannedMaintenance> UnplannedMaintenance)? _optimizing;
    private CancellationTokenSource? _optimizer;
    private PlantPictureCache? _picture;

    /// <summary>The optimizer run in flight (or last finished): a new run waits for it, so only one model is ever in memory.</summary>
    private Task _optimizerRun = Task.CompletedTask;

    private string SiteId => this.GetPrimaryKeyString();

    // The plan as last stored: what GetPlan answers, also while a re-plan is under way.
    private PlanView? _stored;

    private PlantPictureCache Picture => _picture ??= new PlantPictureCache(GrainFactory, SiteId, clock, _options.PictureRefreshInterval, _options.RunningOrderRefresh);

    private ReleaseMode ReleaseMode => state.State.ReleaseMode ?? _options.ReleaseMode;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ct => ReleaseReadyAsync(null), new GrainTimerCreationOptions(_options.ReleaseCheckInterval, _options.ReleaseCheckInterval));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _optimizer?.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>The plan in force (and the pending proposal): the one last stored, so a read served between a re-plan's
    /// steps (it interleaves) never sees a plan that storage has not taken.</summary>
    public Task<PlanView> GetPlan() => Task.FromResult(_stored ??= StoredView());

    private PlanView StoredView()
    {
        var s = state.State;
        return new PlanView(SiteId, s.PlanVersion, s.Mode, s.AppliedAt, s.Trigger, s.Solver, s.Objective,
            [.. s.Operations], [.. s.Unplanned], s.Proposal, ReleaseMode, [.. InForceMaintenance()]);
    }

    /// <summary>Stores the state (or restores it and throws, see <see cref="StateWrite"/>).</summary>
    private async Task SaveAsync()
    {
        try
        {
            await state.SaveOrRestoreAsync(this);
        }
        finally
        {
            // Stored, or restored from storage: either way the state now is what storage holds.
            _stored = StoredView();
        }
    }

    public Task EnsurePlan() => state.State.PlanVersion == 0 ? ReplanAsync("initial plan", null, new HashSet<string>(), keepAssignments: false) : Task.CompletedTask;

    public Task Replan(string trigger)
    {
        Picture.Invalidate(); // asked for by a person: from the plant as it is now
        return ReplanAsync(trigger, null, new HashSet<string>(), keepAssignments: false);
    }

    public async Task OnMachineAvailabilityChanged(string machineId, bool available, string? reason)
    {
        var now = clock.GetUtcNow();
        Picture.MachineChanged(machineId);
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
            await SaveAsync();
        }
    }

    public async Task OnMaintenanceWindowsChanged(string machineId, ImmutableArray<Factory.Contracts.Production.PlannedStopView> windows)
    {
        var s = state.State;
        if (windows.IsDefaultOrEmpty)
        {
            s.MaintenanceWindows.Remove(machineId);
        }
        else
        {
            s.MaintenanceWindows[machineId] = [.. windows];
        }

        if (s.PlanVersion > 0)
        {
            await ReplanAsync($"maintenance windows of machine {machineId} changed", null, new HashSet<string>(), keepAssignments: false);
        }
        else
        {
            await SaveAsync();
        }
    }

    public async Task OnMaintenanceToPlaceChanged(ImmutableArray<Factory.Contracts.Maintenance.MaintenanceToPlace> orders)
    {
        var s = state.State;
        var next = orders.IsDefault ? [] : orders.ToList();
        if (next.SequenceEqual(s.MaintenanceToPlace))
        {
            return; // sent again unchanged: nothing to re-plan
        }

        s.MaintenanceToPlace = next;
        if (s.PlanVersion > 0)
        {
            await ReplanAsync("due maintenance orders to place changed", null, new HashSet<string>(), keepAssignments: false);
        }

        // Stored even when the re-plan moved nothing (an order without a slot went away): the list must survive a restart.
        await SaveAsync();
    }

    public async Task OnWorkOrderChanged(string workOrderId)
    {
        Picture.WorkOrderChanged(workOrderId);
        if (state.State.PlanVersion == 0)
        {
            return; // the plant is still loading; EnsurePlan makes the first plan
        }

        // A manager's assignments on this work order that the plan in force has not seen hold for this re-plan, pinned or not.
        // Only those: the plan gives every other operation a machine too, and forcing those would freeze the whole order (#10).
        var order = await GrainFactory.GetGrain<IWorkOrderGrain>(workOrderId).GetView();
        var seen = state.State.AppliedAt ?? DateTimeOffset.MinValue;
        var forced = order?.Operations.Where(o => o.MachineId is not null && o.ManagerAssignedAt >= seen &&
                                                  o.Status is not (OperationStatus.Completed or OperationStatus.Cancelled))
            .Select(o => ShopModel.OperationId(order.Id, o.Sequence)).ToHashSet(StringComparer.Ordinal) ?? [];
        await ReplanAsync($"work order {workOrderId} changed", null, forced, keepAssignments: true);
    }

    public Task OnWorkerChanged(string workerId)
    {
        Picture.WorkerChanged(workerId);
        return state.State.PlanVersion == 0 ? Task.CompletedTask : ReplanAsync($"worker {workerId} clocked in or out", null, new HashSet<string>(), keepAssignments: false);
    }

    public async Task OnOperationProgress(string workOrderId)
    {
        Picture.WorkOrderChanged(workOrderId);
        if (state.State.PlanVersion == 0)
        {
            return;
        }

        // The next operation may be ready for a machine that is free now: release at once, re-plan a moment later.
        await ReleaseReadyAsync(null);

        // Several operations often start or end together (a machine completes, the next one is ready): one re-plan for all.
        _progressTimer ??= this.RegisterGrainTimer(async _ =>
        {
            _progressTimer?.Dispose();
            _progressTimer = null;
            await ReplanAsync("operations progressed on the floor", null, new HashSet<string>(), keepAssignments: true, optimize: false);
            await ReleaseReadyAsync(null);
        }, new GrainTimerCreationOptions(_options.ProgressReplanDelay, Timeout.InfiniteTimeSpan));
    }

    public Task OnMachineFree(string machineId)
    {
        Picture.MachineChanged(machineId);
        return state.State.PlanVersion == 0 ? Task.CompletedTask : ReleaseReadyAsync(machineId);
    }

    public async Task<CommandResult> SetReleaseMode(ReleaseMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            return CommandResult.Refused(Refusal.Invalid($"'{mode}' is not a release mode"), state.State.PlanVersion);
        }

        state.State.ReleaseMode = mode;
        await PublishModesAsync();
        await ReleaseReadyAsync(null);
        return CommandResult.Ok(state.State.PlanVersion);
    }

    public async Task<CommandResult> ReleaseOperation(string workOrderId, int sequence)
    {
        var planned = state.State.Operations.FirstOrDefault(o => o.WorkOrderId == workOrderId && o.Sequence == sequence);
        if (planned is null)
        {
            return CommandResult.Refused(Refusal.Conflict($"operation {sequence} of work order {workOrderId} is not in the plan of site {SiteId}"), state.State.PlanVersion);
        }

        var result = await GrainFactory.GetGrain<IWorkOrderGrain>(workOrderId).Release(sequence, planned.MachineId, planned.WorkerId);
        Picture.MachineChanged(planned.MachineId);
        Picture.WorkOrderChanged(workOrderId);
        return result.Accepted ? CommandResult.Ok(state.State.PlanVersion) : result;
    }

    public async Task<CommandResult> ReleaseNext(string machineId)
    {
        Picture.MachineChanged(machineId); // a person asks for this machine: read it as it is now
        var picture = await LoadPictureAsync();
        if (picture.Machines.FirstOrDefault(m => m.Id == machineId) is not { } machine)
        {
            return CommandResult.Refused(Refusal.NotFound($"machine {machineId} does not exist at site {SiteId}"), state.State.PlanVersion);
        }

        var next = NextPlanned(picture)(machine);
        if (next is null)
        {
            return CommandResult.Refused(Refusal.Conflict($"machine {machineId} has no planned operation that is ready"), state.State.PlanVersion);
        }

        var result = await GrainFactory.GetGrain<IWorkOrderGrain>(next.WorkOrderId).Release(next.Sequence, machineId, next.WorkerId);
        Picture.MachineChanged(machineId);
        Picture.WorkOrderChanged(next.WorkOrderId);
        return result.Accepted ? CommandResult.Ok(state.State.PlanVersion) : result;
    }

    public async Task<CommandResult> SetMode(PlanMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            return CommandResult.Refused(Refusal.Invalid($"'{mode}' is not a plan mode"), state.State.PlanVersion);
        }

        state.State.Mode = mode;
        await PublishModesAsync();
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
        await ApplyAsync(proposal.Operations, proposal.Maintenance, proposal.Moves, proposal.Objective, $"{proposal.Trigger} (accepted by {decidedBy})", proposal.Solver,
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
        await SaveAsync();
        Publish(new ProposalChanged(SiteId, proposal.Id, "rejected", decidedBy, proposal));
        return CommandResult.Ok(s.PlanVersion);
    }

    public async Task OfferImprovedPlan(long basedOnVersion, ImmutableArray<PlannedOperationView> operations, ImmutableArray<PlannedMaintenanceView> maintenance, string solver)
    {
        if (_optimizing is not { } run || run.BasedOnVersion != basedOnVersion)
        {
            return; // the plan moved on while the optimizer ran
        }

        var s = state.State;
        var offered = run.Model.ToPlan(operations, maintenance.IsDefault ? [] : maintenance, run.Problem);
        // The optimizer hands back the slots it placed; the tasks it left out found no slot in the first-fit placement it
        // starts from (CP-SAT models every task that has one), so they are unplanned with that placement's reason.
        var placedIds = offered.Maintenance.Select(m => m.TaskId).ToHashSet(StringComparer.Ordinal);
        offered = offered with
        {
            UnplannedMaintenance = [.. run.Problem.MaintenanceTasks.Where(t => !placedIds.Contains(t.Id)).Select(t =>
                run.UnplannedMaintenance.FirstOrDefault(u => u.TaskId == t.Id) ?? new UnplannedMaintenance(t.Id, "the optimizer found no slot in its window"))],
        };
        if (PlanChecker.Check(run.Problem, offered) is { Count: > 0 } violations)
        {
            logger.LogWarning("Discarded an optimized plan for {Site}: {Violation}", SiteId, violations[0]);
            return;
        }

        var (baseline, baselineMaintenance) = run.ProposalId is { } pid
            ? s.Proposal is { } pending && pending.Id == pid ? (pending.Operations, pending.Maintenance) : default
            : s.PlanVersion == basedOnVersion ? ([.. s.Operations], [.. s.Maintenance]) : default((ImmutableArray<PlannedOperationView>, ImmutableArray<PlannedMaintenanceView>));
        if (baseline.IsDefault)
        {
            return;
        }

        var baselinePlan = run.Model.ToPlan(baseline, baselineMaintenance, run.Problem);
        if (!ObjectiveValues.Of(run.Problem, offered).ImprovesOnBy(ObjectiveValues.Of(run.Problem, baselinePlan), run.Problem.Objective,
                (long)_options.PlanImprovementMargin.TotalSeconds))
        {
            return; // not better by the margin: the plan in force holds still
        }

        _optimizing = null;
        var inForce = run.Model.ToPlan(s.Operations, run.Problem);
        var views = run.Model.ToViews(offered, run.Problem);
        var placed = run.Model.ToMaintenanceViews(offered, run.Problem, baselineMaintenance, ToPlaceIds());
        var moves = Moves(run.Model, Replanner.Diff(inForce, offered), run.Problem);
        await OfferAsync(views, placed, moves, run.Model.Objective(run.Problem, offered), $"{s.Proposal?.Trigger ?? s.Trigger} (optimized)", solver,
            [.. s.Unplanned], run.PlannedAt, forceApply: false);
    }

    /// <param name="keepAssignments">Keep planned machines and workers where they still hold (fewer changes on the floor).</param>
    private async Task ReplanAsync(string trigger, string? failedMachine, IReadOnlySet<string> forcedPins, bool keepAssignments, bool optimize = true)
    {
        using var measured = GrainMetrics.MeasureReplan(SiteId);
        if (optimize)
        {
            // The optimizer's search is about a plan this re-plan replaces (it would be superseded when this one ends): stopped
            // now, its threads leave the cores to the re-plan the floor is waiting for (#20: on two cores the constructive
            // re-plan of a 1,000-machine site took three to five times as long beside a running search).
            _optimizer?.Cancel();
        }

        var s = state.State;
        var now = clock.GetUtcNow();
        LiveProblem live;
        using (GrainMetrics.MeasureReplanPhase(SiteId, "picture"))
        {
            live = await BuildLiveProblemAsync(now, forcedPins);
        }

        var (model, _, problem, unplanned, current) = live;
        // A manager's reassignment moves the operation even when the plan had it started: it restarts where the manager
        // put it, so it is not frozen in place for this re-plan.
        var basis = forcedPins.Count == 0 ? current : current with { Operations = [.. current.Operations.Where(o => !forcedPins.Contains(o.OperationId))] };
        var slack = (long)_options.ReassignmentSlack.TotalSeconds;
        var planning = ConstructiveOptions.Replan with { TimeLimit = _options.ConstructiveSearchLimit };
        // The plan in force, repaired, holds unless re-dispatching beats it by the margin an optimized plan must beat it by:
        // one rule for when the floor is worth re-sequencing.
        var hold = (long)_options.PlanImprovementMargin.TotalSeconds;
        var policy = new ReplanPolicy((long)_options.WaitForRepairThreshold.TotalSeconds, keepAssignments, slack, planning, hold);
        var failure = failedMachine is not null && s.FailedUntil.TryGetValue(failedMachine, out var until) && until > now
            ? new MachineFailure(failedMachine, model.Seconds(now), model.Seconds(until))
            : null;
        var origin = model.Seconds(now);
        // Off the grain's turn, like the optimizer: the plan in force (GetPlan, which interleaves) is answered while the
        // planners work on a large site, instead of waiting behind hundreds of milliseconds of solving (#20). The solve
        // reads only the immutable problem and plan it is given.
        async Task<ReplanResult> SolveAsync(SchedulingProblem p, SchedulePlan b)
        {
            using var _ = GrainMetrics.MeasureReplanPhase(SiteId, "solve");
            return await Task.Run(() => failure is not null
                ? Replanner.OnMachineFailure(p, b, failure, policy)
                : Replanner.Replan(p, b, origin, keepAssignments, slack, planning, hold));
        }

        var result = await SolveAsync(problem, basis);
        // One order the planner cannot place must not leave the whole site unplanned (#11, finding 2): the order the
        // failure names is listed as unplannable with the planner's reason, and the rest is planned again.
        for (var attempt = 0; result.Plan is null && attempt < MaxOrdersLeftOut && NamedJob(problem, result.Result.Message) is { } job; attempt++)
        {
            logger.LogWarning("Leaving {Order} out of the plan of {Site}: {Message}", job, SiteId, result.Result.Message);
            unplanned = unplanned.Add($"{job}: {result.Result.Message}");
            problem = problem.WithoutJob(job);
            var left = problem.Jobs.SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            var same = ReferenceEquals(basis, current);
            current = current with { Operations = [.. current.Operations.Where(o => left.Contains(o.OperationId))] };
            basis = same ? current : basis with { Operations = [.. basis.Operations.Where(o => left.Contains(o.OperationId))] };
            result = await SolveAsync(problem, basis);
        }

        if (result.Plan is not { } plan)
        {
            logger.LogWarning("No feasible plan for {Site} after {Trigger}: {Message}", SiteId, trigger, result.Result.Message);
            s.Unplanned = [.. unplanned, $"no feasible plan: {result.Result.Message}"];
            await SaveAsync();
            return;
        }

        using var applying = GrainMetrics.MeasureReplanPhase(SiteId, "apply");
        var tolerance = (long)_options.PlanTimeTolerance.TotalSeconds;
        var material = (ReferenceEquals(basis, current) ? result.Moves : Replanner.Diff(current, plan))
            .Where(m => m.Before is null || m.Before.MachineId != m.After.MachineId || m.Before.WorkerId != m.After.WorkerId ||
                        Math.Abs(m.Before.Start - m.After.Start) >= tolerance || Math.Abs(m.Before.End - m.After.End) >= tolerance)
            .ToList();
        var moves = Moves(model, material, result.Problem);
        // Work a down machine keeps, because nothing else can do it or because waiting for it is quicker, is said, not
        // left to look like an oversight.
        var stranded = s.FailedUntil.Where(f => f.Value > now).OrderBy(f => f.Key, StringComparer.Ordinal)
            .SelectMany(f => new[]
            {
                StrandedWork.Explain(result.Problem, plan, f.Key),
                StrandedWork.ExplainWaiting(result.Problem, plan, f.Key, f.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
            })
            .OfType<string>();
        var maintenance = model.ToMaintenanceViews(plan, result.Problem, current.Maintenance.Select(m =>
            new PlannedMaintenanceView(m.TaskId, m.MachineId, m.WorkerId, model.Time(m.Start), model.Time(m.End))), ToPlaceIds());
        var offeredBefore = (s.PlanVersion, s.Proposal?.Id);
        await OfferAsync(model.ToViews(plan, result.Problem), maintenance, moves, model.Objective(result.Problem, plan), trigger, "dispatcher",
            [.. unplanned, .. ShopModel.UnplannedMaintenance(plan), .. stranded], now, forceApply: s.PlanVersion == 0);
        if (optimize)
        {
            StartOptimizer(result.Problem, plan, model, now);
        }
        else if (offeredBefore != (s.PlanVersion, s.Proposal?.Id))
        {
            // A search on the plan this one replaced would be offered for a plan no longer in force, and dropped: it stops
            // now instead of holding the cores to the end of its budget.
            _optimizer?.Cancel();
        }
    }

    // The planners name the job they could not place as "job '<id>'"; only an id of the problem counts.
    private static string? NamedJob(SchedulingProblem problem, string? message) =>
        message is null ? null : problem.Jobs.Select(j => j.Id).FirstOrDefault(id => message.Contains($"job '{id}'", StringComparison.Ordinal));

    /// <summary>
    /// The scheduling problem as the plant stands at <paramref name="now"/> and the plan in force in its terms (aligned with
    /// what the floor reports: running and completed work as it is): what every re-plan and every what-if scenario starts from.
    /// </summary>
    private async Task<LiveProblem> BuildLiveProblemAsync(DateTimeOffset now, IReadOnlySet<string> forcedPins)
    {
        var s = state.State;
        s.Origin ??= new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var model = new ShopModel(s.Origin.Value);
        var picture = await LoadPictureAsync() with
        {
            MaintenanceWindows = [.. s.MaintenanceWindows.Values.SelectMany(w => w)],
            MaintenanceToPlace = [.. s.MaintenanceToPlace],
        };
        var (problem, unplanned) = model.Build(picture, now, s.FailedUntil, forcedPins);
        return new LiveProblem(model, picture, problem, unplanned,
            ShopModel.AlignWithFloor(model.ToPlan(s.Operations, s.Maintenance, problem), problem, model.Seconds(now)));
    }

    /// <summary>
    /// The slots of the plan in force whose orders are still to place: one started, planned by a manager or closed since
    /// (in proposal mode the plan in force stays until a proposal is accepted) no longer holds its machine.
    /// </summary>
    private IEnumerable<PlannedMaintenanceView> InForceMaintenance()
    {
        var toPlace = ToPlaceIds();
        return state.State.Maintenance.Where(m => toPlace.Contains(m.OrderId));
    }

    /// <summary>The orders the maintenance grain last asked to place: a slot of any other order is gone from the plan.</summary>
    private HashSet<string> ToPlaceIds() => state.State.MaintenanceToPlace.Select(m => m.OrderId).ToHashSet(StringComparer.Ordinal);

    private async Task OfferAsync(ImmutableArray<PlannedOperationView> operations, ImmutableArray<PlannedMaintenanceView> maintenance,
        ImmutableArray<PlanMoveView> moves, PlanObjectiveView objective, string trigger, string solver, ImmutableArray<string> unplanned,
        DateTimeOffset plannedAt, bool forceApply = false)
    {
        var s = state.State;
        if (moves.IsEmpty && !forceApply && unplanned.SequenceEqual(s.Unplanned) && maintenance.SequenceEqual(s.Maintenance))
        {
            return; // nothing moved: no new version, no proposal, no event
        }

        if (s.Mode == PlanMode.AutoApply || forceApply)
        {
            await ApplyAsync(operations, maintenance, moves, objective, trigger, solver, unplanned, plannedAt);
            return;
        }

        var superseded = s.Proposal;
        // The placed maintenance is part of the proposal: the plan in force keeps its slots until the proposal is accepted.
        var proposal = new PlanProposalView(++s.LastProposalId, s.PlanVersion, trigger, solver, plannedAt, objective, moves, operations, maintenance);
        s.Proposal = proposal;
        s.Unplanned = [.. unplanned];
        await SaveAsync();
        if (superseded is { } old)
        {
            Publish(new ProposalChanged(SiteId, old.Id, "superseded", null, old));
        }

        Publish(new ProposalChanged(SiteId, proposal.Id, "offered", null, proposal));
    }

    private async Task ApplyAsync(ImmutableArray<PlannedOperationView> operations, ImmutableArray<PlannedMaintenanceView> maintenance,
        ImmutableArray<PlanMoveView> moves, PlanObjectiveView objective, string trigger, string solver, ImmutableArray<string> unplanned, DateTimeOffset plannedAt)
    {
        var s = state.State;
        s.PlanVersion++;
        s.Operations = [.. operations];
        // Orders placed here and no longer to place (started, planned into a window by a manager, closed) lose their slot.
        var toPlace = ToPlaceIds();
        s.Maintenance = [.. maintenance.Where(m => toPlace.Contains(m.OrderId))];
        s.Objective = objective;
        s.Trigger = trigger;
        s.Solver = solver;
        s.AppliedAt = clock.GetUtcNow();
        s.Unplanned = [.. unplanned];
        var superseded = s.Proposal is { } stale && stale.BasedOnVersion != s.PlanVersion ? stale : null;
        if (superseded is not null)
        {
            s.Proposal = null;
        }

        await SaveAsync();
        if (superseded is not null)
        {
            Publish(new ProposalChanged(SiteId, superseded.Id, "superseded", null, superseded));
        }

        Publish(new PlanChanged(SiteId, s.PlanVersion, trigger, solver, objective, moves, s.Mode, ReleaseMode));
        // Only orders the plan gives something new are told (#10: every order of the plan was, and most changed nothing);
        // an order the picture does not know as it is now is told anyway. Each answers with what it now is, which the
        // picture keeps: the release check below reads none of them again.
        var told = operations.GroupBy(o => o.WorkOrderId).Where(g => GivesSomethingNew(Picture.KnownOrder(g.Key), g)).ToList();
        var answers = await Task.WhenAll(told.Select(g => GrainFactory.GetGrain<IWorkOrderGrain>(g.Key).ApplyPlan(s.PlanVersion, plannedAt, [.. g])));
        foreach (var order in answers.OfType<WorkOrderView>())
        {
            Picture.Know(order);
        }

        await ReleaseReadyAsync(null);
    }

    private static bool GivesSomethingNew(WorkOrderView? known, IEnumerable<PlannedOperationView> planned) =>
        known is null || planned.Any(p => known.Operations.FirstOrDefault(o => o.Sequence == p.Sequence) is not { } op ||
            PlanAdoption.Differs(op.MachineId, op.WorkerId, new PlanAssignment(p.Sequence, p.MachineId, p.WorkerId)));

    private void StartOptimizer(SchedulingProblem problem, SchedulePlan hint, ShopModel model, DateTimeOffset plannedAt)
    {
        _optimizer?.Cancel();
        _optimizer = null;
        if (_options.OptimizerTimeLimit <= TimeSpan.Zero || problem.OperationCount == 0)
        {
            return;
        }

        // What starts before the optimizer can answer (its quiet period, then its budget) is frozen, so its plan never moves
        // work already under way.
        problem = Replanner.FreezeStarted(problem, hint, model.Seconds(plannedAt + _options.OptimizerQuietPeriod + _options.OptimizerTimeLimit) + 1, null);
        var s = state.State;
        _optimizing = (problem, model, s.PlanVersion, s.Proposal?.Id, plannedAt, hint.UnplannedMaintenance);
        var cts = _optimizer = new CancellationTokenSource();
        var self = this.AsReference<IDispatcherGrain>();
        var basedOn = s.PlanVersion;
        var solveOptions = new SolveOptions(_options.OptimizerTimeLimit, Seed: 0, Hint: hint, Workers: _options.OptimizerThreads,
            MaxChoices: _options.OptimizerMaxChoices);
        var previous = _optimizerRun;
        var quiet = _options.OptimizerQuietPeriod;
        var site = SiteId;
        // Off the grain's scheduler: the grain keeps answering while CP-SAT searches; the result comes back as a message.
        _optimizerRun = Task.Run(async () =>
        {
            // A shutdown ends the search at once instead of offering a plan to a silo that no longer places grains; the
            // registration ends with the run, so runs leave nothing behind on the host's token.
            using var stopping = lifetime.ApplicationStopping.Register(cts.Cancel);
            try
            {
                // The run this one supersedes was cancelled above; its model is freed before this one is built.
                await previous;
                if (quiet > TimeSpan.Zero)
                {
                    // WhenAny: a newer plan ends the wait without an exception, and the run is counted as superseded.
                    await Task.WhenAny(Task.Delay(quiet, clock, cts.Token));
                }

                GrainMetrics.CountOptimizerRun(site, started: !cts.IsCancellationRequested);
                if (cts.IsCancellationRequested)
                {
                    return;
                }

                var result = await new CpSatSolver(clock).SolveAsync(problem, solveOptions, cts.Token);
                if (result.Plan is { } plan && !cts.IsCancellationRequested)
                {
                    await self.OfferImprovedPlan(basedOn, model.ToViews(plan, problem),
                        [.. plan.Maintenance.Select(m => new PlannedMaintenanceView(m.TaskId, m.MachineId, m.WorkerId, model.Time(m.Start), model.Time(m.End)))],
                        result.IsOptimal ? "cp-sat (optimal)" : "cp-sat");
                }
            }
            catch (OperationCanceledException)
            {
                // Superseded by a newer plan: nothing to offer. The run ends normally so the next one can wait on it.
            }
            catch (Exception e) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // An offer already on its way when the host began to stop fails to reach the grains it would update:
                // that is the shutdown, not a fault (the stored plan stands and the next start re-plans).
                logger.LogDebug(e, "The optimizer's plan for site {Site} was dropped by the shutdown", SiteId);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The optimizer failed for site {Site}", SiteId);
            }
        });
    }

    /// <summary>
    /// Releases to each free machine (or only <paramref name="onlyMachine"/>) its next planned operation that is ready,
    /// when the site releases automatically.
    /// </summary>
    private async Task ReleaseReadyAsync(string? onlyMachine)
    {
        if (ReleaseMode != ReleaseMode.Automatic || state.State.PlanVersion == 0 || state.State.Operations.Count == 0)
        {
            return;
        }

        var picture = await LoadPictureAsync();
        var released = new HashSet<(string, int)>();
        // A worker given a job in this pass is busy for the rest of it: the picture was read before (#20: two machines
        // whose next operations share a worker were both released at once, and the worker stood at two machines). The
        // worker counts as taken from the choice on, so the releases can go out together: one after the other, each
        // waited for two state writes, and a re-plan that freed ten machines took ten times that (#20). A release refused
        // (the picture was out of date) leaves its worker to the next check.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var nextFor = NextPlanned(picture, taken);
        var picks = new List<(string MachineId, PlannedSlot Next)>();
        foreach (var machine in picture.Machines.Where(m => onlyMachine is null || m.Id == onlyMachine))
        {
            if (nextFor(machine) is not { } next || !released.Add((next.WorkOrderId, next.Sequence)))
            {
                continue;
            }

            picks.Add((machine.Id, next));
            if (next.WorkerId is { } worker)
            {
                taken.Add(worker);
            }
        }

        var results = await Task.WhenAll(picks.Select(p =>
            GrainFactory.GetGrain<IWorkOrderGrain>(p.Next.WorkOrderId).Release(p.Next.Sequence, p.MachineId, p.Next.WorkerId)));
        for (var i = 0; i < picks.Count; i++)
        {
            var (machineId, next) = picks[i];
            // Released, it has a job now; refused, the picture of it was out of date: either way, read both again.
            Picture.MachineChanged(machineId);
            Picture.WorkOrderChanged(next.WorkOrderId);
            if (!results[i].Accepted)
            {
                logger.LogDebug("Did not release {Order}/{Sequence} to {Machine}: {Reason}", next.WorkOrderId, next.Sequence, machineId, results[i].Reason);
            }
        }
    }

    /// <summary>
    /// For <paramref name="picture"/>: the operation the plan gives a free machine next, or null when it is not free or
    /// nothing of its queue is ready. The plant's operations, busy workers and machine queues are indexed once per picture,
    /// not once per machine: a 1,000-machine site asks for every machine on each release check.
    /// </summary>
    /// <param name="taken">Workers given a job since the picture was read (the caller adds them as it chooses).</param>
    private Func<MachineView, PlannedSlot?> NextPlanned(PlantPicture picture, IReadOnlySet<string>? taken = null)
    {
        var operations = picture.WorkOrders.SelectMany(o => o.Operations.Select(op => (Key: (o.Id, op.Sequence), Op: op)))
            .ToDictionary(x => x.Key, x => x.Op);
        // A worker is free when clocked in and not already running (or about to run) an operation on another machine.
        var busy = picture.WorkOrders.SelectMany(o => o.Operations)
            .Where(op => op.Status is OperationStatus.Released or OperationStatus.Running && op.WorkerId is not null)
            .Select(op => op.WorkerId!).ToHashSet(StringComparer.Ordinal);
        var present = picture.Workers.Where(w => w.ClockedIn && !busy.Contains(w.Id)).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var queues = state.State.Operations.ToLookup(o => o.MachineId, StringComparer.Ordinal);
        // When each machine is down for maintenance: its planned orders' windows and the slots the plan placed due orders in.
        var down = state.State.MaintenanceWindows.Values.SelectMany(w => w).Select(w => (Machine: w.ScopeId, w.Start, w.End))
            .Concat(InForceMaintenance().Select(m => (Machine: m.MachineId, m.Start, m.End)))
            .Where(w => w.End > w.Start)
            .ToLookup(w => w.Machine, w => new Factory.Domain.Oee.TimeRange(w.Start, w.End), StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        return machine =>
        {
            var job = machine.Job is { } j ? new MachineJob(j.WorkOrderId, j.Sequence, j.OperationName, j.Product, j.Quantity, j.Program, j.WorkerId, j.ReleasedAt) { Phase = j.Phase } : null;
            if (JobExecution.WhyNotFree(machine.State, machine.UnavailableReason, job) is not null)
            {
                return null;
            }

            // An operation a manager has since assigned to another machine waits for the re-plan, not for this machine.
            var queue = queues[machine.Id]
                .Select(o => new PlannedSlot(o.WorkOrderId, o.Sequence, o.MachineId, o.WorkerId, o.Start, o.End,
                    operations.TryGetValue((o.WorkOrderId, o.Sequence), out var op) && (op.MachineId is null || op.MachineId == o.MachineId)
                        ? op.Status
                        : OperationStatus.Completed));
            return ReleaseRule.Next(queue, w => present.Contains(w) && taken?.Contains(w) != true, now, down[machine.Id]);
        };
    }

    /// <summary>The plan view changed (its modes): a new version, so clients holding the old one take it; the plan itself stands.</summary>
    private async Task PublishModesAsync()
    {
        var s = state.State;
        s.PlanVersion++;
        if (s.Proposal is { } pending)
        {
            s.Proposal = pending with { BasedOnVersion = s.PlanVersion };
        }

        await SaveAsync();
        Publish(new PlanChanged(SiteId, s.PlanVersion, $"modes: {s.Mode}, release {ReleaseMode}", s.Solver, s.Objective, [], s.Mode, ReleaseMode));
    }

    private Task<PlantPicture> LoadPictureAsync() => Picture.LoadAsync();

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
