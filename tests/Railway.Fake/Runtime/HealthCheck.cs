using System.Diagnostics;

namespace Orchestrator.Railway.Fake.Runtime;

/// <summary>Railway's deploy health check: the path must answer 2xx within the timeout, while the process still runs.</summary>
internal static class HealthCheck
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <returns>True once <paramref name="url"/> answers 2xx; false when <paramref name="timeout"/> passes or the process exits first.</returns>
    public static async Task<bool> PassesAsync(HttpClient http, Uri url, TimeSpan timeout, Task exited, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout && !exited.IsCompleted)
        {
            if (await AnswersAsync(http, url, cancellationToken))
                return true;
            await Task.WhenAny(exited, Task.Delay(Interval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
        return false;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await http.GetAsync(url, attempt.Token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
