using Orchestrator.Railway;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// <c>orch railway ensure</c>: creates the baseline services that are missing and brings the others in line with
/// <c>orch.toml</c>, deploying only those it changed. The secrets already on Railway are kept: the control token
/// (unless <c>$ORCH_TOKEN</c> or the token file gives one) and the Redis password.
/// </summary>
internal static class BaselineEnsure
{
    public static async Task<BaselineRun> RunAsync(RailwaySession session, string? externalRedisUrl, CancellationToken cancellationToken)
    {
        var railway = session.Railway;
        var placement = await session.PlaceAsync(cancellationToken);
        var actual = new Dictionary<string, ActualService>(StringComparer.Ordinal);
        foreach (var name in BaselinePlan.Names(railway, externalRedis: false).Where(name => name != railway.EnvServiceName))
        {
            if (placement.ServiceId(name) is { } id)
            {
                actual[name] = await ActualService.ReadAsync(session.Client, placement, id, cancellationToken);
            }
        }

        var control = actual.GetValueOrDefault(railway.ControlServiceName);
        var router = actual.GetValueOrDefault(railway.RouterServiceName);
        var redis = actual.GetValueOrDefault(BaselinePlan.RedisName(railway));
        var controlToken = session.ControlToken.Given()
            ?? (control?.Variable(BaselinePlan.ControlTokenVariable) ?? router?.Variable(BaselinePlan.ControlTokenVariable)) switch
            {
                { } kept => new ControlToken(kept, ControlTokenOrigin.Service),
                null => session.ControlToken.Generate(),
            };
        var secrets = new BaselineSecrets(
            session.Token, controlToken, redis?.Variable(BaselinePlan.RedisPasswordVariable) ?? BaselineSecretGenerator.RedisPassword());
        var redisUrl = externalRedisUrl ?? (redis is null ? ExternalRedisOf(railway, control) : null);

        var reports = new List<BaselineServiceReport>();
        foreach (var desired in BaselinePlan.Build(railway, RouterPort.Of(session.App), secrets, redisUrl))
        {
            reports.Add(placement.ServiceId(desired.Name) is null
                ? await BaselineCreator.CreateAsync(session.Client, placement, desired, cancellationToken)
                : actual.TryGetValue(desired.Name, out var existing)
                    ? await BaselineReconciler.ApplyAsync(session.Client, placement, desired, existing, cancellationToken)
                    : new BaselineServiceReport(desired.Name, desired.Role, BaselineOutcome.Unchanged, null, [], null, null));
        }

        return new BaselineRun(BaselineReports.Of("ensure", session, placement, reports, controlToken), null);
    }

    /// <summary>A control service whose <c>REDIS_URL</c> is not the reference to the baseline's Redis was scaffolded with <c>--redis-url</c>.</summary>
    private static string? ExternalRedisOf(Orchestrator.Config.RailwayConfig railway, ActualService? control) =>
        control?.Variable(BaselinePlan.RedisUrlVariable) is { } url && url != BaselinePlan.Reference(BaselinePlan.RedisName(railway), BaselinePlan.RedisUrlVariable)
            ? url
            : null;
}
