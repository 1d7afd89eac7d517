using Akka.Actor;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Ports;
using Orchestrator.Config;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// What a deployment needs from its node, for one spec: a temp state directory, release directories holding
/// <see cref="NodeTestApp"/>, the host's port allocator and a health client. Disposing kills whatever still runs.
/// </summary>
internal sealed class DeploymentSandbox : IDisposable
{
    private readonly HttpClient _healthClient = HealthProbe.CreateClient();

    public string Root { get; } = Directory.CreateTempSubdirectory("orch-deploy-").FullName;

    public PortAllocator Ports { get; } = new();

    public DeploymentServices Services(IActorRef routeTables) =>
        new(Ports, routeTables, Path.Combine(Root, "state"), _healthClient);

    /// <summary>A new release directory with the node app in it.</summary>
    public string Release(string name)
    {
        var dir = Path.Combine(Root, "releases", name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, NodeTestApp.ScriptName), NodeTestApp.Script);
        return dir;
    }

    public static AppConfig Config(NodeTestApp app, string configPath)
    {
        var loaded = AppConfigLoader.Load(app.Toml, configPath);
        return loaded.Config ?? throw new InvalidOperationException(
            "the test's orch.toml does not load: " + string.Join("; ", loaded.Problems));
    }

    public DeploymentPlan Plan(string deploymentId, NodeTestApp app)
    {
        var release = Release(deploymentId);
        var configPath = Path.Combine(release, Defaults.ConfigFileName);
        return new DeploymentPlan(deploymentId, app.App, Config(app, configPath), app.Toml, configPath, release, "rev-" + deploymentId);
    }

    public DeployApp Deploy(string deploymentId, NodeTestApp app, IActorRef progress)
    {
        var plan = Plan(deploymentId, app);
        return new DeployApp(app.App, plan.Config, plan.ConfigToml, plan.ConfigPath, plan.ReleasePath, plan.Revision, deploymentId, progress);
    }

    /// <summary>Call after the actor system is gone: a live ProcessActor would restart what is killed here.</summary>
    public void Dispose()
    {
        SandboxProcesses.KillAll(Root);
        _healthClient.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold its log open for a moment; the temp directory is left for the OS.
        }
    }
}
