using System.Text.RegularExpressions;

namespace Orchestrator.Config;

/// <summary>Environment variable names a process may set: letters, digits and '_', not starting with a digit.</summary>
internal static partial class EnvironmentName
{
    /// <summary>Names orch injects itself (see <see cref="InjectedEnvironment"/>); a config may not set them.</summary>
    public const string ReservedPrefix = "ORCH_";

    public static bool IsValid(string text) => Pattern().IsMatch(text);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Pattern();
}
