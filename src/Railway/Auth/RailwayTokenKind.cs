namespace Orchestrator.Railway.Auth;

/// <summary>The two kinds of token Railway accepts, each in its own header.</summary>
internal enum RailwayTokenKind
{
    /// <summary>A project token (scoped to one project environment), sent as <c>Project-Access-Token</c>.</summary>
    Project,

    /// <summary>An account or workspace token, sent as <c>Authorization: Bearer</c>.</summary>
    Account,
}
