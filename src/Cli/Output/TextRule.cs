namespace Orchestrator.Cli.Output;

/// <summary><c>── title ─────…</c>: the heading of one app (or of the cluster) above its tables.</summary>
internal static class TextRule
{
    /// <summary>Rules stop at this width on a wide terminal, and are this wide in a pipe or a file.</summary>
    public const int MaxWidth = 120;

    /// <summary>What the rule adds around its title: <c>── </c> before it and at least one blank after.</summary>
    public const int Decoration = 4;

    public static string Of(string title, int width)
    {
        var head = $"── {title} ";
        return head.Length >= width ? head.TrimEnd() : head + new string('─', width - head.Length);
    }
}
