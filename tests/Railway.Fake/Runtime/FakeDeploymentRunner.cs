using System.Collections.Concurrent;
using System.Globalization;
using Orchestrator.Railway.Fake.Variables;

namespace Orchestrator.Railway.Fake.Runtime;

/// <summary>
/// Runs the deployments of mapped sources as local processes and retires them as Railway does: a newer SUCCESS of the
/// same service removes the older deployment after the overlap, a deleted service removes all of its deployments.
/// </summary>
internal sealed class FakeDeploymentRunner : IAsyncDisposable
{
    /// <summary>SIGTERM to SIGKILL when a service is deleted and sets no draining time.</summary>
    public static readonly TimeSpan DeleteGrace = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(10);

    private readonly FakeRailwayState _state;
    private readonly FakeSourceMap _images;
    private readonly FakeSourceMap _repos;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private readonly CancellationTokenSource _disposing = new();
    private readonly ConcurrentDictionary<string, DeploymentRun> _runs = new();
    private readonly ConcurrentQueue<Task> _removals = new();
    private long _sequence;

    public FakeDeploymentRunner(FakeRailwayState state, FakeSourceMap images, FakeSourceMap repos)
    {
        _state = state;
        _images = images;
        _repos = repos;
    }

    /// <summary>Starts running <paramref name="deployment"/> if its source is mapped; leaves it to the test otherwise.</summary>
    public void Deployed(FakeDeployment deployment)
    {
        var service = _state.Service(deployment.ServiceId)!;
        var settings = InstanceSettings.From(_state.InstanceSettingsOf(service.Id, deployment.EnvironmentId));
        var image = settings.Image ?? service.Image;
        var repo = settings.Repo ?? service.Repo;
        var (command, built) = _images.CommandFor(image) is { } imageCommand ? (imageCommand, false) : (_repos.CommandFor(repo), true);
        if (command is null)
            return;

        var variables = _state.RenderedVariablesOf(service.Id, deployment.EnvironmentId);
        var port = int.TryParse(variables.GetValueOrDefault(RailwayVariables.Port), CultureInfo.InvariantCulture, out var set) ? set : RailwayVariables.DefaultPort;
        var host = service.PrivateDomain;
        var environment = new Dictionary<string, string>(variables)
        {
            [RailwayVariables.DeploymentId] = deployment.Id,
            [RailwayVariables.Port] = port.ToString(CultureInfo.InvariantCulture),
            [RailwayVariables.Host] = host,
        };
        var launch = new DeploymentLaunch(command.For(host, port), built, environment, host, port, settings);
        var run = new DeploymentRun(deployment, Interlocked.Increment(ref _sequence), launch, _state, _http, Succeeded);
        _runs[deployment.Id] = run;
        run.Start();
    }

    /// <summary>Stops every process of the service and marks all of its deployments REMOVED, run or not.</summary>
    public void RemoveDeploymentsOf(string serviceId)
    {
        foreach (var deployment in _state.DeploymentsOf(serviceId))
        {
            if (_runs.TryGetValue(deployment.Id, out var run))
            {
                var draining = InstanceSettings.From(_state.InstanceSettingsOf(serviceId, deployment.EnvironmentId)).Draining;
                _removals.Enqueue(run.RemoveAsync(draining > TimeSpan.Zero ? draining : DeleteGrace));
            }
            else
            {
                _state.SetDeploymentStatus(deployment.Id, FakeDeploymentStatus.Removed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync();
        var runs = _runs.Values.ToList();
        await Task.WhenAll(runs.Select(run => run.KillAsync()));
        await Task.WhenAny(Task.WhenAll(runs.Select(run => run.Completion).Concat(_removals)), Task.Delay(DisposeWait));
        foreach (var run in runs)
            run.Dispose();
        _http.Dispose();
        _disposing.Dispose();
    }

    private void Succeeded(DeploymentRun newer)
    {
        var older = _runs.Values.Where(run =>
            run.Deployment.ServiceId == newer.Deployment.ServiceId
            && run.Deployment.EnvironmentId == newer.Deployment.EnvironmentId
            && run.Sequence < newer.Sequence
            && FakeDeploymentStatus.IsLive(run.Status));
        foreach (var run in older.ToList())
            _removals.Enqueue(RemoveAfterOverlapAsync(run, newer.Launch.Settings));
    }

    private async Task RemoveAfterOverlapAsync(DeploymentRun older, InstanceSettings settings)
    {
        try
        {
            await Task.Delay(settings.Overlap, _disposing.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await older.RemoveAsync(settings.Draining);
    }
}
