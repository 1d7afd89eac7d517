using System.Globalization;

namespace Orchestrator.Config;

/// <summary>A process's <c>port</c>: <c>"18182-18299"</c>, <c>"18182"</c> or <c>18182</c>.</summary>
internal static class PortRangeSyntax
{
    public const int Lowest = 1024;
    public const int Highest = 65535;

    /// <summary>The range, or a plain-words reason it is not one.</summary>
    public static (PortRange? Range, string? Problem) Parse(object value) => value switch
    {
        long single => Check(single, single),
        string text => ParseText(text),
        _ => (null, $"must be a port or a range such as \"18182-18299\", not {TableReader.Describe(value)}"),
    };

    private static (PortRange?, string?) ParseText(string text)
    {
        var parts = text.Split('-');
        if (parts.Length is 1 or 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return Check(first, last);
        }

        return (null, $"'{text}' is not a port or a port range; write \"first-last\" or a single port");
    }

    private static (PortRange?, string?) Check(long first, long last)
    {
        if (first is < Lowest or > Highest || last is < Lowest or > Highest)
        {
            return (null, $"ports must lie between {Lowest} and {Highest}, not {first}-{last}");
        }

        if (first > last)
        {
            return (null, $"the range {first}-{last} is reversed; the first port must not exceed the last");
        }

        return (new PortRange((int)first, (int)last), null);
    }
}
