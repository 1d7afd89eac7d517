namespace Orchestrator.Railway.Auth;

/// <summary>Turns Railway's refusals into advice that names the variable to set and the kind of token it needs.</summary>
internal static class Refusals
{
    private const string ProjectTokenNotFound = "project token not found";
    private const string NotAuthorized = "not authorized";

    /// <summary>Whether a GraphQL error message is one of Railway's refusals.</summary>
    public static bool IsRefusal(string message) =>
        message.Contains(ProjectTokenNotFound, StringComparison.OrdinalIgnoreCase)
        || message.Contains(NotAuthorized, StringComparison.OrdinalIgnoreCase);

    /// <summary>The exception for a refusal of <paramref name="sent"/>; <paramref name="refusal"/> is Railway's message or the HTTP status.</summary>
    public static RailwayAuthException For(string operationName, RailwayTokenKind sent, string refusal, string? traceId)
    {
        var account = RailwayToken.AccountTokenVariable;
        var project = RailwayToken.ProjectTokenVariable;
        if (sent == RailwayTokenKind.Account)
        {
            // A project token in RAILWAY_API_TOKEN goes out as a Bearer token, which Railway refuses.
            return new RailwayAuthException(
                operationName,
                $"Railway refused the token in {account} for {operationName} ({refusal}). " +
                $"If it is a project token, set {project} to a project token instead (it is sent as {RailwayToken.ProjectTokenHeader}); " +
                $"{account} must hold an account or workspace token with access to this project.",
                project,
                RailwayTokenKind.Project,
                traceId);
        }

        var notAProjectToken = refusal.Contains(ProjectTokenNotFound, StringComparison.OrdinalIgnoreCase);
        var reason = notAProjectToken
            ? $"Railway does not know the token in {project} as a project token"
            : $"Railway refused the project token in {project}, which is scoped to one project environment";
        return new RailwayAuthException(
            operationName,
            $"{reason}, for {operationName} ({refusal}). " +
            $"For an account or workspace token, set {account} to an account or workspace token and unset {project} (it wins when both are set); " +
            $"otherwise set {project} to a project token of the target environment.",
            account,
            RailwayTokenKind.Account,
            traceId);
    }
}
