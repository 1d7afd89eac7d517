using Microsoft.Extensions.Hosting;

namespace Orchestrator.Router.Listeners;

/// <summary>
/// Listener apps live inside the node: the node decides when they stop, so they must not
/// install their own Ctrl+C / SIGTERM handlers as the default console lifetime does.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
