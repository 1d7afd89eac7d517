using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// <c>orch railway remove</c>: stops a deployment that no longer serves, now, so the janitor deletes its service without
/// waiting for its drain. <c>--deployment-name</c> takes a prefix of the id; more than one match is an error listing them.
/// </summary>
internal sealed class RailwayRemoveCommand : Command
{
    private static readonly Option<string> Config = RailwayOptions.Config();

    private static readonly Option<string?> DeploymentId = new("--deployment-id") { Description = "The deployment to remove", HelpName = "ID" };

    private static readonly Option<string?> DeploymentName = new("--deployment-name")
    {
        Description = "A prefix of the deployment's id (one match only)",
        HelpName = "PREFIX",
    };

    public RailwayRemoveCommand()
        : base("remove", "Stop a deployment that does not serve and delete its Railway service")
    {
        Options.Add(Config);
        DeploymentId.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(DeploymentId);
        Options.Add(DeploymentName);
        Validators.Add(result =>
        {
            if ((result.GetValue(DeploymentId) is null) == (result.GetValue(DeploymentName) is null))
            {
                result.AddError("name the deployment to remove: pass --deployment-id ID or --deployment-name PREFIX (one of them)");
            }
        });
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await RailwayOptions.ReadConfigAsync(parseResult, Config, cancellationToken);
        using var client = cli.CreateClient();
        var id = parseResult.GetValue(DeploymentId) ?? await ResolvePrefixAsync(client, config.App.App, parseResult.GetValue(DeploymentName)!, cancellationToken);
        var result = await client.RemoveAsync(new RemoveRequest(config.App.App, id), cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }

    private static async Task<string> ResolvePrefixAsync(
        Control.Client.ControlClient client, string app, string prefix, CancellationToken cancellationToken)
    {
        var status = await client.StatusAsync(app, cancellationToken);
        var matches = status.Apps.SelectMany(a => a.Deployments).Select(d => d.Id).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return matches switch
        {
            [var one] => one,
            [] => throw new CliFailureException($"no deployment of app '{app}' starts with '{prefix}'", "`orch railway status` lists them"),
            _ => throw new CliFailureException(
                $"'{prefix}' is ambiguous: {matches.Count} deployments of app '{app}' start with it: {string.Join(", ", matches)}",
                "pass a longer --deployment-name, or --deployment-id"),
        };
    }
}
