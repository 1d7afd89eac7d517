using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Orchestrator.Router.Connections;

/// <summary>
/// One proxied request as the drain deadline sees it. At the deadline a WebSocket gets a 1012 close frame at a
/// frame boundary and a started streamed (chunked) response is completed; only what cannot end cleanly is aborted.
/// It stands in as the request's lifetime feature: its token is what YARP copies under, so cancelling it stops the
/// copy, and the abort YARP then asks for is skipped once the client already got a clean end.
/// </summary>
internal sealed class DrainableConnection : IHttpRequestLifetimeFeature, IDisposable
{
    private readonly IHttpRequestLifetimeFeature _inner;
    private readonly CancellationTokenSource _copy;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private DrainingUpgradedStream? _upgraded;
    private DrainingResponseBody? _body;
    private volatile bool _endedCleanly;
    private bool _disposed;

    public DrainableConnection(IHttpRequestLifetimeFeature inner)
    {
        _inner = inner;
        _copy = CancellationTokenSource.CreateLinkedTokenSource(inner.RequestAborted);
        RequestAborted = _copy.Token;
    }

    public CancellationToken RequestAborted { get; set; }

    /// <summary>The deployment the request is counted against.</summary>
    public DeploymentConnections? Connections { get; init; }

    public void Abort()
    {
        if (!_endedCleanly)
        {
            _inner.Abort();
        }
    }

    public void Upgraded(DrainingUpgradedStream stream) => Volatile.Write(ref _upgraded, stream);

    public void Streams(DrainingResponseBody body) => Volatile.Write(ref _body, body);

    /// <summary>Ends the request at the drain deadline, as cleanly as its protocol allows.</summary>
    public async Task CloseAsync(HttpResponse response, TimeSpan grace)
    {
        if (_ended.Task.IsCompleted)
        {
            return;
        }

        try
        {
            if (Volatile.Read(ref _upgraded) is { } upgraded)
            {
                if (!await upgraded.CloseAtFrameBoundaryAsync(grace).ConfigureAwait(false))
                {
                    Abort();
                    return;
                }

                // The client answers the close, the app sees it and ends; an app that does not is cut off.
                _endedCleanly = true;
                await WhenEndedAsync(grace).ConfigureAwait(false);
            }
            else if (Volatile.Read(ref _body) is { } body && response.HasStarted && response.ContentLength is null)
            {
                await body.EndAsync().ConfigureAwait(false);
                _endedCleanly = true;
            }
            else
            {
                Abort();
                return;
            }

            StopCopying();
        }
        catch (Exception) when (!_ended.Task.IsCompleted)
        {
            _endedCleanly = false;
            Abort();
        }
        catch (Exception)
        {
            // The request ended on its own meanwhile.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _copy.Dispose();
        }

        _ended.TrySetResult();
    }

    private async Task WhenEndedAsync(TimeSpan within)
    {
        try
        {
            await _ended.Task.WaitAsync(within).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private void StopCopying()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _copy.Cancel();
            }
        }
    }
}
