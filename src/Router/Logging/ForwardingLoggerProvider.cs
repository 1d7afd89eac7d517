using Microsoft.Extensions.Logging;

namespace Orchestrator.Router.Logging;

/// <summary>
/// Sends a listener app's logs to the node's logger factory, after the listener's own filters
/// (which keep YARP and Kestrel per-request logs out).
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target factory belongs to the node.
    }
}
