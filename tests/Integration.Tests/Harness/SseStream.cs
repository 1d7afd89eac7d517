using System.Diagnostics;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// An SSE client reading in the background: counts events, remembers the longest pause between two of them, and how
/// the stream ended (cleanly, by an error, or not yet).
/// </summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _reading;
    private long _events;
    private long _lastEventTicks;
    private long _longestGapTicks;

    private SseStream(Uri uri) => _reading = ReadAsync(uri);

    public long Events => Interlocked.Read(ref _events);

    /// <summary>The longest pause between two events so far (measured from the first event on).</summary>
    public TimeSpan LongestGap => TimeSpan.FromTicks(Interlocked.Read(ref _longestGapTicks));

    /// <summary>Null while the stream flows; "clean" when the server ended it, else the error.</summary>
    public string? Ended { get; private set; }

    public TimeSpan? EndedAfter { get; private set; }

    /// <summary>The wall-clock moment it ended, to compare with a deadline the daemon reports.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public string? LastEvent { get; private set; }

    public static SseStream Open(Uri uri) => new(uri);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(Uri uri)
    {
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var now = _clock.Elapsed.Ticks;
                var last = Interlocked.Exchange(ref _lastEventTicks, now);
                if (last != 0 && now - last > Interlocked.Read(ref _longestGapTicks))
                {
                    Interlocked.Exchange(ref _longestGapTicks, now - last);
                }

                LastEvent = line;
                Interlocked.Increment(ref _events);
            }

            EndedAfter = _clock.Elapsed;
            EndedAt = DateTimeOffset.UtcNow;
            Ended = "clean";
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            EndedAfter = _clock.Elapsed;
            EndedAt = DateTimeOffset.UtcNow;
            Ended = $"{e.GetType().Name}: {e.Message}";
        }
    }
}
