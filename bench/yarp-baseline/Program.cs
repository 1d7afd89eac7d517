// YARP with one route and one destination and nothing else: what the router costs before orch adds anything.
// Usage: YarpBaseline <listen port> <upstream port> [forwarder]
// "forwarder" serves the same route through YARP's IHttpForwarder directly (no routes, clusters or proxy pipeline).
using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

var listenPort = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var upstream = $"http://127.0.0.1:{args[1]}";
var direct = args.Length > 2 && args[2] == "forwarder";

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.ListenLocalhost(listenPort);
});
if (direct)
{
    builder.Services.AddHttpForwarder();
}
else
{
    builder.Services.AddRouting();
    builder.Services.AddReverseProxy().LoadFromMemory(
        [new RouteConfig { RouteId = "app", ClusterId = "app", Match = new RouteMatch { Path = "{**catch-all}" } }],
        [new ClusterConfig { ClusterId = "app", Destinations = new Dictionary<string, DestinationConfig> { ["app"] = new() { Address = upstream } } }]);
}

var app = builder.Build();
if (direct)
{
    var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
    var client = new HttpMessageInvoker(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });
    var config = ForwarderRequestConfig.Empty;
    app.Run(async context => await forwarder.SendAsync(context, upstream, client, config, HttpTransformer.Default));
}
else
{
    app.MapReverseProxy();
}

app.Run();
