namespace Orchestrator.Events;

/// <summary>The persistence ids of an app's entities: <c>app-{app}</c>, <c>route-table-{app}</c>, <c>deployment-{id}</c>, and of stacks: <c>stack-{name}</c>.</summary>
internal static class PersistenceIds
{
    public const string AppPrefix = "app-";
    public const string RouteTablePrefix = "route-table-";
    public const string DeploymentPrefix = "deployment-";
    public const string StackPrefix = "stack-";

    public static string App(string app) => AppPrefix + app;

    public static string RouteTable(string app) => RouteTablePrefix + app;

    /// <summary>The app an app or route table persistence id belongs to; null for a deployment's (its first event names the app) or any other.</summary>
    public static string? AppOf(string persistenceId) =>
        persistenceId.StartsWith(AppPrefix, StringComparison.Ordinal) ? persistenceId[AppPrefix.Length..]
        : persistenceId.StartsWith(RouteTablePrefix, StringComparison.Ordinal) ? persistenceId[RouteTablePrefix.Length..]
        : null;

    /// <summary>The stack a stack's persistence id belongs to; null for any other.</summary>
    public static string? StackOf(string persistenceId) =>
        persistenceId.StartsWith(StackPrefix, StringComparison.Ordinal) ? persistenceId[StackPrefix.Length..] : null;

    public static string? DeploymentOf(string persistenceId) =>
        persistenceId.StartsWith(DeploymentPrefix, StringComparison.Ordinal) ? persistenceId[DeploymentPrefix.Length..] : null;
}
