using System.ComponentModel;

namespace Orchestrator.Railway.Fake.Runtime;

/// <summary>
/// One deployment of a mapped source through Railway's lifecycle: INITIALIZING → (BUILDING) → DEPLOYING → SUCCESS or
/// FAILED, then CRASHED if its process exits for good, or REMOVING → REMOVED when it is replaced or its service deleted.
/// Once removal starts, <see cref="RemoveAsync"/> owns the status and the process: the run loop writes nothing more.
/// </summary>
internal sealed class DeploymentRun : IDisposable
{
    /// <summary>How long each step before DEPLOYING takes.</summary>
    public static readonly TimeSpan StepDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The pause before a restart under the restart policy.</summary>
    public static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly FakeRailwayState _state;
    private readonly HttpClient _http;
    private readonly Action<DeploymentRun> _succeeded;
    private AppProcess? _process;
    private bool _removing;

    /// <param name="sequence">Orders the deployments of a service: a higher one is newer.</param>
    /// <param name="succeeded">Called once the deployment reaches SUCCESS.</param>
    public DeploymentRun(
        FakeDeployment deployment, long sequence, DeploymentLaunch launch, FakeRailwayState state, HttpClient http, Action<DeploymentRun> succeeded)
    {
        Deployment = deployment;
        Sequence = sequence;
        Launch = launch;
        _state = state;
        _http = http;
        _succeeded = succeeded;
    }

    public FakeDeployment Deployment { get; }

    public long Sequence { get; }

    public DeploymentLaunch Launch { get; }

    /// <summary>The run loop; done once the deployment settled or was removed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public string Status => _state.Deployment(Deployment.Id)?.Status ?? FakeDeploymentStatus.Removed;

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>REMOVING, the process stopped (SIGTERM, SIGKILL after <paramref name="draining"/>), then REMOVED.</summary>
    public async Task RemoveAsync(TimeSpan draining)
    {
        AppProcess? process;
        lock (_gate)
        {
            if (_removing)
                return;
            _removing = true;
            process = _process;
            _state.SetDeploymentStatus(Deployment.Id, FakeDeploymentStatus.Removing);
        }
        await _lifetime.CancelAsync();
        if (process is not null)
            await process.StopAsync(draining);
        _state.SetDeploymentStatus(Deployment.Id, FakeDeploymentStatus.Removed);
    }

    /// <summary>Stops the run and kills its process at once, leaving the status as it was: the fake is going away.</summary>
    public async Task KillAsync()
    {
        AppProcess? process;
        lock (_gate)
        {
            _removing = true;
            process = _process;
        }
        await _lifetime.CancelAsync();
        if (process is not null)
            await process.KillAsync();
    }

    /// <summary>Call after <see cref="KillAsync"/>.</summary>
    public void Dispose()
    {
        _process?.Dispose();
        _lifetime.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _lifetime.Token;
        try
        {
            await Task.Delay(StepDelay, token);
            if (Launch.Built)
            {
                if (!TrySetStatus(FakeDeploymentStatus.Building))
                    return;
                await Task.Delay(StepDelay, token);
            }
            if (!TrySetStatus(FakeDeploymentStatus.Deploying))
                return;
            if (StartProcess() is not { } process)
            {
                TrySetStatus(FakeDeploymentStatus.Failed);
                return;
            }
            if (!await BecomesHealthyAsync(process, token))
            {
                await process.StopAsync(TimeSpan.Zero);
                TrySetStatus(FakeDeploymentStatus.Failed);
                return;
            }
            if (!TrySetStatus(FakeDeploymentStatus.Success))
                return;
            _succeeded(this);
            await SuperviseAsync(process, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Removed or killed: whoever cancelled owns the status and the process.
        }
    }

    private Task<bool> BecomesHealthyAsync(AppProcess process, CancellationToken token) =>
        Launch.HealthcheckUrl is { } url
            ? HealthCheck.PassesAsync(_http, url, Launch.Settings.HealthcheckTimeout, process.Exited, token)
            : Task.FromResult(!process.Exited.IsCompleted);

    /// <summary>Waits for exits and restarts by the restart policy; CRASHED once it restarts no more.</summary>
    private async Task SuperviseAsync(AppProcess process, CancellationToken token)
    {
        for (var restarts = 0; ; restarts++)
        {
            var exitCode = await process.Exited.WaitAsync(token);
            if (!Launch.Settings.Restarts(exitCode, restarts))
                break;
            await Task.Delay(RestartDelay, token);
            if (StartProcess() is not { } restarted)
                break;
            process.Dispose();
            process = restarted;
        }
        TrySetStatus(FakeDeploymentStatus.Crashed);
    }

    /// <returns>The started process, or null when it could not start (logged) or removal began meanwhile.</returns>
    private AppProcess? StartProcess()
    {
        AppProcess process;
        try
        {
            process = AppProcess.Start(Launch.Command, Launch.Environment, AppendLog);
        }
        catch (Win32Exception e)
        {
            AppendLog($"cannot start {Launch.Command.FileName}: {e.Message}", isError: true);
            return null;
        }
        lock (_gate)
        {
            if (!_removing)
            {
                _process = process;
                return process;
            }
        }
        process.Dispose();
        return null;
    }

    private void AppendLog(string line, bool isError) => _state.AppendLog(Deployment.Id, line, isError ? "error" : "info");

    private bool TrySetStatus(string status)
    {
        lock (_gate)
        {
            if (_removing)
                return false;
            _state.SetDeploymentStatus(Deployment.Id, status);
            return true;
        }
    }
}
