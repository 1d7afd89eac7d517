using System.CommandLine;
using Orchestrator.Config;

namespace Orchestrator.Cli.Railway;

/// <summary>What the <c>orch railway</c> verbs share: the app config they act on.</summary>
internal static class RailwayOptions
{
    /// <summary>The release path a Railway deploy sends: the release is the image, so the path is only a label.</summary>
    public const string ReleaseLabel = "railway";

    public static readonly Option<string> Config = new("--config")
    {
        Description = "The app config (with [railway])",
        DefaultValueFactory = _ => ConfigFile.DefaultPath,
        HelpName = "FILE",
    };

    /// <summary>The config's text and absolute path, refused here when it has no [railway] or does not load.</summary>
    public static async Task<(string Toml, string Path, AppConfig App)> ReadConfigAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.GetFullPath(parseResult.GetRequiredValue(Config));
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
