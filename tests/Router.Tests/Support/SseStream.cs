namespace Orchestrator.Router.Tests.Support;

/// <summary>A client reading a server-sent event stream line by line.</summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseStream> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event's data line, or null when the stream ended cleanly.</summary>
    public async Task<string?> NextEventAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        string? line;
        do
        {
            line = await _reader.ReadLineAsync(timeout.Token);
        }
        while (line is "");

        return line;
    }

    /// <summary>Whether the stream ends (cleanly or with an error) within the time given.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (await _reader.ReadLineAsync(timeout.Token) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception error) when (error is IOException or HttpRequestException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
