namespace Orchestrator.Railway.Fake.Variables;

/// <summary>The names of the variables Railway provides to every deployment.</summary>
internal static class RailwayVariables
{
    public const string ProjectId = "RAILWAY_PROJECT_ID";
    public const string ProjectName = "RAILWAY_PROJECT_NAME";
    public const string EnvironmentId = "RAILWAY_ENVIRONMENT_ID";
    public const string EnvironmentName = "RAILWAY_ENVIRONMENT_NAME";
    public const string ServiceId = "RAILWAY_SERVICE_ID";
    public const string ServiceName = "RAILWAY_SERVICE_NAME";
    public const string PrivateDomain = "RAILWAY_PRIVATE_DOMAIN";

    /// <summary>Only in a running deployment's environment, not in <c>variablesForServiceDeployment</c>.</summary>
    public const string DeploymentId = "RAILWAY_DEPLOYMENT_ID";

    /// <summary>The port the app is to listen on; <see cref="DefaultPort"/> when the service sets none.</summary>
    public const string Port = "PORT";

    /// <summary>The address the app is to listen on: its private domain. Railway's containers listen on every address; a local process must pick its own.</summary>
    public const string Host = "HOST";

    public const int DefaultPort = 8080;
}
