using Factory.Domain.Maintenance;

namespace Factory.Domain.Tests.Maintenance;

/// <summary>"Tag above (or below) a limit for at least D": runs, gaps, exactly D, crossing back, the anchor and bad conditions.</summary>
public sealed class TagConditionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static readonly TagCondition Vibration = new("vibration", TagComparison.Above, 7.1, TimeSpan.FromMinutes(10));

    private static (DateTimeOffset, double) At(double minutes, double value) => (T0.AddMinutes(minutes), value);

    [Fact]
    public void A_value_above_the_limit_for_exactly_the_duration_holds_and_a_tick_less_does_not()
    {
        var samples = new[] { At(0, 5), At(1, 7.5), At(11, 6) };
        var held = Vibration.Evaluate(samples, T0, T0.AddHours(1));
        Assert.True(held.Held);
        Assert.Equal(T0.AddMinutes(1), held.Since);
        Assert.Equal(TimeSpan.FromMinutes(10), held.HeldFor);

        var shortOfIt = Vibration.Evaluate([At(0, 5), At(1, 7.5), (T0.AddMinutes(11).AddTicks(-1), 6)], T0, T0.AddHours(1));
        Assert.False(shortOfIt.Held);
        Assert.Null(shortOfIt.Since);
    }

    [Fact]
    public void The_value_at_the_limit_is_not_past_it()
    {
        var state = Vibration.Evaluate([At(0, 7.1)], T0, T0.AddHours(1));
        Assert.False(state.Held);
        Assert.Null(state.Since);
    }

    [Fact]
    public void Crossing_back_restarts_the_run_so_two_short_runs_do_not_add_up()
    {
        var samples = new[] { At(0, 8), At(6, 7.0), At(7, 8), At(13, 6) };
        var state = Vibration.Evaluate(samples, T0, T0.AddHours(1));
        Assert.False(state.Held);
        Assert.Equal(TimeSpan.Zero, state.HeldFor);
    }

    [Fact]
    public void A_gap_between_samples_keeps_the_value_in_force_because_connectors_report_by_exception()
    {
        // Samples at 0 and 30 minutes only: the value 9 was in force all along.
        var state = Vibration.Evaluate([At(0, 9), At(30, 9.5)], T0, T0.AddMinutes(31));
        Assert.True(state.Held);
        Assert.Equal(T0, state.Since);
    }

    [Fact]
    public void A_run_still_going_holds_once_it_reaches_the_end_of_the_window_and_says_since_when()
    {
        var going = Vibration.Evaluate([At(0, 5), At(2, 8)], T0, T0.AddMinutes(11));
        Assert.False(going.Held);
        Assert.Equal(T0.AddMinutes(2), going.Since);
        Assert.Equal(TimeSpan.FromMinutes(9), going.HeldFor);

        var reached = Vibration.Evaluate([At(0, 5), At(2, 8)], T0, T0.AddMinutes(12));
        Assert.True(reached.Held);
        Assert.Equal(T0.AddMinutes(2), reached.Since);
    }

    [Fact]
    public void A_run_that_lasted_in_the_past_holds_even_after_the_value_fell_back()
    {
        var state = Vibration.Evaluate([At(0, 8), At(15, 3), At(20, 9)], T0, T0.AddMinutes(25));
        Assert.True(state.Held);
        Assert.Equal(T0, state.Since);
        Assert.Equal(TimeSpan.FromMinutes(15), state.HeldFor);
    }

    [Fact]
    public void A_run_never_starts_before_the_window_but_the_value_in_force_at_its_start_counts()
    {
        // Above since an hour before the anchor: only the time since the anchor counts.
        var from = T0.AddMinutes(60);
        var before = Vibration.Evaluate([At(0, 8)], from, from.AddMinutes(9));
        Assert.False(before.Held);
        Assert.Equal(from, before.Since);
        Assert.True(Vibration.Evaluate([At(0, 8)], from, from.AddMinutes(10)).Held);

        // The latest sample before the window is the one in force.
        Assert.Null(Vibration.Evaluate([At(0, 8), At(30, 2)], from, from.AddMinutes(20)).Since);
    }

    [Fact]
    public void Samples_after_the_window_and_out_of_order_are_handled_and_an_empty_history_holds_nothing()
    {
        var state = Vibration.Evaluate([At(50, 2), At(0, 8), At(5, 8.2)], T0, T0.AddMinutes(8));
        Assert.False(state.Held);
        Assert.Equal(T0, state.Since);
        Assert.Equal(TagConditionState.NotHeld, Vibration.Evaluate([], T0, T0.AddDays(1)));
        Assert.Equal(TagConditionState.NotHeld, Vibration.Evaluate([At(0, 9)], T0, T0));
    }

    [Fact]
    public void A_non_finite_value_ends_a_run()
    {
        var state = Vibration.Evaluate([At(0, 8), At(5, double.NaN), At(6, 8)], T0, T0.AddMinutes(15));
        Assert.False(state.Held);
        Assert.Equal(T0.AddMinutes(6), state.Since);
    }

    [Fact]
    public void Below_holds_under_the_limit()
    {
        var pressure = new TagCondition("pressure", TagComparison.Below, 2, TimeSpan.FromMinutes(5));
        Assert.True(pressure.Evaluate([At(0, 3), At(1, 1.5)], T0, T0.AddMinutes(6)).Held);
        Assert.False(pressure.Evaluate([At(0, 3), At(1, 2)], T0, T0.AddMinutes(60)).Held);
    }

    [Fact]
    public void Validation_wants_a_tag_a_finite_limit_and_a_bounded_duration()
    {
        Assert.Empty(Vibration.Validate());
        Assert.NotEmpty((Vibration with { Tag = " " }).Validate());
        Assert.NotEmpty((Vibration with { Limit = double.PositiveInfinity }).Validate());
        Assert.NotEmpty((Vibration with { Limit = double.NaN }).Validate());
        Assert.NotEmpty((Vibration with { For = TimeSpan.Zero }).Validate());
        Assert.NotEmpty((Vibration with { For = TimeSpan.FromDays(8) }).Validate());
        Assert.NotEmpty((Vibration with { Comparison = (TagComparison)9 }).Validate());
    }

    [Fact]
    public void A_condition_plan_falls_due_when_its_condition_held_and_says_when_a_run_going_on_will_be_due()
    {
        var plan = new MaintenancePlan("PM-V", "CNC-1", "Check bearings", MaintenanceTrigger.Condition, 10, [], null,
            TimeSpan.FromMinutes(30), TimeSpan.FromHours(8), T0, Condition: Vibration);
        Assert.Empty(plan.Validate());

        var going = plan.DueAt(MachineUsage.None, T0.AddMinutes(4), Vibration.Evaluate([At(0, 8)], T0, T0.AddMinutes(4)));
        Assert.False(going.IsDue);
        Assert.Equal(4, going.Used, 9);
        Assert.Equal(6, going.Remaining, 9);
        Assert.Equal(T0.AddMinutes(10), going.NextDueAt);

        var due = plan.DueAt(MachineUsage.None, T0.AddMinutes(10), Vibration.Evaluate([At(0, 8)], T0, T0.AddMinutes(10)));
        Assert.True(due.IsDue);
        Assert.Equal(0, due.Remaining);

        // Unknown (no history) is not due, and a condition plan without its condition is refused.
        Assert.False(plan.DueAt(MachineUsage.None, T0.AddDays(1)).IsDue);
        Assert.NotEmpty((plan with { Condition = null }).Validate());
        Assert.NotEmpty((plan with { Trigger = MaintenanceTrigger.Cycles }).Validate());
    }
}
