using System.CommandLine;
using System.CommandLine.Parsing;
using Orchestrator.Config;

namespace Orchestrator.Cli.Railway;

/// <summary>The options the <c>orch railway</c> verbs share; each verb gets its own instances.</summary>
internal static class RailwayOptions
{
    /// <summary>The release path a Railway deploy sends: the release is the image, so the path is only a label.</summary>
    public const string ReleaseLabel = "railway";

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

    /// <summary>The config's text and absolute path, refused here when it has no [railway] or does not load.</summary>
    public static async Task<(string Toml, string Path, AppConfig App)> ReadConfigAsync(
        ParseResult parseResult, Option<string> config, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.GetFullPath(parseResult.GetRequiredValue(config));
        var toml = await ConfigFile.ReadAsync(path, cancellationToken);
        var loaded = AppConfigLoader.Load(toml, path);
        if (loaded.Config is not { } app)
        {
            throw new CliFailureException(
                $"{path} has {loaded.Problems.Length} problem(s): {string.Join("; ", loaded.Problems)}",
                "fix them and run again; `orch validate` lists them");
        }

        if (app.Railway is null)
        {
            throw new CliFailureException(
                $"{path} has no [railway]: app '{app.App}' runs on its own hosts",
                "deploy it with `orch deploy`, or add [railway] (see the README's [railway] section)");
        }

        return (toml, path, app);
    }
}
