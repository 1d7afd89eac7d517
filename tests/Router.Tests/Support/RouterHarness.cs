using Orchestrator.Actors.Routing;
using Orchestrator.Routing;

namespace Orchestrator.Router.Tests.Support;

/// <summary>A router runtime plus the backends a test started, all disposed together.</summary>
internal sealed class RouterHarness : IAsyncDisposable
{
    private readonly List<TestBackend> _backends = [];

    public RouterRuntime Runtime { get; } = new();

    public HttpClient Client { get; private set; } = new();

    public async Task<TestBackend> BackendAsync(string name, int port = 0)
    {
        var backend = await TestBackend.StartAsync(name, port);
        _backends.Add(backend);
        return backend;
    }

    /// <summary>Stops the backend: its port refuses connections from now on.</summary>
    public async Task StopAsync(TestBackend backend)
    {
        _backends.Remove(backend);
        await backend.DisposeAsync();
    }

    /// <summary>Applies the table and points <see cref="Client"/> at the listener it names.</summary>
    public async Task ApplyAsync(RouteTable table)
    {
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        await Runtime.ApplyAsync(table, timeout.Token);
        var address = Runtime.BoundAddressOf(table.Listen) ?? throw new InvalidOperationException("no listener");
        if (Client.BaseAddress != address)
        {
            Client.Dispose();
            Client = new HttpClient { BaseAddress = address, Timeout = Eventually.Timeout };
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Runtime.DisposeAsync();
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }
}
