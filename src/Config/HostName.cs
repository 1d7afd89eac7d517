using System.Text.RegularExpressions;

namespace Orchestrator.Config;

/// <summary>A Host header an app answers on: a DNS name, optionally a leading <c>*.</c> wildcard (as YARP matches hosts).</summary>
internal static partial class HostName
{
    public static bool IsValid(string text) => text.Length <= 253 && Pattern().IsMatch(text);

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
