using System.Collections.Concurrent;
using System.Text.Json;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// Asks every router for an app at a fixed interval, all at once, and keeps which deployment each one answered from:
/// a timeline that shows whether two deployments of the app were ever active at the same moment.
/// </summary>
internal sealed class RouterSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<Uri> _routers;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Tick> _ticks = new();
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Task _running;

    private RouterSampler(IReadOnlyList<Uri> routers, TimeSpan interval)
    {
        _routers = routers;
        _interval = interval;
        _running = Task.Run(RunAsync);
    }

    /// <summary>One sample: the time it started and, per router, the deployment that answered or the error.</summary>
    public sealed record Tick(DateTimeOffset At, IReadOnlyList<string> Answers)
    {
        public IReadOnlyList<string> Deployments => [.. Answers.Where(a => !a.StartsWith("error:", StringComparison.Ordinal)).Distinct()];

        public override string ToString() => $"{At:HH:mm:ss.fff} [{string.Join(", ", Answers)}]";
    }

    public IReadOnlyCollection<Tick> Ticks => _ticks;

    public static RouterSampler Start(IReadOnlyList<Uri> routers, TimeSpan interval) => new(routers, interval);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _client.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            do
            {
                var at = DateTimeOffset.UtcNow;
                var answers = await Task.WhenAll(_routers.Select(AskAsync));
                _ticks.Enqueue(new Tick(at, answers));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task<string> AskAsync(Uri router)
    {
        try
        {
            var body = await _client.GetStringAsync(router, _stop.Token);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("deployment").GetString() ?? "error: no deployment in the answer";
        }
        catch (Exception e) when ((e is HttpRequestException or IOException or TaskCanceledException or JsonException) && !_stop.IsCancellationRequested)
        {
            // A request cut short by StopAsync is no answer: the tick it belongs to is dropped, not counted as an error.
            return $"error: {router.Authority} {e.GetType().Name}: {e.Message}";
        }
    }
}
