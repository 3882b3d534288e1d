using System.Globalization;
using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>
/// Turns the tag values of one publish into one telemetry batch per machine (one grain call, not one per tag).
/// A second state value for the same machine starts a new batch, so no state in between is lost and every
/// state keeps its own SourceTimestamp.
/// </summary>
public static class TelemetryBatcher
{
    public static List<(string MachineId, MachineTelemetry Telemetry)> Batch(string source, IEnumerable<(TagBinding Binding, DataValue Value)> values, DateTimeOffset now)
    {
        var result = new List<(string, MachineTelemetry)>();
        var open = new Dictionary<string, Builder>(StringComparer.Ordinal);
        foreach (var (binding, value) in values)
        {
            var id = binding.Machine.MachineId;
            if (!open.TryGetValue(id, out var builder))
            {
                open[id] = builder = new Builder(source);
            }
            else if (binding.Kind == TagKind.State && builder.State is not null)
            {
                result.Add((id, builder.Build(now)));
                open[id] = builder = new Builder(source);
            }

            builder.Add(binding, value, now);
        }

        result.AddRange(open.Select(kv => (kv.Key, kv.Value.Build(now))));
        return result;
    }

    private sealed class Builder(string source)
    {
        private ImmutableDictionary<string, double>.Builder? _temperatures;
        private ImmutableDictionary<string, string>.Builder? _tags;
        private ImmutableDictionary<string, double>.Builder? _numbers;
        private PackMlState? _state;
        private DateTimeOffset? _stateAt;
        private UnitMode? _mode;
        private long? _produced;
        private long? _good;
        private long? _scrap;
        private double? _speed;
        private double? _setpoint;
        private string? _jobId;
        private bool? _jobComplete;
        private long? _jobGood;
        private DataQuality _quality = DataQuality.Good;
        private string? _stateProblem;
        private DateTimeOffset _newest = DateTimeOffset.MinValue;
        private int _count;

        public PackMlState? State => _state;

        public void Add(TagBinding binding, DataValue value, DateTimeOffset now)
        {
            _count++;
            var at = value.SourceTimestamp > DateTime.MinValue
                ? new DateTimeOffset(DateTime.SpecifyKind(value.SourceTimestamp, DateTimeKind.Utc))
                : value.ServerTimestamp > DateTime.MinValue ? new DateTimeOffset(DateTime.SpecifyKind(value.ServerTimestamp, DateTimeKind.Utc)) : now;
            if (at > _newest)
            {
                _newest = at;
            }

            var quality = value.StatusCode.IsBad ? DataQuality.Bad : value.StatusCode.IsUncertain ? DataQuality.Uncertain : DataQuality.Good;
            if (quality > _quality)
            {
                _quality = quality;
            }

            if (quality == DataQuality.Bad)
            {
                return; // a Bad value carries no usable value
            }

            var v = value.Value;
            double number;
            switch (binding.Kind)
            {
                case TagKind.State:
                    var reading = PackMlValues.State(v, binding.Machine);
                    _state = reading.State;
                    _stateAt = _state is null ? null : at;
                    _stateProblem = reading.Problem;
                    if (_state is null && _quality < DataQuality.Uncertain)
                    {
                        // A state the table does not know is not guessed; the machine's data becomes Uncertain, saying why.
                        _quality = DataQuality.Uncertain;
                    }

                    break;
                case TagKind.Mode:
                    _mode = PackMlValues.Mode(v);
                    break;
                case TagKind.Produced when PackMlValues.TryNumber(v, out number):
                    _produced = (long)number;
                    break;
                case TagKind.Good when PackMlValues.TryNumber(v, out number):
                    _good = (long)number;
                    break;
                case TagKind.Scrap when PackMlValues.TryNumber(v, out number):
                    _scrap = (long)number;
                    break;
                case TagKind.Speed when PackMlValues.TryNumber(v, out number):
                    _speed = number;
                    break;
                case TagKind.Setpoint when PackMlValues.TryNumber(v, out number):
                    _setpoint = number;
                    break;
                case TagKind.Temperature when PackMlValues.TryNumber(v, out number):
                    (_temperatures ??= ImmutableDictionary.CreateBuilder<string, double>())[binding.Name] = number;
                    break;
                case TagKind.JobId:
                    _jobId = Text(v);
                    break;
                case TagKind.JobGood when PackMlValues.TryNumber(v, out number):
                    _jobGood = (long)number;
                    break;
                case TagKind.JobComplete:
                    _jobComplete = v.Value is bool flag ? flag : PackMlValues.TryNumber(v, out number) ? number != 0 : _jobComplete;
                    break;
                case TagKind.Alarm or TagKind.Extra or TagKind.Heartbeat when PackMlValues.TryNumber(v, out number):
                    (_numbers ??= ImmutableDictionary.CreateBuilder<string, double>())[binding.Name] = number;
                    _tags?.Remove(binding.Name);
                    break;
                case TagKind.Alarm or TagKind.Extra or TagKind.Heartbeat:
                    (_tags ??= ImmutableDictionary.CreateBuilder<string, string>())[binding.Name] = Text(v);
                    _numbers?.Remove(binding.Name);
                    break;
            }
        }

        public MachineTelemetry Build(DateTimeOffset now) => new(
            source, _state, _stateAt, _mode, _produced, _good, _scrap, _speed, _setpoint,
            _temperatures?.ToImmutable(), _tags?.ToImmutable(), _quality, _newest == DateTimeOffset.MinValue ? now : _newest, _count, _jobId, _jobComplete)
        {
            QualityReason = _stateProblem,
            JobGood = _jobGood,
            Numbers = _numbers?.ToImmutable(),
        };

        private static string Text(Variant v) => v.Value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
    }
}
