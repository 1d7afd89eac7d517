namespace Orchestrator.Cli.Output;

/// <summary>Lines that fit a terminal of a given width (no width: a pipe or <c>--wide</c>, where lines keep their length).</summary>
internal static class TextLine
{
    public const string Ellipsis = "…";
    private const string Separator = "  ";
    private const string ContinuationIndent = "    ";

    /// <summary>
    /// <paramref name="key"/>, then each of <paramref name="optional"/> (most important first) that still fits, two
    /// blanks apart; the key is cut short with an ellipsis when even it is too wide.
    /// </summary>
    public static string Fit(int? width, string key, params string?[] optional)
    {
        var line = key;
        foreach (var part in optional)
        {
            if (!string.IsNullOrEmpty(part) && (width is null || line.Length + Separator.Length + part.Length <= width))
            {
                line += Separator + part;
            }
        }

        return Truncate(line, width);
    }

    /// <summary><paramref name="text"/> cut to <paramref name="width"/> characters, its last one an ellipsis.</summary>
    public static string Truncate(string text, int? width) =>
        width is { } max && text.Length > max ? text[..Math.Max(0, max - Ellipsis.Length)] + Ellipsis : text;

    /// <summary>
    /// A message that must be read whole (why a process is unhealthy) folded at blanks into lines of at most
    /// <paramref name="width"/>, the following ones indented, instead of letting the terminal break it anywhere.
    /// </summary>
    public static IEnumerable<string> Wrap(string text, int? width)
    {
        if (width is not { } max || text.Length <= max)
        {
            yield return text;
            yield break;
        }

        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (candidate.Length <= max || line.Trim().Length == 0)
            {
                line = candidate;
                continue;
            }

            yield return Truncate(line, max);
            line = ContinuationIndent + word;
        }

        yield return Truncate(line, max);
    }
}
