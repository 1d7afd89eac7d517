using System.Collections.Concurrent;
using System.Text.Json;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Asks one edge router for <c>/</c> in a loop, a request every <see cref="Pause"/> on one keep-alive connection, and
/// keeps the wall-clock time of the first answer from each revision (the test app says which: <c>ORCH_REVISION</c>).
/// A revision's time is when that answer was read: the router started serving it at most one poll earlier.
/// </summary>
internal sealed class RouterWatch : IAsyncDisposable
{
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(2);

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = 1,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstAnswer = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _requests;
    private long _failures;

    public RouterWatch(string name, Uri router)
    {
        Name = name;
        _loop = Task.Run(() => LoopAsync(router));
    }

    public string Name { get; }

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that got no 2xx answer once the router had answered once.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public string? LastFailure { get; private set; }

    public DateTimeOffset? FirstAnswerFrom(string revision) => _firstAnswer.TryGetValue(revision, out var at) ? at : null;

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
                Interlocked.Increment(ref _requests);
                using var answer = JsonDocument.Parse(body);
                if (answer.RootElement.TryGetProperty("revision", out var revision) && revision.GetString() is { } name)
                {
                    _firstAnswer.TryAdd(name, at);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException)
            {
                // Before the app's first deploy nothing listens; a failure later is a lost request: counted.
                if (!_firstAnswer.IsEmpty && !_stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failures);
                    LastFailure = e.Message;
                }
            }

            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }
}
