// YARP with one route and one destination and nothing else: what the router costs before orch adds anything.
// Usage: YarpBaseline <listen port> <upstream port>
using Yarp.ReverseProxy.Configuration;

var listenPort = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var upstream = $"http://127.0.0.1:{args[1]}";

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.ListenLocalhost(listenPort);
});
builder.Services.AddRouting();
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "app", ClusterId = "app", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig { ClusterId = "app", Destinations = new Dictionary<string, DestinationConfig> { ["app"] = new() { Address = upstream } } }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
