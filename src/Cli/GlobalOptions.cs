using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Control = new("--control")
    {
        Description = $"The daemon's control socket (default: ${Defaults.ControlEnvironmentVariable}, else <state dir>/{Defaults.ControlSocketFileName})",
        Recursive = true,
        HelpName = "PATH",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document (NDJSON for streams) instead of text",
        Recursive = true,
    };
}
