using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Control;

/// <summary>
/// The control API: Kestrel on a unix domain socket, and on a TCP address behind a bearer token when
/// <c>--control-listen</c> asks for it; routes mapped onto an <see cref="IControlPlane"/>.
/// </summary>
internal sealed class ControlApiServer : IAsyncDisposable
{
    /// <summary>How long a stop waits for open streams (followed logs, deploys) after cancelling them.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly IdleCollector _idle;
    private readonly DateTime _boundAt;

    private ControlApiServer(WebApplication app, IdleCollector idle, string socketPath)
    {
        _app = app;
        _idle = idle;
        SocketPath = socketPath;
        _boundAt = File.GetLastWriteTimeUtc(socketPath);
    }

    public string SocketPath { get; }

    /// <summary>Binds the socket and starts answering.</summary>
    /// <param name="socketMode">Octal file mode applied to the socket after binding (e.g. <c>660</c>); null means owner only (<c>600</c>), whatever the umask.</param>
    /// <param name="loggerFactory">Where request failures are logged; null logs warnings and errors to the console.</param>
    /// <param name="remote">The TCP address and token of <c>--control-listen</c>; null serves the socket only.</param>
    /// <exception cref="DaemonAlreadyRunningException">Another daemon answers on <paramref name="socketPath"/>.</exception>
    public static async Task<ControlApiServer> StartAsync(
        IControlPlane plane, string socketPath, string? socketMode, CancellationToken ct, ILoggerFactory? loggerFactory = null, RemoteControl? remote = null)
    {
        socketPath = Path.GetFullPath(socketPath);
        var mode = socketMode is null ? SocketMode.OwnerOnly : SocketMode.Parse(socketMode);
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        var removedStale = await StaleSocket.ClearAsync(socketPath, ct).ConfigureAwait(false);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Defaults.MaxRequestBodyBytes;
            kestrel.ListenUnixSocket(socketPath);
            if (remote is not null)
            {
                kestrel.Listen(remote.Endpoint);
            }
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        if (loggerFactory is null)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }
        else
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ControlApiServer>();
        if (removedStale)
        {
            ControlLog.StaleSocketRemoved(logger, socketPath);
        }

        if (remote is not null)
        {
            app.Use(new BearerTokenGate(remote, logger).InvokeAsync);
        }

        var idle = new IdleCollector(Defaults.IdleCollectDelay);
        new ControlRoutes(plane, logger, idle, app.Lifetime.ApplicationStopping).Map(app);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                // Whoever can write the socket can run commands as this daemon's user.
                File.SetUnixFileMode(socketPath, mode);
            }
        }
        catch
        {
            idle.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ControlApiServer(app, idle, socketPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _idle.Dispose();

        // Kestrel leaves the socket file behind; the next daemon would otherwise have to probe it. A file bound
        // since (a new daemon started while this one was stopping) is not ours to delete.
        if (File.GetLastWriteTimeUtc(SocketPath) == _boundAt)
        {
            File.Delete(SocketPath);
        }
    }
}
