namespace Orchestrator.Config;

/// <summary>
/// Reads <c>[railway]</c>: where the app's services live, what each deployment runs and how Railway runs it. Parts
/// with problems hold placeholders; the config is only handed out when the whole file has none.
/// </summary>
internal static class RailwayReader
{
    /// <summary>At most this many replicas per deployment; more is almost surely a typo, and each one is billed.</summary>
    public const int MaxReplicas = 50;

    /// <summary>Railway limits the length of service names; a prefix of at most 32 leaves room for <c>-&lt;deployment id&gt;</c>.</summary>
    public const int MaxServicePrefixLength = 32;

    public static RailwayConfig Read(TableReader railway, string? app, ProxyConfig? proxy)
    {
        var placeholder = new RailwayTarget(null, null);
        var workspace = RailwayTargetReader.Read(railway, "workspace") ?? placeholder;
        var project = RailwayTargetReader.Read(railway, "project") ?? placeholder;
        var environment = RailwayTargetReader.Read(railway, "environment") ?? placeholder;
        var source = RailwaySource.Read(railway);
        var restartPolicy = RailwayRestartPolicyReader.Read(railway) ?? RailwayRestartPolicy.OnFailure;
        RejectVolume(railway);
        return new RailwayConfig
        {
            Workspace = workspace,
            Project = project,
            Environment = environment,
            Image = source.Image,
            Repo = source.Repo,
            Branch = source.Branch,
            Replicas = railway.Integer("replicas", minimum: 1, maximum: MaxReplicas) ?? Defaults.RailwayReplicas,
            Region = railway.NonEmptyString("region"),
            HealthcheckPath = ReadHealthcheckPath(railway) ?? proxy?.HealthPath ?? Defaults.HealthPath,
            HealthcheckTimeout = railway.Duration("healthcheck_timeout", positive: true) ?? Defaults.RailwayHealthcheckTimeout,
            RestartPolicy = restartPolicy,
            MaxRetries = ReadMaxRetries(railway, restartPolicy) ?? Defaults.RailwayMaxRetries,
            StartCommand = railway.NonEmptyString("start_command"),
            Port = railway.Integer("port", minimum: 1, maximum: 65535) ?? Defaults.RailwayPort,
            RouterImage = railway.NonEmptyString("router_image") ?? Defaults.RailwayRouterImage,
            ControlImage = railway.NonEmptyString("control_image") ?? Defaults.RailwayControlImage,
            ServicePrefix = ReadServicePrefix(railway, app) ?? string.Empty,
            ApiUrl = ReadApiUrl(railway),
        };
    }

    private static void RejectVolume(TableReader railway)
    {
        if (railway.Has("volume"))
        {
            railway.Problem(
                "volume",
                "a deployment's service gets no volume: Railway mounts a volume on one service only, and a service with a volume "
                + "is redeployed with overlapSeconds = 0, so the old and the new deployment could never overlap (no zero-downtime "
                + "deploy); keep the data in a service process with a volume, which stays across deploys");
        }
    }

    private static string? ReadHealthcheckPath(TableReader railway)
    {
        var path = railway.String("healthcheck_path");
        if (path is not null && !path.StartsWith('/'))
        {
            railway.Problem("healthcheck_path", $"'{path}' must start with '/'");
            return null;
        }

        return path;
    }

    private static int? ReadMaxRetries(TableReader railway, RailwayRestartPolicy policy)
    {
        var retries = railway.Integer("max_retries", minimum: 0);
        if (retries is not null && policy != RailwayRestartPolicy.OnFailure)
        {
            railway.Problem("max_retries", "'max_retries' only applies with restart_policy = \"on_failure\"", "restart_policy = \"on_failure\", or remove 'max_retries'");
        }

        return retries;
    }

    private static string? ReadServicePrefix(TableReader railway, string? app)
    {
        var prefix = railway.String("service_prefix");
        if (prefix is not null && !Identifier.IsValid(prefix))
        {
            railway.Problem("service_prefix", $"'{prefix}' is not a valid service prefix: use {Identifier.Rule}");
            return null;
        }

        var what = prefix is null ? $"the service prefix defaults to the app name '{app}', which" : $"'{prefix}'";
        prefix ??= app;
        if (prefix is not null && prefix.Length > MaxServicePrefixLength)
        {
            railway.Problem(
                "service_prefix",
                $"{what} has {prefix.Length} characters; a service prefix has at most {MaxServicePrefixLength}, so that "
                + "<prefix>-<deployment id> fits Railway's limit on service names",
                $"service_prefix = \"{prefix[..MaxServicePrefixLength].TrimEnd('-')}\"");
            return null;
        }

        return prefix;
    }

    private static string? ReadApiUrl(TableReader railway)
    {
        var text = railway.String("api_url");
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            railway.Problem("api_url", $"'{text}' is not an absolute http or https URL");
            return null;
        }

        return text;
    }
}
