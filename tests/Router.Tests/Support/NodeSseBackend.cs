using System.Diagnostics;

namespace Orchestrator.Router.Tests.Support;

/// <summary>An SSE backend in its own node process, so a test can kill it mid-stream.</summary>
internal sealed class NodeSseBackend : IDisposable
{
    private const string Script = """
        const http = require('http');
        const server = http.createServer((req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          res.write('data: hello\n\n');
        });
        server.listen(0, '127.0.0.1', () => console.log(server.address().port));
        """;

    private readonly Process _process;

    private NodeSseBackend(Process process, int port)
    {
        _process = process;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static async Task<NodeSseBackend> StartAsync()
    {
        var start = new ProcessStartInfo("node", ["-e", Script]) { RedirectStandardOutput = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var port = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("node exited before listening");
        return new NodeSseBackend(process, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
