using Microsoft.AspNetCore.Http;

namespace Orchestrator.Router.Timeouts;

/// <summary>
/// The route's request timeout for one request. It covers the wait for the app's response headers only: once they
/// arrive (a 101 upgrade too) it is lifted, so an SSE stream that stays quiet, a long download or a WebSocket runs on.
/// A dead or stopped upstream still ends in a 504 instead of hanging until the hour-long activity timeout. It is the
/// router's own token, handed to YARP's forwarder, rather than ASP.NET Core's request-timeouts middleware: that one
/// cancels <see cref="HttpContext.RequestAborted"/>, which YARP takes for a client that left (dotnet/yarp#2662).
/// </summary>
internal sealed class RequestTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;

    public RequestTimeout(TimeSpan duration)
    {
        Duration = duration;
        _source = new CancellationTokenSource(duration);
    }

    public TimeSpan Duration { get; }

    /// <summary>Cancelled when the timeout fires before it was lifted.</summary>
    public CancellationToken Token => _source.Token;

    public bool TimedOut => _source.IsCancellationRequested;

    /// <summary>The app's response headers arrived: no timeout applies from now on.</summary>
    public void Lift() => _source.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose() => _source.Dispose();
}
