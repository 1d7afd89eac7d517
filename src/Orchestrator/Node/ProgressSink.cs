using System.Threading.Channels;
using Akka.Actor;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>
/// A short-lived actor that receives one deploy's progress and writes it to a channel the control API streams.
/// It stops itself after the final message.
/// </summary>
internal sealed class ProgressSink : ReceiveActor
{
    public ProgressSink(ChannelWriter<DeployProgress> writer, string app)
    {
        Receive<DeployProgressed>(p =>
        {
            writer.TryWrite(new DeployProgress(p.Kind, p.Message, DateTimeOffset.UtcNow, app, p.DeploymentId, p.Phase));
            if (p.IsFinal)
            {
                writer.TryComplete();
                Context.Stop(Self);
            }
        });
        Receive<DeployRefused>(r =>
        {
            writer.TryComplete(new ControlPlaneException(409, r.Reason, r.Hint));
            Context.Stop(Self);
        });
    }

    public static Props Props(ChannelWriter<DeployProgress> writer, string app) =>
        Akka.Actor.Props.Create(() => new ProgressSink(writer, app));
}
