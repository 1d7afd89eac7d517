using System.CommandLine;
using System.CommandLine.Parsing;
using Orchestrator.Control.Client;

namespace Orchestrator.Cli;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Control = new("--control")
    {
        Description = $"The daemon's control socket, or http://HOST:PORT / https://HOST of a daemon's --control-listen, sent ${ControlEndpoint.TokenEnvironmentVariable} (default: ${Defaults.ControlEnvironmentVariable}, else <state dir>/{Defaults.ControlSocketFileName})",
        Recursive = true,
        HelpName = "PATH|URL",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document (NDJSON for streams) instead of text",
        Recursive = true,
    };

    /// <summary>An http(s) address must be one the client can reach; a path is checked when it is used.</summary>
    public static void ValidateControl(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is not { Length: > 0 } control)
        {
            return;
        }

        try
        {
            ControlEndpoint.Parse(control, token: null);
        }
        catch (FormatException ex)
        {
            result.AddError(ex.Message);
        }
    }
}
