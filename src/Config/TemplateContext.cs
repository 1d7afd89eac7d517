namespace Orchestrator.Config;

/// <summary>The values a process's templates are rendered with, for one process of one deployment.</summary>
/// <param name="Port">This process's port; null when it has none.</param>
/// <param name="Ports">The port of every process of the deployment (and the app's services) that has one, by process id.</param>
/// <param name="Environment">What <c>{{env.NAME}}</c> reads: the daemon's environment merged with the process's env.</param>
public sealed record TemplateContext(
    string App,
    string DeploymentId,
    string ReleasePath,
    string Revision,
    string ProcessId,
    int? Port,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlyDictionary<string, string> Environment);
