using System.Collections.Concurrent;
using System.Net;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// Clients that each keep their own cookie jar, as browsers do, sending GET requests in a paced loop until stopped.
/// Every answer is recorded with the client and the <see cref="Phase"/> the request started in, so a test can count
/// which release answered each client in each phase; every non-2xx answer and connection error is a failure.
/// The pause between a client's requests keeps the apps far from saturation, so every client sends about as many
/// requests as any other, whichever release serves it.
/// </summary>
internal sealed class CookieJarLoad : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new(LoadGenerator.MaxDuration);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly List<Task> _clients = [];
    private volatile string _phase;

    private CookieJarLoad(Uri target, int clients, string phase)
    {
        _phase = phase;
        for (var i = 0; i < clients; i++)
        {
            var client = i;
            _clients.Add(Task.Run(() => RunClientAsync(target, client)));
        }
    }

    /// <summary>The label given to the requests that start from now on.</summary>
    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public IReadOnlyCollection<string> Failures => _failures;

    public static CookieJarLoad Start(Uri target, int clients, string phase) => new(target, clients, phase);

    /// <summary>Per client, the revisions that answered its requests started in <paramref name="phase"/>, with how often.</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> ByClient(string phase) =>
        _answers.Where(a => a.Phase == phase)
            .GroupBy(a => a.Client)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(a => a.Revision).ToDictionary(r => r.Key, r => r.Count()));

    public int Count(string phase, string? revision = null) =>
        _answers.Count(a => a.Phase == phase && (revision is null || a.Revision == revision));

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

    private async Task RunClientAsync(Uri target, int id)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseProxy = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        while (!_stop.IsCancellationRequested)
        {
            var phase = _phase;
            try
            {
                using var response = await client.GetAsync(target, _stop.Token);
                var body = await response.Content.ReadAsStringAsync(_stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    _answers.Enqueue(new Answer(id, phase, TestAppAnswer.Revision(body)));
                }
                else
                {
                    _failures.Enqueue($"client {id}: {(int)response.StatusCode}: {body}");
                }

                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                _failures.Enqueue($"client {id}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private sealed record Answer(int Client, string Phase, string Revision);
}
