using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.Domain.Work;
using FsCheck.Xunit;

namespace Factory.Domain.Tests.Plant;

public sealed class MachineUnitPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private static readonly PackMlState[] Reported =
        [PackMlState.Execute, PackMlState.Aborting, PackMlState.Held, PackMlState.Idle, PackMlState.Stopped, PackMlState.Complete];

    /// <summary>
    /// Any sequence of commands, telemetry, data quality, jobs taken and taken back leaves a consistent machine: a refused
    /// operation changes nothing and sends nothing, a PLC's machine takes no command through the API, a producing machine
    /// has no fault and an aborted one has one, a Good quality has no reason and never dates back, and the current order is
    /// the job's.
    /// </summary>
    [Property(MaxTest = 300)]
    public void Random_operations_keep_the_machine_consistent(int[] operations, bool plc)
    {
        var machine = new MachineUnit("M1", PackMlState.Idle, T0) { QualitySince = T0, GracePeriod = TimeSpan.FromMinutes(2), PlcConfigured = plc };
        var now = T0;
        long counter = 0;
        operations ??= [];
        for (var i = 0; i < operations.Length; i++)
        {
            var op = Spread(operations[i], i);
            now = now.AddSeconds(1 + op / 16 % 60);
            var pick = op / 128;
            // A PLC mostly reports the states that matter for faults and jobs, sometimes any.
            var state = pick % 4 == 0 ? PackMlStateMachine.States[(int)(pick / 4 % (uint)PackMlStateMachine.States.Count)] : Reported[(int)(pick / 4 % 6)];
            var command = (PackMlCommand)(pick % 12); // two of them are no PackML command
            var quality = (DataQuality)(pick % 5 % 4);
            var order = $"WO-{pick % 3}";
            var step = (op % 8) switch
            {
                0 or 1 => machine.Execute(command, now),
                2 when plc => machine.Observe(new PlcReading("opc.tcp://plc1", pick % 7 != 0 ? state : null, now, null, quality,
                    "said so", pick % 3 == 0 ? $"{order}/10" : null, pick % 5 == 0 ? (long)(pick % 7) : null, pick % 4 == 0 ? pick % 8 == 0 : null), now),
                2 => machine.CompleteTransientState(now),
                3 => machine.SetQuality(quality, "connection", now.AddSeconds(pick % 200 - 100.0), now),
                4 => machine.Take(new MachineJob(order, 10, "Pack", "Shaft", (long)(pick % 6), null, null, now), 4, now),
                5 => machine.Withdraw(order, 10, now),
                6 => (machine with { GoodReading = counter += pick % 3, ScrapReading = 0, PlcReported = true }).Advance(now),
                _ => machine.CompleteTransientState(now),
            };

            if (step.Refusal is not null)
            {
                Assert.Equal(machine, step.Unit);
                Assert.False(step.Significant || step.Freed || step.JobDropped);
                Assert.Empty(step.Reports);
                Assert.Empty(step.PlcWrites);
                Assert.True(op % 8 is not (0 or 1) || machine.HasPlc || machine.Check(command).Refusal == step.Refusal);
                continue;
            }

            if (op % 8 is 0 or 1)
            {
                Assert.False(machine.HasPlc); // only a machine the API drives takes a command through it
                Assert.Null(machine.Check(command).Refusal); // and the check is the same rule
            }

            Assert.True(step.Unit.QualitySince >= machine.QualitySince && step.Unit.QualitySince <= now);
            machine = step.Unit;
            Assert.True(machine.State != PackMlState.Execute || machine.FaultReason is null);
            Assert.True(machine.State is not (PackMlState.Aborting or PackMlState.Aborted) || machine.FaultReason is not null);
            Assert.True(machine.Quality != DataQuality.Good || machine.QualityReason is null);
            Assert.Equal(machine.Job?.WorkOrderId, machine.CurrentWorkOrderId);
            Assert.All(step.PlcWrites, w => Assert.True(plc || machine.HasPlc));
        }
        }

    /// <summary>
    /// FsCheck draws small numbers: mixed with their place in the sequence and spread over all bits (a fixed mix, so a
    /// failing case replays), so every field drawn from one varies along the sequence.
    /// </summary>
    private static uint Spread(int raw, int at)
    {
        var x = unchecked(((ulong)(uint)raw * 0x9E3779B97F4A7C15UL) + ((ulong)at * 0xBF58476D1CE4E5B9UL));
        x = unchecked((x ^ (x >> 31)) * 0x94D049BB133111EBUL);
        return (uint)(x ^ (x >> 29));
    }
}
