using Orchestrator.Railway;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// <c>orch railway scaffold</c>: in an environment that has none of the baseline, creates all of it. One that has any
/// of it is refused, listing what exists and what is missing: a second scaffold would make a second control token
/// and a second Redis password for services that run with the first ones; <c>ensure</c> is the verb that changes an
/// existing baseline.
/// </summary>
internal static class BaselineScaffold
{
    public static async Task<BaselineRun> RunAsync(RailwaySession session, string? externalRedisUrl, CancellationToken cancellationToken)
    {
        var railway = session.Railway;
        var placement = await session.PlaceAsync(cancellationToken);
        var names = BaselinePlan.Names(railway, externalRedis: externalRedisUrl is not null);
        var existing = names.Where(name => placement.ServiceId(name) is not null).ToList();
        if (existing.Count > 0)
        {
            return new BaselineRun(null, Refusal(session, placement, existing, [.. names.Except(existing)]));
        }

        var controlToken = session.ControlToken.Given() ?? session.ControlToken.Generate();
        var secrets = new BaselineSecrets(session.Token, controlToken, BaselineSecretGenerator.RedisPassword());
        var created = new List<BaselineServiceReport>();
        foreach (var desired in BaselinePlan.Build(railway, RouterPort.Of(session.App), secrets, externalRedisUrl))
        {
            created.Add(await BaselineCreator.CreateAsync(session.Client, placement, desired, cancellationToken));
        }

        return new BaselineRun(BaselineReports.Of("scaffold", session, placement, created, controlToken), null);
    }

    private static BaselineRefusal Refusal(RailwaySession session, RailwayPlacement placement, IReadOnlyList<string> existing, IReadOnlyList<string> missing)
    {
        var where = $"environment {placement.EnvironmentId} of project {placement.ProjectName}";
        return missing.Count == 0
            ? new BaselineRefusal(
                $"the Railway baseline of {session.App.App} exists already in {where}",
                "`orch railway ensure` reconciles it with orch.toml",
                existing,
                missing)
            : new BaselineRefusal(
                $"{where} has part of the Railway baseline of {session.App.App}: {existing.Count} of {existing.Count + missing.Count} services exist",
                "run `orch railway ensure` to create the missing ones and reconcile the rest with orch.toml, or delete the existing ones and scaffold again",
                existing,
                missing);
    }
}
