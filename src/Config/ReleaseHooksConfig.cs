namespace Orchestrator.Config;

/// <summary>
/// <c>[hooks]</c>: commands a deploy runs around its switch. <see cref="PreSwitch"/> runs once the new deployment is
/// healthy and before any traffic moves (migrations: a failure fails the deploy); <see cref="PostSwitch"/> after the
/// switch (a failure is reported, nothing is rolled back). Each may run for <see cref="Timeout"/>.
/// </summary>
public sealed record ReleaseHooksConfig
{
    public ExecHook? PreSwitch { get; init; }
    public ExecHook? PostSwitch { get; init; }
    public TimeSpan Timeout { get; init; } = Defaults.ReleaseHookTimeout;
}

/// <summary>The two moments of a deploy a release hook runs at, as written in <c>[hooks]</c>.</summary>
public static class ReleaseHookNames
{
    public const string PreSwitch = "pre_switch";
    public const string PostSwitch = "post_switch";
}
