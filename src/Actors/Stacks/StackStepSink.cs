using Akka.Actor;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;

namespace Orchestrator.Actors.Stacks;

/// <summary>The progress sink of one app's deploy in a run: tells the stack how it ended, then stops.</summary>
internal sealed class StackStepSink : ReceiveActor
{
    public StackStepSink(string app, string deploymentId)
    {
        Receive<DeployProgressed>(p => p.IsFinal, p => Finish(new StepFinished(app, deploymentId, p.Kind == DeployProgressed.Succeeded, p.Message)));
        Receive<DeployProgressed>(_ => { });
        Receive<DeployRefused>(r => Finish(new StepFinished(app, deploymentId, false, r.Hint is null ? r.Reason : $"{r.Reason} ({r.Hint})", r.IdTaken)));
    }

    public static Props Props(string app, string deploymentId) =>
        Akka.Actor.Props.Create(() => new StackStepSink(app, deploymentId));

    private void Finish(StepFinished finished)
    {
        Context.Parent.Tell(finished);
        Context.Stop(Self);
    }
}

/// <summary>To the stack: one app's deploy ended.</summary>
internal sealed record StepFinished(string App, string DeploymentId, bool Succeeded, string Message, bool IdTaken = false);
