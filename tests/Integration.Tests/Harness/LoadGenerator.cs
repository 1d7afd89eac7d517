using System.Collections.Concurrent;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// Keeps <see cref="Clients"/> keep-alive clients sending GET requests in a loop until stopped, and records every
/// response that was not 2xx and every connection error. Bounded: it stops by itself after <see cref="MaxDuration"/>.
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);

    private readonly CancellationTokenSource _stop = new(MaxDuration);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<string, int> _answeredBy = new();
    private readonly List<Task> _clients = [];
    private long _succeeded;

    private LoadGenerator(Uri target, int clients)
    {
        Clients = clients;
        for (var i = 0; i < clients; i++)
        {
            _clients.Add(Task.Run(() => RunClientAsync(target)));
        }
    }

    public int Clients { get; }
    public long Succeeded => Interlocked.Read(ref _succeeded);
    public IReadOnlyCollection<string> Failures => _failures;
    public IReadOnlyDictionary<string, int> AnsweredBy => _answeredBy;

    public static LoadGenerator Start(Uri target, int clients) => new(target, clients);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunClientAsync(Uri target)
    {
        // One connection per client, kept alive across requests, as a browser or an upstream proxy would.
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(target, _stop.Token);
                var body = await response.Content.ReadAsStringAsync(_stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _succeeded);
                    var revision = TestAppAnswer.Revision(body);
                    _answeredBy.AddOrUpdate(revision, 1, (_, n) => n + 1);
                }
                else
                {
                    _failures.Enqueue($"{(int)response.StatusCode}: {body}");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                _failures.Enqueue($"{e.GetType().Name}: {e.Message}");
            }
        }
    }

}
