namespace Orchestrator.Config;

/// <summary>
/// <c>placement = { replicas = 2, role = "worker" }</c>: how many worker nodes run the proxied process. More than one
/// needs a proxied process and an app on hosts of its own (Railway has <c>[railway] replicas</c>).
/// </summary>
internal static class PlacementReader
{
    public static PlacementConfig Read(TableReader file, bool hasProxied, bool isRailway)
    {
        if (file.Nested("placement", ConfigSchema.Placement) is not { } placement)
        {
            return new PlacementConfig();
        }

        var replicas = placement.Integer("replicas", minimum: 1, maximum: Defaults.PlacementMaxReplicas) ?? Defaults.PlacementReplicas;
        var role = placement.NonEmptyString("role") ?? Defaults.PlacementRole;
        if (role != Defaults.PlacementRole)
        {
            placement.Problem("role", $"'{role}' is not a role apps run on: only \"{Defaults.PlacementRole}\" nodes host apps");
        }

        if (replicas > 1 && isRailway)
        {
            placement.Problem("replicas", "a Railway app scales with [railway] replicas, not placement.replicas", "[railway] replicas = 2");
        }
        else if (replicas > 1 && !hasProxied)
        {
            placement.Problem("replicas", "only a proxied process runs on several nodes: this app has none");
        }

        return new PlacementConfig { Replicas = replicas, Role = role };
    }
}
