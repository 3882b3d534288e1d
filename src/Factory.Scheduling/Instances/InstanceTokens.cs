using System.Globalization;

namespace Factory.Scheduling.Instances;

/// <summary>Reads whitespace-separated integers from an instance file, skipping '#' comment lines, with line numbers for errors.</summary>
internal sealed class InstanceTokens
{
    private readonly List<(long Value, int Line)> _tokens = [];
    private readonly string _source;
    private int _position;

    public InstanceTokens(string text, string source)
    {
        _source = source;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            foreach (var part in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                // Some files write the average flexibility as a decimal on the first line; it is read and ignored.
                if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        _tokens.Add((-1, i + 1));
                        continue;
                    }

                    throw new FormatException($"{_source}:{i + 1}: '{part}' is not a number");
                }

                _tokens.Add((value, i + 1));
            }
        }
    }

    public bool AtEnd => _position >= _tokens.Count;

    public int CurrentLine => _position < _tokens.Count ? _tokens[_position].Line : (_tokens.Count > 0 ? _tokens[^1].Line : 0);

    public List<long> RestOfLine()
    {
        var line = CurrentLine;
        var values = new List<long>();
        while (_position < _tokens.Count && _tokens[_position].Line == line)
        {
            values.Add(_tokens[_position++].Value);
        }

        return values;
    }

    public long Next(string what, long min, long max)
    {
        if (_position >= _tokens.Count)
        {
            throw new FormatException($"{_source}: unexpected end of file, expected {what}");
        }

        var (value, line) = _tokens[_position++];
        if (value < min || value > max)
        {
            throw new FormatException($"{_source}:{line}: {what} must be between {min} and {max}, got {value}");
        }

        return value;
    }

    public FormatException Error(string message) => new($"{_source}:{CurrentLine}: {message}");
}
