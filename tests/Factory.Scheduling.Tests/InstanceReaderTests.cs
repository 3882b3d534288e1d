using Factory.Scheduling.Instances;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class InstanceReaderTests
{
    [Fact]
    public void Ft06_is_read_with_machines_numbered_from_zero()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("ft06"));

        Assert.Equal(6, problem.Machines.Count);
        Assert.Equal(6, problem.Jobs.Count);
        Assert.All(problem.Jobs, j => Assert.Equal(6, j.Operations.Count));
        var first = Assert.Single(problem.Jobs[0].Operations[0].Alternatives);
        Assert.Equal(("2", 1L), (first.MachineId, first.Duration));
        var last = Assert.Single(problem.Jobs[5].Operations[5].Alternatives);
        Assert.Equal(("2", 1L), (last.MachineId, last.Duration));
    }

    [Fact]
    public void Mk01_is_read_as_a_flexible_job_shop()
    {
        var problem = FjspReader.Read(Benchmarks.Brandimarte("mk01"));

        Assert.Equal(6, problem.Machines.Count);
        Assert.Equal(10, problem.Jobs.Count);
        var op = problem.Jobs[0].Operations[0];
        Assert.Equal([("0", 5L), ("2", 4L)], op.Alternatives.Select(a => (a.MachineId, a.Duration)));
    }

    [Fact]
    public void A_file_numbering_machines_from_one_is_shifted_to_zero()
    {
        var problem = FjspReader.Parse("2 2\n1 2 1 3 2 4\n1 1 2 5\n");

        Assert.Equal([("0", 3L), ("1", 4L)], problem.Jobs[0].Operations[0].Alternatives.Select(a => (a.MachineId, a.Duration)));
        Assert.Equal("1", problem.Jobs[1].Operations[0].Alternatives[0].MachineId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2 2\n0 1 1 2\n")]
    [InlineData("1 2\n0 1 7 2\n")]
    [InlineData("1 1\n0 -3\n")]
    [InlineData("1 1\n0 x\n")]
    [InlineData("1 1\n0 1 5\n")]
    [InlineData("99999999 99999999\n")]
    public void Bad_jsplib_input_is_refused_with_a_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => JsplibReader.Parse(text, "bad"));
        Assert.Contains("bad", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1\n")]
    [InlineData("1 2\n1 1 5 3\n")]
    [InlineData("1 2\n1 3 0 1 1 1 0 1\n")]
    [InlineData("1 2\n2 1 0 3\n")]
    public void Bad_fjsp_input_is_refused_with_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => FjspReader.Parse(text, "bad"));
    }

    [Fact]
    public void Every_catalogued_instance_reads()
    {
        var jsplib = BenchmarkCatalog.Read(Path.Combine(Benchmarks.Root, "jsplib", "instances.json"));
        var fjsp = BenchmarkCatalog.Read(Path.Combine(Benchmarks.Root, "fjsp", "instances.json"));

        Assert.Contains(jsplib, i => i.Name == "ft06" && i.Optimum == 55);
        Assert.Contains(fjsp, i => i.Name == "mk01" && i.Optimum == 40);
        foreach (var i in jsplib)
        {
            var p = JsplibReader.Read(i.Path);
            Assert.Equal((i.Jobs, i.Machines), (p.Jobs.Count, p.Machines.Count));
        }

        foreach (var i in fjsp)
        {
            // The collection lists mk06 with 15 machines; its file (like Brandimarte's paper) has 10.
            var p = FjspReader.Read(i.Path);
            Assert.Equal(i.Jobs, p.Jobs.Count);
            Assert.True(p.Machines.Count <= i.Machines, $"{i.Name}: {p.Machines.Count} machines, catalogue says {i.Machines}");
        }
    }
}
