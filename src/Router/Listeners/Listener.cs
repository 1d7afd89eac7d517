using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Router.Connections;
using Orchestrator.Router.Forwarding;
using Orchestrator.Router.Logging;
using Orchestrator.Router.Routing;
using Orchestrator.Routing;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Orchestrator.Router.Listeners;

/// <summary>One Kestrel app on one listen address, forwarding through YARP to every app whose table names it.</summary>
internal sealed class Listener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenerRoutes _routes;
    private readonly HttpMessageInvoker _client;
    private readonly ConnectionWarmer _warmer;

    private Listener(ListenAddress address, WebApplication app, ListenerRoutes routes, HttpMessageInvoker client, ConnectionWarmer warmer)
    {
        Address = address;
        _app = app;
        _routes = routes;
        _client = client;
        _warmer = warmer;
    }

    public ListenAddress Address { get; }

    /// <summary>The address Kestrel actually bound (the real port when the table asked for port 0).</summary>
    public Uri BoundAddress =>
        new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>Binds the address and serves the tables; throws <see cref="RouterListenException"/> when it cannot bind.</summary>
    public static async Task<Listener> StartAsync(
        ListenAddress address,
        ImmutableDictionary<string, RouteTable> tables,
        ConnectionTracker tracker,
        DestinationHealth health,
        ILoggerFactory loggerFactory,
        bool takingOver,
        CancellationToken cancellationToken)
    {
        var routes = new ListenerRoutes(tables, health);
        var client = ForwarderClient.Create(address.ToString(), loggerFactory);
        var app = Build(address, routes, tracker, client, loggerFactory, takingOver);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            client.Dispose();
            var reason = SharedListenSocket.IsAddressInUse(error) ? "address already in use" : error.Message;
            throw new RouterListenException($"cannot listen on {address}: {reason}", error);
        }

        return new Listener(address, app, routes, client, new ConnectionWarmer(client, tracker, loggerFactory.CreateLogger<ConnectionWarmer>()));
    }

    /// <summary>
    /// Publishes the tables: the next request on this listener is routed by them. When they move an app's traffic to
    /// another deployment, connections to it are opened first (<see cref="ConnectionWarmer"/>); then the snapshot is
    /// swapped, and nothing is rebuilt later.
    /// </summary>
    public async Task PublishAsync(ImmutableDictionary<string, RouteTable> tables, CancellationToken cancellationToken)
    {
        await _warmer.WarmAsync(_routes.Current, tables, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        _routes.Publish(tables);
    }

    /// <summary>
    /// Stops accepting and lets every open connection run until it ends or <paramref name="deadline"/> fires
    /// (a hand-over: the new router already serves this address). Kestrel ends idle keep-alive connections at once and
    /// answers the requests in flight with <c>Connection: close</c>.
    /// </summary>
    public Task StopAcceptingAsync(CancellationToken deadline) => _app.StopAsync(deadline);

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(RouterDefaults.ListenerStopGrace);
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private static WebApplication Build(
        ListenAddress address,
        ListenerRoutes routes,
        ConnectionTracker tracker,
        HttpMessageInvoker client,
        ILoggerFactory loggerFactory,
        bool takingOver)
    {
        // The empty builder reads no appsettings, environment or command line: a listener is
        // configured by its route tables only.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint => SharedListenSocket.Bind(endpoint, takingOver));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // the app behind decides its own limit
            if (address.Ip is { } ip)
            {
                kestrel.Listen(ip, address.Port);
            }
            else
            {
                kestrel.ListenAnyIP(address.Port);
            }
        });

        builder.Logging
            .AddProvider(new ForwardingLoggerProvider(loggerFactory))
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Yarp", LogLevel.Warning);

        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddHttpForwarder();

        var app = builder.Build();
        var handler = new ForwardingHandler(
            routes,
            tracker,
            app.Services.GetRequiredService<IHttpForwarder>(),
            client,
            ForwardingTransforms.Create(app.Services.GetRequiredService<ITransformBuilder>()));
        app.Run(handler.InvokeAsync);
        return app;
    }
}
