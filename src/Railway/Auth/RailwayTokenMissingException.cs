namespace Orchestrator.Railway.Auth;

/// <summary>Neither <c>RAILWAY_TOKEN</c> nor <c>RAILWAY_API_TOKEN</c> is set.</summary>
internal sealed class RailwayTokenMissingException() : InvalidOperationException(
    $"No Railway token: set {RailwayToken.ProjectTokenVariable} to a project token (one project environment), " +
    $"or {RailwayToken.AccountTokenVariable} to an account or workspace token. " +
    $"A `railway login` session is never used.");
