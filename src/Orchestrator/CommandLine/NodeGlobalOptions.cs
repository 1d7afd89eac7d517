using System.CommandLine;

namespace Orchestrator.CommandLine;

/// <summary>The options <c>orch</c> accepts before any verb, which it passes on to the verbs it hands over.</summary>
internal static class NodeGlobalOptions
{
    public static readonly Option<string?> Control = new("--control")
    {
        Description = $"The daemon's control socket (default: ${Defaults.ControlEnvironmentVariable}, else <state dir>/{Defaults.ControlSocketFileName})",
        Recursive = true,
        HelpName = "PATH",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document instead of text",
        Recursive = true,
    };

    public static string ResolveSocketPath(string? control) =>
        control is { Length: > 0 } ? Path.GetFullPath(control) : Defaults.ControlSocketPath();
}
