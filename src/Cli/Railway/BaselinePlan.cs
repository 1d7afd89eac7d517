using System.Globalization;
using Orchestrator.Config;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// The baseline an app's <c>[railway]</c> asks for, as pure data: its services' names, images, start commands,
/// variables (with the references between them), domains and volumes. Both <c>scaffold</c> and <c>ensure</c> build it.
/// </summary>
internal static class BaselinePlan
{
    public const string RedisPasswordVariable = "REDIS_PASSWORD";
    public const string RedisUrlVariable = "REDIS_URL";
    public const string ControlTokenVariable = "ORCH_TOKEN";
    public const string FeedPortVariable = "ORCH_FEED_PORT";
    public const string FeedVariable = "ORCH_FEED";
    public const string PortVariable = "PORT";
    public const int RedisPort = 6379;
    public const string RedisDataPath = "/data";

    /// <summary>With a password from its own variable and an append-only file on its volume: the journal must survive a redeploy.</summary>
    public static readonly string RedisStartCommand =
        $"/bin/sh -c 'exec redis-server --requirepass \"${RedisPasswordVariable}\" --port {RedisPort} --appendonly yes --dir {RedisDataPath}'";

    public static string RedisName(RailwayConfig railway) => railway.ServicePrefix + "-redis";

    public static string ServiceName(RailwayConfig railway, RailwayServiceConfig service) => $"{railway.ServicePrefix}-{service.Id}";

    /// <summary>Every baseline service's name, in creation order; no Redis with an external one.</summary>
    public static IReadOnlyList<string> Names(RailwayConfig railway, bool externalRedis) =>
    [
        railway.EnvServiceName,
        .. externalRedis ? Array.Empty<string>() : [RedisName(railway)],
        railway.ControlServiceName,
        railway.RouterServiceName,
        .. railway.Services.Select(service => ServiceName(railway, service)),
    ];

    /// <summary>A reference Railway renders from another service's variable in the same environment.</summary>
    public static string Reference(string service, string variable) => $"${{{{{service}.{variable}}}}}";

    /// <param name="routerPort">The router's listen port (<c>[proxy] listen</c>), its <c>PORT</c> and public domain's target.</param>
    /// <param name="externalRedisUrl">An external Redis; null: the baseline's own <c>&lt;prefix&gt;-redis</c>.</param>
    public static IReadOnlyList<DesiredService> Build(RailwayConfig railway, int routerPort, BaselineSecrets secrets, string? externalRedisUrl)
    {
        var services = new List<DesiredService> { new(railway.EnvServiceName, BaselineRole.Env) };
        if (externalRedisUrl is null)
        {
            services.Add(Redis(railway, secrets));
        }

        services.Add(Control(railway, secrets, externalRedisUrl ?? Reference(RedisName(railway), RedisUrlVariable)));
        services.Add(Router(railway, routerPort, secrets));
        services.AddRange(railway.Services.Select(service => new DesiredService(ServiceName(railway, service), BaselineRole.Service)
        {
            Image = service.Image,
            StartCommand = service.StartCommand,
            VolumeMountPath = service.VolumeMountPath,
        }));
        return services;
    }

    private static DesiredService Redis(RailwayConfig railway, BaselineSecrets secrets) => new(RedisName(railway), BaselineRole.Redis)
    {
        Image = Defaults.RailwayRedisImage,
        StartCommand = RedisStartCommand,
        Variables = new Dictionary<string, string>
        {
            [RedisPasswordVariable] = secrets.RedisPassword,
            [RedisUrlVariable] = $"redis://default:${{{{{RedisPasswordVariable}}}}}@${{{{RAILWAY_PRIVATE_DOMAIN}}}}:{RedisPort}",
        },
        VolumeMountPath = RedisDataPath,
    };

    private static DesiredService Control(RailwayConfig railway, BaselineSecrets secrets, string redisUrl) => new(railway.ControlServiceName, BaselineRole.Control)
    {
        Image = railway.ControlImage,
        Variables = new Dictionary<string, string>
        {
            [secrets.RailwayToken.Variable] = secrets.RailwayToken.Value,
            [ControlTokenVariable] = secrets.ControlToken.Value,
            [RedisUrlVariable] = redisUrl,
            [FeedPortVariable] = Number(Defaults.RailwayFeedPort),
            [PortVariable] = Number(Defaults.RailwayControlPort),
        },
        PublicPort = Defaults.RailwayControlPort,
    };

    private static DesiredService Router(RailwayConfig railway, int routerPort, BaselineSecrets secrets) => new(railway.RouterServiceName, BaselineRole.Router)
    {
        Image = railway.RouterImage,
        Variables = new Dictionary<string, string>
        {
            [FeedVariable] = $"{Reference(railway.ControlServiceName, "RAILWAY_PRIVATE_DOMAIN")}:{Number(Defaults.RailwayFeedPort)}",
            [ControlTokenVariable] = secrets.ControlToken.Value,
            [PortVariable] = Number(routerPort),
        },
        PublicPort = routerPort,
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
