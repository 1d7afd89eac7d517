using System.Collections.Concurrent;
using System.Text.Json;

namespace Orchestrator.Bench.Railway;

/// <summary>
/// Asks our router for <c>/</c> in a loop (one keep-alive connection, a request every few milliseconds) and keeps the
/// wall-clock time of the first answer from each deployment (the test app says which: <c>ORCH_DEPLOYMENT_ID</c>).
/// </summary>
internal sealed class RouterWatch : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);

    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1 }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstAnswer = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RouterWatch(Uri router) => _loop = Task.Run(() => LoopAsync(router));

    public long Failures { get; private set; }

    public string? LastFailure { get; private set; }

    public DateTimeOffset? FirstAnswerFrom(string deploymentId) => _firstAnswer.TryGetValue(deploymentId, out var at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync(Uri router)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var body = await _client.GetStringAsync(router, _stop.Token);
                var at = DateTimeOffset.UtcNow;
                using var answer = JsonDocument.Parse(body);
                if (answer.RootElement.TryGetProperty("deployment", out var deployment) && deployment.GetString() is { } id)
                {
                    _firstAnswer.TryAdd(id, at);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // Before the first deploy nothing listens; a failure later would be a dropped request: counted.
                if (!_firstAnswer.IsEmpty && !_stop.IsCancellationRequested)
                {
                    Failures++;
                    LastFailure = e.Message;
                }
            }

            await Task.Delay(Pause).ConfigureAwait(false);
        }
    }
}
