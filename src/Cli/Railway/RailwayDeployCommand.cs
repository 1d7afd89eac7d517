using System.CommandLine;
using Orchestrator.Cli.Commands;
using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// <c>orch railway deploy</c>: a new Railway service for the image (or repo at a commit), promoted once healthy. It talks
/// to the app's control service (<c>--control https://…</c> with <c>ORCH_TOKEN</c>), which holds the Railway token;
/// exit 0 only once traffic is switched, else 1 with Railway's status and the deployment's last log lines.
/// </summary>
internal sealed class RailwayDeployCommand : Command
{
    private static readonly Option<string> Config = RailwayOptions.Config();

    private static readonly Option<string?> Image = new("--image")
    {
        Description = "The image this deployment runs (default: [railway] image)",
        HelpName = "IMAGE",
    };

    private static readonly Option<string?> Repo = new("--repo")
    {
        Description = "The GitHub repo this deployment builds, instead of an image (default: [railway] repo)",
        HelpName = "OWNER/REPO",
    };

    private static readonly Option<string?> Commit = new("--commit")
    {
        Description = "The commit of the repo to build (default: the head of [railway] branch)",
        HelpName = "SHA",
    };

    private static readonly Option<string?> Revision = new("--revision")
    {
        Description = "Revision label (default: the image's tag or the commit, else the UTC time)",
        HelpName = "REV",
    };

    private static readonly Option<string?> DeploymentId = new("--deployment-id")
    {
        Description = "Deployment id (default: <app>-<yyMMdd-HHmmss>); the service is <prefix>-<id>",
        HelpName = "ID",
    };

    private static readonly Option<bool> KeepFailed = new("--keep-failed")
    {
        Description = "Keep the service of a deployment that fails, for its logs (`orch railway remove` deletes it)",
    };

    private static readonly Option<string?> Canary = new("--canary")
    {
        Description = "Serve the deployment beside the active one for a share of the clients (10%) or the requests with a cookie (cookie:NAME=VALUE), until `orch promote` or `orch rollback`",
        HelpName = "RULE",
    };

    public RailwayDeployCommand()
        : base("deploy", "Deploy an image or a repo to Railway as a new service and switch traffic to it once healthy")
    {
        Options.Add(Image);
        Options.Add(Repo);
        Options.Add(Commit);
        Options.Add(Config);
        Options.Add(Revision);
        DeploymentId.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(DeploymentId);
        Options.Add(KeepFailed);
        Canary.Validators.Add(OptionRules.Canary);
        Options.Add(Canary);
        Validators.Add(result =>
        {
            if (result.GetValue(Image) is not null && result.GetValue(Repo) is not null)
            {
                result.AddError("--image and --repo name what the deployment runs: pass one of them");
            }
        });
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await RailwayOptions.ReadConfigAsync(parseResult, Config, cancellationToken);
        var image = parseResult.GetValue(Image);
        var commit = parseResult.GetValue(Commit);
        var request = new DeployRequest(
            config.Toml,
            config.Path,
            RailwayOptions.ReleaseLabel,
            parseResult.GetValue(Revision) ?? RevisionOf(image, commit),
            parseResult.GetValue(DeploymentId),
            image,
            parseResult.GetValue(Repo),
            commit,
            parseResult.GetValue(KeepFailed),
            parseResult.GetValue(Canary));
        using var client = cli.CreateClient();
        var final = await cli.Output.ProgressAsync("deploying to Railway", client.DeployAsync(request, cancellationToken), cancellationToken);
        return ProgressExit.Code(cli, final);
    }

    /// <summary>An image's tag (or digest) or a commit's short SHA; null lets the daemon use the time.</summary>
    private static string? RevisionOf(string? image, string? commit)
    {
        if (commit is not null)
        {
            return commit.Length > 12 ? commit[..12] : commit;
        }

        var name = image?[(image.LastIndexOf('/') + 1)..];
        var at = name?.IndexOfAny(['@', ':']) ?? -1;
        var tag = at < 0 ? null : name![(at + 1)..];
        return tag is { Length: > 0 } && SafeId.Problem("revision", tag) is null ? tag : null;
    }
}
