using Factory.Domain.PackMl;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using S = Factory.Domain.PackMl.PackMlState;
using C = Factory.Domain.PackMl.PackMlCommand;

namespace Factory.Domain.Tests.PackMl;

public sealed class PackMlStateMachineTests
{
    // The legal transitions, written out from reference/packml.md independently of the implementation.
    private static readonly (S From, C Command, S To)[] Legal =
    [
        (S.Aborted, C.Clear, S.Clearing),
        (S.Stopped, C.Reset, S.Resetting),
        (S.Idle, C.Start, S.Starting),
        (S.Execute, C.Complete, S.Completing),
        (S.Complete, C.Reset, S.Resetting),
        (S.Execute, C.Hold, S.Holding),
        (S.Held, C.Unhold, S.Unholding),
        (S.Execute, C.Suspend, S.Suspending),
        (S.Suspended, C.Unsuspend, S.Unsuspending),
        .. new[] { S.Resetting, S.Idle, S.Starting, S.Execute, S.Completing, S.Complete, S.Holding, S.Held, S.Unholding, S.Suspending, S.Suspended, S.Unsuspending }
            .Select(s => (s, C.Stop, S.Stopping)),
        .. Enum.GetValues<S>().Where(s => s is not S.Aborting and not S.Aborted).Select(s => (s, C.Abort, S.Aborting)),
    ];

    private static readonly S[] HoldExtensionSources = [S.Starting, S.Suspending, S.Suspended, S.Unsuspending, S.Unholding];

    public static TheoryData<S, C> AllPairs()
    {
        var data = new TheoryData<S, C>();
        foreach (var s in Enum.GetValues<S>())
        {
            foreach (var c in Enum.GetValues<C>())
            {
                data.Add(s, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_state_and_command_matches_the_standard(S state, C command)
    {
        var expected = Legal.Where(t => t.From == state && t.Command == command).Select(t => (S?)t.To).SingleOrDefault();

        var result = PackMlStateMachine.Apply(state, command);

        if (expected is { } target)
        {
            Assert.True(result.Accepted, result.Refusal);
            Assert.Equal(target, result.Target);
        }
        else
        {
            Assert.False(result.Accepted);
            Assert.Equal(state, result.Target);
            Assert.Contains(state.ToString(), result.Refusal);
            Assert.Contains(command.ToString(), result.Refusal);
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Hold_extensions_add_only_hold_from_the_optional_states(S state, C command)
    {
        var plain = PackMlStateMachine.Apply(state, command, holdExtensions: false);
        var extended = PackMlStateMachine.Apply(state, command, holdExtensions: true);

        if (command == C.Hold && HoldExtensionSources.Contains(state))
        {
            Assert.False(plain.Accepted);
            Assert.True(extended.Accepted);
            Assert.Equal(S.Holding, extended.Target);
        }
        else
        {
            Assert.Equal(plain, extended);
        }
    }

    [Fact]
    public void Abort_is_heard_in_stopped_stopping_and_clearing_which_two_public_implementations_get_wrong()
    {
        foreach (var state in new[] { S.Stopped, S.Stopping, S.Clearing })
        {
            Assert.Equal(S.Aborting, PackMlStateMachine.Apply(state, C.Abort).Target);
        }

        Assert.False(PackMlStateMachine.Apply(S.Aborting, C.Abort).Accepted);
        Assert.False(PackMlStateMachine.Apply(S.Aborted, C.Abort).Accepted);
    }

    [Theory]
    [InlineData(S.Clearing, S.Stopped)]
    [InlineData(S.Resetting, S.Idle)]
    [InlineData(S.Starting, S.Execute)]
    [InlineData(S.Execute, S.Completing)]
    [InlineData(S.Completing, S.Complete)]
    [InlineData(S.Holding, S.Held)]
    [InlineData(S.Unholding, S.Execute)]
    [InlineData(S.Suspending, S.Suspended)]
    [InlineData(S.Unsuspending, S.Execute)]
    [InlineData(S.Stopping, S.Stopped)]
    [InlineData(S.Aborting, S.Aborted)]
    public void Acting_states_complete_to_the_next_state(S acting, S next)
    {
        Assert.True(PackMlStateMachine.IsActing(acting));
        Assert.Equal(next, PackMlStateMachine.StateComplete(acting));
    }

    [Theory]
    [InlineData(S.Stopped)]
    [InlineData(S.Idle)]
    [InlineData(S.Suspended)]
    [InlineData(S.Held)]
    [InlineData(S.Aborted)]
    [InlineData(S.Complete)]
    public void Wait_states_change_only_on_commands(S wait)
    {
        Assert.False(PackMlStateMachine.IsActing(wait));
        Assert.Equal(wait, PackMlStateMachine.StateComplete(wait));
    }

    [Fact]
    public void The_model_has_seventeen_states_ten_commands_and_three_modes()
    {
        Assert.Equal(17, Enum.GetValues<S>().Count(s => s != S.Undefined));
        Assert.Equal(10, Enum.GetValues<C>().Length);
        Assert.Equal(3, Enum.GetValues<UnitMode>().Count(m => m != UnitMode.Unknown));
    }

    [Property(MaxTest = 500)]
    public Property Any_command_sequence_stays_inside_the_model_and_refusals_change_nothing(NonEmptyArray<byte> raw, bool holdExtensions)
    {
        var state = S.Stopped;
        foreach (var b in raw.Get)
        {
            // Interleave commands with "state complete" so acting states are left too.
            if (b % 11 == 0)
            {
                state = PackMlStateMachine.StateComplete(state);
                continue;
            }

            var command = (C)(b % 10 + 1);
            var result = PackMlStateMachine.Apply(state, command, holdExtensions);
            if (!result.Accepted && result.Target != state)
            {
                return false.Label($"refused {command} in {state} but moved to {result.Target}");
            }

            state = result.Target;
            if (!Enum.IsDefined(state) || state == S.Undefined)
            {
                return false.Label($"left the model: {state}");
            }
        }

        return true.ToProperty();
    }
}
