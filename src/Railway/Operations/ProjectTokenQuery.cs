namespace Orchestrator.Railway.Operations;

/// <summary><c>projectToken</c>: the project and environment the project token in the request's header belongs to.</summary>
internal static class ProjectTokenQuery
{
    public static readonly RailwayOperation Operation = new("ProjectToken", """
        query ProjectToken {
          projectToken { projectId environmentId }
        }
        """);
}

internal sealed record ProjectTokenVariables;

internal sealed record ProjectTokenData(RailwayProjectToken ProjectToken);

internal sealed record RailwayProjectToken(string ProjectId, string EnvironmentId);
