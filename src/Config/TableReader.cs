using Tomlyn;
using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>Reads one TOML table against its <see cref="ConfigSection"/>, reporting each problem under its dotted key.</summary>
internal sealed class TableReader(TomlTable table, string path, ConfigSection section, ConfigProblems problems)
{
    public string Path => path;

    public ConfigProblems Problems => problems;

    public string KeyOf(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public bool Has(string key) => table.ContainsKey(key);

    public void Problem(string key, string problem) => problems.Add(KeyOf(key), problem, section.ExampleOf(key));

    public void Problem(string key, string problem, string example) => problems.Add(KeyOf(key), problem, example);

    public void RejectUnknownKeys()
    {
        foreach (var key in table.Keys.Where(k => !section.Contains(k)))
        {
            var suggestion = KeySuggestion.Nearest(key, section.Keys);
            if (suggestion is null)
            {
                problems.Add(KeyOf(key), $"unknown key '{key}'; known keys here: {string.Join(", ", section.Keys)}", $"remove '{key}'");
            }
            else
            {
                problems.Add(KeyOf(key), $"unknown key '{key}'; did you mean '{suggestion}'?", section.ExampleOf(suggestion));
            }
        }
    }

    public object? Value(string key) => table.TryGetValue(key, out var value) ? value : null;

    public string? String(string key, bool required = false)
    {
        switch (Value(key))
        {
            case null:
                if (required)
                {
                    Problem(key, $"'{key}' is required");
                }

                return null;
            case string text:
                return text;
            case var other:
                Problem(key, $"must be a string, not {Describe(other)}");
                return null;
        }
    }

    /// <summary>A string that, when given, has more than whitespace.</summary>
    public string? NonEmptyString(string key)
    {
        var text = String(key);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Problem(key, "must not be empty");
            return null;
        }

        return text;
    }

    public int? Integer(string key, int minimum, int maximum = int.MaxValue)
    {
        switch (Value(key))
        {
            case null:
                return null;
            case long number when number >= minimum && number <= maximum:
                return (int)number;
            case long number when number < minimum:
                Problem(key, $"must be at least {minimum}, not {number}");
                return null;
            case long number:
                Problem(key, $"must be at most {maximum}, not {number}");
                return null;
            case var other:
                Problem(key, $"must be an integer, not {Describe(other)}");
                return null;
        }
    }

    public double? Number(string key, double minimum)
    {
        double? number = Value(key) switch
        {
            long integer => integer,
            double real => real,
            _ => null,
        };
        if (number is null)
        {
            if (Has(key))
            {
                Problem(key, $"must be a number, not {Describe(Value(key))}");
            }

            return null;
        }

        if (double.IsNaN(number.Value) || double.IsInfinity(number.Value) || number < minimum)
        {
            Problem(key, $"must be a number of at least {minimum}, not {number}");
            return null;
        }

        return number;
    }

    public bool? Bool(string key)
    {
        switch (Value(key))
        {
            case null:
                return null;
            case bool flag:
                return flag;
            case var other:
                Problem(key, $"must be true or false, not {Describe(other)}");
                return null;
        }
    }

    /// <param name="positive">Whether zero is refused too (an interval of zero would spin).</param>
    public TimeSpan? Duration(string key, bool positive = false)
    {
        var value = Value(key);
        if (value is null)
        {
            return null;
        }

        if (value is not string text)
        {
            Problem(key, $"must be a duration string with a unit such as \"30s\", not {Describe(value)}");
            return null;
        }

        if (text.StartsWith('-'))
        {
            Problem(key, $"'{text}' is negative; a duration is zero or more");
            return null;
        }

        if (!Config.Duration.TryParse(text, out var duration))
        {
            Problem(key, $"'{text}' is not a duration; write a number with a unit: ms, s, m or h (e.g. 250ms, 30s, 1h30m)");
            return null;
        }

        if (positive && duration == TimeSpan.Zero)
        {
            Problem(key, $"must be greater than zero, not '{text}'");
            return null;
        }

        return duration;
    }

    public TomlTable? Table(string key)
    {
        switch (Value(key))
        {
            case null:
                return null;
            case TomlTable nested:
                return nested;
            case var other:
                Problem(key, $"must be a table, not {Describe(other)}");
                return null;
        }
    }

    /// <summary>A reader for a nested table, already checked for unknown keys; null when the key is absent or not a table.</summary>
    public TableReader? Nested(string key, ConfigSection nestedSection)
    {
        if (Table(key) is not { } nested)
        {
            return null;
        }

        var reader = new TableReader(nested, KeyOf(key), nestedSection, problems);
        reader.RejectUnknownKeys();
        return reader;
    }

    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => $"the string \"{text}\"",
        long number => $"the integer {number}",
        double number => $"the number {number}",
        bool flag => flag ? "true" : "false",
        TomlTable => "a table",
        TomlTableArray => "an array of tables",
        TomlArray => "an array",
        TomlDateTime => "a date/time",
        _ => $"a {value.GetType().Name}",
    };
}
