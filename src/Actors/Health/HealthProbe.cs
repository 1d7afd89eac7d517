using System.Net.Sockets;

namespace Orchestrator.Actors.Health;

public enum HealthResultKind
{
    Healthy,

    /// <summary>Nothing listens yet: probe again almost at once.</summary>
    Refused,

    /// <summary>Listening but not healthy: probe again after the interval.</summary>
    Unhealthy,
}

public sealed record HealthResult(HealthResultKind Kind, string Detail);

/// <summary>One HTTP health probe. The caller decides when to probe again.</summary>
internal static class HealthProbe
{
    private static readonly TimeSpan ListenPoll = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Waits until the port accepts a connection (polling every millisecond, far below any probe interval,
    /// so a fast app is probed as soon as it listens), then probes once. Refused when nothing listened in time.
    /// </summary>
    public static async Task<HealthResult> ProbeWhenListeningAsync(HttpClient client, Uri url, TimeSpan wait, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(wait);
        while (!await AcceptsAsync(url, deadline.Token))
        {
            try
            {
                await Task.Delay(ListenPoll, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return new HealthResult(HealthResultKind.Refused, $"GET {url}: connection refused");
            }
        }

        return await ProbeAsync(client, url, timeout);
    }

    private static async Task<bool> AcceptsAsync(Uri url, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(url.Host, url.Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static async Task<HealthResult> ProbeAsync(HttpClient client, Uri url, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
            var status = $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
            return response.IsSuccessStatusCode
                ? new HealthResult(HealthResultKind.Healthy, status)
                : new HealthResult(HealthResultKind.Unhealthy, status);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new HealthResult(HealthResultKind.Refused, $"GET {url}: connection refused");
        }
        catch (HttpRequestException e)
        {
            return new HealthResult(HealthResultKind.Unhealthy, $"GET {url}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return new HealthResult(HealthResultKind.Unhealthy, $"GET {url}: no answer within {timeout.TotalMilliseconds:0}ms");
        }
    }

    /// <summary>A client for probes: no proxy, no cookies, short-lived pooled connections.</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
