namespace Orchestrator.Railway.Fake;

/// <summary>The GraphQL user context of one call: who made it.</summary>
internal sealed class FakeRequestContext(FakePrincipal principal) : Dictionary<string, object?>
{
    public FakePrincipal Principal { get; } = principal;
}
