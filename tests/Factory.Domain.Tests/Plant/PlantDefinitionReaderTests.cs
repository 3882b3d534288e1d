using Factory.Domain.PackMl;
using Factory.Domain.Plant.Definition;
using Factory.Testing;

namespace Factory.Domain.Tests.Plant;

/// <summary>The one reader of the plant file: strict, checked, and every problem named in one message.</summary>
public class PlantDefinitionReaderTests
{
    [Fact]
    public void The_demo_plant_reads_with_every_machine_and_no_problems()
    {
        var plant = PlantDefinitionReader.Read(RepoPaths.DemoPlant);
        var site = Assert.Single(plant.Sites);
        Assert.Equal("plant-1", site.Id);
        var machines = site.Lines.SelectMany(l => l.Machines).ToList();
        Assert.Equal(14, machines.Count);
        var cnc4 = Assert.Single(machines, m => m.Id == "CNC-04");
        Assert.Equal(15, cnc4.IdealCycleTimeSeconds);
        Assert.Equal(PackMlState.Idle, cnc4.InitialStateOr(PackMlState.Execute));
        Assert.Empty(PlantDefinitionReader.Check(plant));
    }

    [Fact]
    public void A_missing_file_is_named_with_its_full_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-plant-{Guid.NewGuid():N}.json");
        var error = Assert.Throws<PlantDefinitionException>(() => PlantDefinitionReader.Read(path));
        Assert.Equal($"Plant definition file '{Path.GetFullPath(path)}' does not exist.", error.Message);
    }

    [Fact]
    public void A_misspelt_key_stops_the_read_naming_it()
    {
        var error = Assert.Throws<PlantDefinitionException>(() => PlantDefinitionReader.Parse(
            """{ "sites": [{ "id": "s1", "lines": [{ "id": "L1", "machines": [{ "id": "M1", "idealCycleTime": 3 }] }] }] }""", "test.json"));
        Assert.StartsWith("Plant definition file 'test.json' is not valid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'idealCycleTime'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(MachineDefinitionEntry), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_stops_the_read_with_its_place()
    {
        var error = Assert.Throws<PlantDefinitionException>(() => PlantDefinitionReader.Parse(
            """{ "sites": [{ "id": "s1", "lines": [{ "id": "L1", "machines": [{ "id": "M1", "idealCycleTimeSeconds": "fast" }] }] }] }""", "test.json"));
        Assert.Contains("$.sites[0].lines[0].machines[0].idealCycleTimeSeconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_names_its_source()
    {
        var error = Assert.Throws<PlantDefinitionException>(() => PlantDefinitionReader.Parse("{ \"sites\": [", "broken.json"));
        Assert.StartsWith("Plant definition file 'broken.json' is not valid: ", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("{ \"sites\": 5 }")]
    [InlineData("{ \"lines\": [] }")]
    [InlineData("[]")]
    public void Json_that_is_no_plant_is_named_as_such(string json)
    {
        var error = Assert.Throws<PlantDefinitionException>(() => PlantDefinitionReader.Parse(json, "other.json"));
        Assert.Equal("Plant definition file 'other.json' has no \"sites\" array.", error.Message);
    }

    [Fact]
    public void Every_problem_of_the_file_is_named_one_a_line_in_file_order()
    {
        var error = Assert.Throws<PlantDefinitionException>(() => PlantDefinitionReader.Parse("""
            { "sites": [{ "id": "s1",
                "endpoints": [{ "id": "plc", "url": "opc.tcp://a:4840" }, { "id": "plc", "url": "opc.tcp://b:4840" }],
                "lines": [
                  { "id": "L1", "machines": [
                    { "id": "A", "idealCycleTimeSeconds": 0 },
                    { "id": "B", "idealCycleTimeSeconds": 3, "initialState": "Flying" },
                    { "id": "A", "idealCycleTimeSeconds": 2 },
                    { "id": "", "idealCycleTimeSeconds": -1, "initialState": "6" }] },
                  { "id": "L2", "machines": [] },
                  { "id": "L1", "machines": [{ "id": "C", "initialState": "held" }] }],
                "workers": [{ "id": "W1" }, { "id": "W1" }],
                "workOrders": [{ "id": "" }] },
              { "id": "s1" }] }
            """, "test.json"));
        Assert.Equal(
            """
            Plant definition file 'test.json' has problems:
             - endpoint id 'plc' is used twice
             - machine 'A' needs a positive idealCycleTimeSeconds
             - machine 'B' has an unknown initialState 'Flying'
             - machine id 'A' is used twice
             - a machine has no id
             - machine '' needs a positive idealCycleTimeSeconds
             - machine '' has an unknown initialState '6'
             - line 'L2' has no machines
             - line id 'L1' is used twice
             - worker id 'W1' is used twice
             - a work order has no id
             - site id 's1' is used twice
            """.ReplaceLineEndings(Environment.NewLine), error.Message);
    }

    [Fact]
    public void A_machine_without_a_cycle_time_or_a_state_is_left_to_each_reader_to_default()
    {
        var plant = PlantDefinitionReader.Parse(
            """{ "sites": [{ "id": "s1", "lines": [{ "id": "L1", "machines": [{ "id": "M1" }, { "id": "M2", "initialState": "sTOPPED" }] }] }] }""", "test.json");
        var machines = plant.Sites[0].Lines[0].Machines;
        Assert.Null(machines[0].IdealCycleTimeSeconds);
        Assert.Equal(PackMlState.Idle, machines[0].InitialStateOr(PackMlState.Idle));
        Assert.Equal(PackMlState.Execute, machines[0].InitialStateOr(PackMlState.Execute));
        Assert.Equal(PackMlState.Stopped, machines[1].InitialStateOr(PackMlState.Execute));
    }

    [Fact]
    public void A_definition_built_in_code_is_checked_like_a_file()
    {
        var plant = new PlantDefinition
        {
            Sites = [new SiteDefinitionEntry { Id = "s1", Lines = [new LineDefinitionEntry { Id = "L1", Machines = [new MachineDefinitionEntry { Id = "M1", InitialState = "Dancing" }] }] }],
        };
        Assert.Equal(["machine 'M1' has an unknown initialState 'Dancing'"], PlantDefinitionReader.Check(plant));
        var error = Assert.Throws<PlantDefinitionException>(() => plant.Sites[0].Lines[0].Machines[0].InitialStateOr(PackMlState.Idle));
        Assert.Equal("machine 'M1' has an unknown initialState 'Dancing'", error.Message);
    }
}
