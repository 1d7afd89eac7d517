using System.Collections.Immutable;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Affinity;
using Orchestrator.Router.Configuration;
using Orchestrator.Router.Connections;
using Orchestrator.Router.Errors;
using Orchestrator.Router.Logging;
using Orchestrator.Router.Timeouts;
using Yarp.ReverseProxy.Configuration;

namespace Orchestrator.Router.Listeners;

/// <summary>One Kestrel + YARP app on one listen address, serving every app whose table names it.</summary>
internal sealed class Listener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RouteTableConfigProvider _provider;

    private Listener(ListenAddress address, WebApplication app, RouteTableConfigProvider provider)
    {
        Address = address;
        _app = app;
        _provider = provider;
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
        ILoggerFactory loggerFactory,
        bool takingOver,
        CancellationToken cancellationToken)
    {
        var provider = new RouteTableConfigProvider(tables);
        var state = new ListenerState(provider.Current);
        var app = Build(address, provider, state, tracker, loggerFactory, takingOver);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            var reason = SharedListenSocket.IsAddressInUse(error) ? "address already in use" : error.Message;
            throw new RouterListenException($"cannot listen on {address}: {reason}", error);
        }

        await provider.Current.Applied.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Listener(address, app, provider);
    }

    /// <summary>Publishes the tables and completes once YARP serves them.</summary>
    public Task PublishAsync(ImmutableDictionary<string, RouteTable> tables, CancellationToken cancellationToken) =>
        _provider.Publish(tables).Applied.WaitAsync(cancellationToken);

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
    }

    private static WebApplication Build(
        ListenAddress address,
        RouteTableConfigProvider provider,
        ListenerState state,
        ConnectionTracker tracker,
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
        builder.Services.AddRouting();
        builder.Services.AddRequestTimeouts();
        builder.Services.AddReverseProxy().AddRequestTimeoutRelease();
        builder.Services.AddSingleton<IProxyConfigProvider>(provider);
        builder.Services.AddSingleton<IConfigChangeListener>(new ConfigAppliedListener(state));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(tracker);

        var app = builder.Build();
        app.UseRouting();
        app.UseRequestTimeouts();
        app.UseMiddleware<NoRouteMiddleware>();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<AffinityMiddleware>();
            pipeline.UseMiddleware<ConnectionTrackingMiddleware>();
            pipeline.UseMiddleware<ProxyErrorMiddleware>();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }
}
