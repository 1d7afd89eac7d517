using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.Stacks;
using Orchestrator.Config;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>Stack runs: handed to the stack's entity, which deploys the apps through their app entities.</summary>
internal sealed partial class ActorControlPlane
{
    public async Task<StackRunResponse> DeployStackAsync(StackDeployRequest request, CancellationToken cancellationToken)
    {
        if (request.Apps.IsDefaultOrEmpty)
        {
            throw new ControlPlaneException(400, $"stack '{request.Stack}' has no apps to deploy", "list them as [[app]] in the stack file");
        }

        // What the daemon runs is what it validates, as for one app's deploy.
        var problems = request.Apps
            .SelectMany(a => AppConfigLoader.Load(a.ConfigToml, a.ConfigPath).Problems.Select(p => $"{a.ConfigPath}: {p}"))
            .ToImmutableArray();
        if (!problems.IsEmpty)
        {
            throw new ControlPlaneException(400, $"stack '{request.Stack}' has {problems.Length} problem(s)",
                "fix them and deploy again; `orch validate --stack` lists them", problems);
        }

        var node = await actors;
        await JournalProbe.EnsureAvailableAsync(node.System, cancellationToken);
        var apps = request.Apps
            .Select(a => new StackRunApp(a.App, a.ConfigToml, Path.GetFullPath(a.ConfigPath), Path.GetFullPath(a.ReleasePath), a.Revision, a.DependsOn))
            .ToImmutableArray();
        return await node.Stacks.Ask<object>(new RunStack(request.Stack, apps), AskTimeout, cancellationToken) switch
        {
            StackRunAccepted accepted => new StackRunResponse(accepted.Stack, accepted.RunId),
            StackRunRefused refused => throw new ControlPlaneException(409, refused.Reason, refused.Hint),
            var other => throw new ControlPlaneException(500, $"stack '{request.Stack}' answered {other.GetType().Name}", "see the daemon log"),
        };
    }

    public async Task<StackStatusResponse> StackStatusAsync(string stack, CancellationToken cancellationToken)
    {
        var node = await actors;
        var view = await node.Stacks.Ask<StackStatusView>(new GetStackStatus(stack), AskTimeout, cancellationToken);
        return new StackStatusResponse(view.Stack, view.Run is { } run ? StackStatusMapper.ToContract(run) : null);
    }
}
