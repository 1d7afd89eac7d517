using System.Globalization;
using System.Text;

namespace Orchestrator.Config;

/// <summary>Durations as <c>orch.toml</c> writes them: <c>250ms</c>, <c>30s</c>, <c>10m</c>, <c>1h</c>, <c>1h30m</c>, <c>1.5s</c>.</summary>
public static class Duration
{
    /// <summary>Parses one or more <c>number unit</c> pairs (units ms, s, m, h); no sign, no spaces, no bare numbers.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        decimal ticks = 0;
        var position = 0;
        while (position < text.Length)
        {
            var numberStart = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetterLower(text[position]))
            {
                position++;
            }

            if (!decimal.TryParse(text.AsSpan(numberStart, unitStart - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || !TryTicksPer(text[unitStart..position], out var unit)
                || number > (long.MaxValue - ticks) / unit)
            {
                return false;
            }

            ticks += number * unit;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    /// <summary>The shortest form that <see cref="TryParse"/> reads back: <c>0s</c>, <c>250ms</c>, <c>1.5s</c>, <c>1h30m</c>.</summary>
    /// <remarks>Precision is one millisecond; anything finer is dropped.</remarks>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate());
        }

        var totalMilliseconds = (long)value.TotalMilliseconds;
        if (totalMilliseconds == 0)
        {
            return "0s";
        }

        var hours = totalMilliseconds / 3_600_000;
        var minutes = totalMilliseconds / 60_000 % 60;
        var seconds = totalMilliseconds / 1000 % 60;
        var milliseconds = totalMilliseconds % 1000;

        var text = new StringBuilder();
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        if (seconds > 0 && milliseconds > 0)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{seconds}.{milliseconds:000}").TrimEnd('0')).Append('s');
        }
        else if (seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds}s");
        }
        else if (milliseconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{milliseconds}ms");
        }

        return text.ToString();
    }

    private static bool TryTicksPer(string unit, out decimal ticks)
    {
        ticks = unit switch
        {
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => 0m,
        };
        return ticks > 0;
    }
}
