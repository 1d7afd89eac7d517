using System.Text.RegularExpressions;

namespace Orchestrator.Config;

/// <summary>App names and process ids: lowercase letters, digits and '-', starting with a letter, at most 63 characters.</summary>
/// <remarks>They end up in deployment ids, file names, environment variable names and (on Railway) service names.</remarks>
internal static partial class Identifier
{
    public const int MaxLength = 63;

    public const string Rule = "lowercase letters, digits and '-', starting with a letter, at most 63 characters";

    public static bool IsValid(string text) => Pattern().IsMatch(text);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex Pattern();
}
