using Factory.Domain.PackMl;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Factory.Simulator.Tests;

/// <summary>Any sequence of commands and waits: the machine accepts exactly what PackML allows, and a refusal changes nothing.</summary>
public sealed class CommandLegalityProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 60)]
    public Property Commands_follow_the_PackML_state_machine(NonEmptyArray<byte> steps, bool holdExtensions)
    {
        var clock = new ManualClock(T0);
        var sim = PlantSimulator.StartAsync(new SimulatorOptions
        {
            Machines = [new SimulatedMachineSpec("M1", "L1", TimeSpan.FromSeconds(1), PackMlState.Stopped) { HoldExtensions = holdExtensions }],
            Port = 0,
            TimeProvider = clock,
            TickInterval = TimeSpan.FromSeconds(1),
            MeanTimeBetweenFailures = TimeSpan.Zero,
        }).GetAwaiter().GetResult();
        try
        {
            var machine = sim.Machines["M1"];
            foreach (var step in steps.Get)
            {
                if (step % 3 == 0)
                {
                    clock.Advance(TimeSpan.FromSeconds(step % 7));
                    continue;
                }

                var command = (PackMlCommand)(1 + (step % 10));
                var before = (machine.State, machine.ProducedCount);
                var expected = PackMlStateMachine.Apply(before.State, command, holdExtensions);
                var actual = machine.Command(command);
                if (actual.Accepted != expected.Accepted)
                {
                    return false.Label($"{command} in {before.State}: accepted {actual.Accepted}, PackML says {expected.Accepted}");
                }

                var after = (machine.State, machine.ProducedCount);
                if (expected.Accepted ? machine.State != expected.Target : after != before)
                {
                    return false.Label($"{command} in {before.State} left {machine.State}");
                }
            }

            return true.ToProperty();
        }
        finally
        {
            sim.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
