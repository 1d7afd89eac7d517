namespace Orchestrator.Railway.Fake;

/// <summary>Who a call authenticated as.</summary>
internal abstract record FakePrincipal
{
    public abstract bool CanAccess(string projectId, string? environmentId);

    /// <summary>An account or workspace token: every seeded project.</summary>
    public sealed record Account : FakePrincipal
    {
        public override bool CanAccess(string projectId, string? environmentId) => true;
    }

    /// <summary>A project token: one project environment.</summary>
    public sealed record Project(string ProjectId, string EnvironmentId) : FakePrincipal
    {
        public override bool CanAccess(string projectId, string? environmentId) =>
            projectId == ProjectId && (environmentId is null || environmentId == EnvironmentId);
    }
}
