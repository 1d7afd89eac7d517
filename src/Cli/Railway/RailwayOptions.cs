using System.CommandLine;
using System.CommandLine.Parsing;

namespace Orchestrator.Cli.Railway;

/// <summary>The options the <c>orch railway</c> verbs share; each verb gets its own instances.</summary>
internal static class RailwayOptions
{
    public static Option<string> Config() => new("--config")
    {
        Description = "The app config, with its [railway] table",
        DefaultValueFactory = _ => ConfigFile.DefaultPath,
        HelpName = "FILE",
    };

    public static Option<string?> TokenFile() => new("--token-file")
    {
        Description = $"Where the control service's token is read from, or written to (mode 600) when it is generated; $ORCH_TOKEN wins (default: {Defaults.RailwayControlTokenFile} next to the config)",
        HelpName = "FILE",
    };

    public static Option<string?> RedisUrl()
    {
        var option = new Option<string?>("--redis-url")
        {
            Description = "An external Redis for the control service's journal (redis://… or rediss://…); without it the baseline gets its own <prefix>-redis service",
            HelpName = "URL",
        };
        option.Validators.Add(ValidateRedisUrl);
        return option;
    }

    private static void ValidateRedisUrl(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "redis" or "rediss" && parsed.Host.Length > 0))
        {
            result.AddError($"--redis-url '{url}' is not a Redis URL: write redis://[user:password@]HOST:PORT, or rediss:// for TLS");
        }
    }
}
