namespace Orchestrator.Cli.Railway;

/// <summary>What a baseline service is for.</summary>
internal enum BaselineRole
{
    /// <summary><c>&lt;prefix&gt;-env</c>: the user's variables, no source, never deployed.</summary>
    Env,

    /// <summary><c>&lt;prefix&gt;-redis</c>: the control service's journal.</summary>
    Redis,

    /// <summary><c>&lt;prefix&gt;-control</c>: <c>orch daemon</c> with the Railway runtime, its API on a public domain.</summary>
    Control,

    /// <summary><c>&lt;prefix&gt;-router</c>: <c>orch router</c> on the app's public domain.</summary>
    Router,

    /// <summary><c>&lt;prefix&gt;-&lt;id&gt;</c>: a <c>service</c> process of <c>orch.toml</c>.</summary>
    Service,
}

/// <summary>
/// One service of the baseline as <c>orch.toml</c> wants it. A service with no <see cref="Image"/> has no source and
/// no deployment. Only the fields set here are compared by <c>ensure</c>; anything else on Railway is the user's.
/// </summary>
internal sealed record DesiredService(string Name, BaselineRole Role)
{
    public string? Image { get; init; }

    public string? StartCommand { get; init; }

    /// <summary>The variables the baseline owns on this service; others on it are left alone. Values are never printed: some are secrets.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The port a public <c>*.up.railway.app</c> domain routes to; null: no public domain.</summary>
    public int? PublicPort { get; init; }

    /// <summary>A volume's mount path, created with the service (ensure does not move an existing volume).</summary>
    public string? VolumeMountPath { get; init; }

    public bool Deployed => Image is not null;

    /// <summary>One replica: the control plane and Redis are singletons, and so is the router service for now.</summary>
    public int Replicas => Deployed ? 1 : 0;
}
