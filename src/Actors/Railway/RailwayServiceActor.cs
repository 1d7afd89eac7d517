using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;
using Orchestrator.Railway;

namespace Orchestrator.Actors.Railway;

/// <summary>
/// A deployment's proxied process when the app runs on Railway: its own Railway service, created, configured and
/// deployed, then waited for until Railway says SUCCESS and its private domain is known. It speaks the
/// <see cref="ProcessActor"/>'s protocol to its deployment (<see cref="ProcessStarted"/>, <see cref="ProcessFailed"/>,
/// <see cref="ProcessStopped"/>), so the deployment probes, switches and drains it as it would a local process. A stop
/// hands the service to the <see cref="RailwayJanitorActor"/>, which deletes it until Railway confirms.
/// </summary>
internal sealed partial class RailwayServiceActor : ReceiveActor, IWithTimers
{
    private const int FailureLogLines = 20;
    private static readonly TimeSpan JanitorAskTimeout = TimeSpan.FromSeconds(10);

    private readonly RailwayServiceSpec _spec;
    private readonly RailwayRuntime _runtime;
    private readonly RailwayClient _client;
    private readonly StopProcess? _finishStop;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _calls = new();
    private RailwayServiceRecord? _service;
    private string? _envServiceId;
    private ProcessState _state = ProcessState.Starting;
    private DeploymentStatus? _lastStatus;

    /// <summary>Answers of the same status in a row: each makes the next wait longer (<see cref="RailwayTimings.PollAfter"/>).</summary>
    private int _pollsInStatus;
    private DateTimeOffset? _startedAt;
    private string? _detail;
    private string _stopReason = "";

    /// <param name="adopt">What an earlier incarnation recorded: adopted as serving if it had its private domain, else only stopped.</param>
    /// <param name="finishStop">A stop an earlier incarnation began: hand the service to the janitor, start nothing.</param>
    public RailwayServiceActor(RailwayServiceSpec spec, RailwayRuntime runtime, RailwayServiceRecord? adopt, StopProcess? finishStop)
    {
        _spec = spec;
        _runtime = runtime;
        _client = runtime.ClientFor(spec.Config.ApiUrl);
        _service = adopt;
        _finishStop = finishStop;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RailwayServiceSpec spec, RailwayRuntime runtime, RailwayServiceRecord? adopt = null, StopProcess? finishStop = null) =>
        Akka.Actor.Props.Create(() => new RailwayServiceActor(spec, runtime, adopt, finishStop));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private string Id => _spec.ProcessId;

    protected override void PreStart()
    {
        if (_finishStop is not null)
        {
            BeginStop(_finishStop.Reason);
        }
        else if (_service is { PrivateDomain: not null })
        {
            BecomeServing(adopted: true);
        }
        else if (_service is not null)
        {
            // Recorded mid-deploy by an earlier incarnation: the deployment fails itself and stops this next.
            _state = ProcessState.Stopped;
            Become(Standby);
        }
        else
        {
            Become(Creating);
            RailwayServiceSetup.CreateAsync(_client, _spec, _calls.Token)
                .PipeTo(Self, success: created => new Created(created.Service, created.EnvServiceId), failure: e => new CallFailed("creating its service", e));
        }
    }

    protected override void PostStop()
    {
        _calls.Cancel();
        _calls.Dispose();
    }

    // ---- up: create, configure, deploy, wait for SUCCESS ----

    private void Creating()
    {
        CommonCommands();
        Receive<Created>(HandleCreated);
        Receive<CallFailed>(Fail);
        Receive<StopProcess>(s => Become(() => StoppingOnceCreated(s.Reason)));
    }

    private void HandleCreated(Created created)
    {
        Record(created.Service);
        _envServiceId = created.EnvServiceId;
        Progress($"created Railway service {created.Service.ServiceName} ({created.Service.ServiceId})");
        Become(Deploying);
        RailwayServiceSetup.DeployAsync(_client, _spec, created.Service, _envServiceId, _calls.Token)
            .PipeTo(Self, success: id => new Deployed(id), failure: e => new CallFailed("deploying its service", e));
    }

    /// <summary>A stop asked for while <c>serviceCreate</c> was in flight: the service it makes is deleted, never deployed.</summary>
    private void StoppingOnceCreated(string reason)
    {
        CommonCommands();
        Receive<Created>(c =>
        {
            Record(c.Service);
            BeginStop(reason);
        });
        Receive<CallFailed>(_ => BeginStop(reason));
        Receive<StopProcess>(_ => { });
    }

    private void Deploying()
    {
        CommonCommands();
        Receive<Deployed>(d =>
        {
            Record(_service! with { RailwayDeploymentId = d.RailwayDeploymentId });
            Progress($"Railway deployment {d.RailwayDeploymentId} requested");
            Become(Waiting);
            Self.Tell(PollTick.Instance);
        });
        Receive<CallFailed>(Fail);
        StopCommand();
    }

    private void Waiting()
    {
        CommonCommands();
        Receive<PollTick>(_ => _client.GetDeploymentAsync(_service!.RailwayDeploymentId!, _calls.Token)
            .PipeTo(Self, success: d => new StatusRead(d.Status), failure: e => new CallFailed("asking Railway for its deployment's status", e)));
        Receive<StatusRead>(HandleStatus);
        Receive<StuckIn>(s => FailWithLogs(
            $"Railway deployment {_service!.RailwayDeploymentId} stayed {RailwayStatusRules.Display(s.Status)} for {s.Limit.TotalSeconds:0}s: {s.Advice}"));
        Receive<DomainRead>(HandleDomain);
        Receive<CallFailed>(Fail);
        StopCommand();
    }

    private void HandleStatus(StatusRead read)
    {
        var limits = RailwayWaitLimits.For(_spec.Config.HealthcheckTimeout);
        switch (RailwayStatusRules.BeforeServing(read.Status, limits))
        {
            case RailwayStatusOutcome.Wait wait:
                if (read.Status != _lastStatus)
                {
                    _pollsInStatus = 0;
                    _lastStatus = read.Status;
                    _detail = RailwayStatusRules.Display(read.Status);
                    Progress($"Railway deployment {_service!.RailwayDeploymentId} is {_detail}");
                    Timers.StartSingleTimer(StuckKey.Instance, new StuckIn(read.Status, wait.Limit, wait.Advice), wait.Limit);
                }

                Timers.StartSingleTimer(PollKey.Instance, PollTick.Instance, _runtime.Timings.PollAfter(++_pollsInStatus));
                break;
            case RailwayStatusOutcome.Ready:
                Timers.Cancel(StuckKey.Instance);
                _lastStatus = read.Status;
                _detail = RailwayStatusRules.Display(read.Status);
                Progress($"Railway deployment {_service!.RailwayDeploymentId} is {_detail}");
                _client.GetVariablesForServiceDeploymentAsync(_service.ProjectId, _service.EnvironmentId, _service.ServiceId, _calls.Token)
                    .PipeTo(Self, success: v => new DomainRead(v.GetValueOrDefault("RAILWAY_PRIVATE_DOMAIN")),
                        failure: e => new CallFailed("reading its private domain", e));
                break;
            case RailwayStatusOutcome.Failed failed when failed.WithLogs:
                _lastStatus = read.Status;
                FailWithLogs($"{failed.Reason} (Railway deployment {_service!.RailwayDeploymentId})");
                break;
            case RailwayStatusOutcome.Failed failed:
                _lastStatus = read.Status;
                Fail($"{failed.Reason} (Railway deployment {_service!.RailwayDeploymentId})", []);
                break;
        }
    }

    private void HandleDomain(DomainRead read)
    {
        if (string.IsNullOrWhiteSpace(read.PrivateDomain))
        {
            Fail($"Railway reports {_detail}, but its variables have no RAILWAY_PRIVATE_DOMAIN: the router cannot reach it; " +
                "check that private networking is on in the environment's settings", []);
            return;
        }

        Record(_service! with { PrivateDomain = read.PrivateDomain });
        BecomeServing(adopted: false);
    }

    // ---- serving ----

    private void BecomeServing(bool adopted)
    {
        _state = ProcessState.Running;
        _startedAt = Now;
        if (adopted)
        {
            Become(Serving);
        }
        else
        {
            _pollsInStatus = 0;
            Become(Confirming);
            Timers.StartSingleTimer(PollKey.Instance, PollTick.Instance, _runtime.Timings.Poll);
        }

        Context.Parent.Tell(new ProcessStarted(Id, 0, 0, _startedAt.Value, adopted));
    }

    /// <summary>
    /// Railway said SUCCESS and the deployment probes it through our router, but has not switched to it yet: an app that
    /// exits right after Railway's health check is CRASHED there while our probe is only refused, so Railway is still
    /// asked until the deployment says it is promoted, and a CRASHED (or any status but SUCCESS) fails the deploy with it.
    /// </summary>
    private void Confirming()
    {
        CommonCommands();
        Receive<PollTick>(_ => _client.GetDeploymentAsync(_service!.RailwayDeploymentId!, _calls.Token)
            .PipeTo(Self, success: d => new StatusRead(d.Status), failure: e => new CallFailed("asking Railway for its deployment's status", e)));
        Receive<StatusRead>(HandleStatusWhileConfirming);
        Receive<CallFailed>(f =>
        {
            _log.Warning("{0}: {1}: {2} failed ({3}); asking again", _spec.DeploymentId, Id, f.What, f.Error.Message);
            Timers.StartSingleTimer(PollKey.Instance, PollTick.Instance, _runtime.Timings.Poll);
        });
        Receive<RailwayServicePromoted>(_ =>
        {
            Timers.Cancel(PollKey.Instance);
            Become(Serving);
        });
        Receive<RestartProcess>(r => _log.Warning("{0}: {1}: not promoted yet, not restarted ({2})", _spec.DeploymentId, Id, r.Reason));
        StopCommand();
    }

    private void HandleStatusWhileConfirming(StatusRead read)
    {
        var limits = RailwayWaitLimits.For(_spec.Config.HealthcheckTimeout);
        switch (RailwayStatusRules.BeforeServing(read.Status, limits))
        {
            case RailwayStatusOutcome.Failed failed:
                _detail = RailwayStatusRules.Display(read.Status);
                Progress($"Railway deployment {_service!.RailwayDeploymentId} is {_detail}");
                FailWithLogs($"{failed.Reason} (Railway deployment {_service.RailwayDeploymentId})");
                break;
            default:
                Timers.StartSingleTimer(PollKey.Instance, PollTick.Instance, _runtime.Timings.PollAfter(++_pollsInStatus));
                break;
        }
    }

    /// <summary>
    /// Serving: Railway is not asked anything (an idle deployment costs no API calls); the deployment's health watch
    /// probes it over the private network, and Railway restarts a crashed container under its own restart policy.
    /// </summary>
    private void Serving()
    {
        CommonCommands();
        Receive<RestartProcess>(r => _log.Warning("{0}: {1}: Railway restarts the service under its restart policy; not asked ({2})",
            _spec.DeploymentId, Id, r.Reason));
        Receive<RailwayServicePromoted>(_ => { });
        StopCommand();
    }

    // ---- failing and stopping ----

    private void Fail(CallFailed failed)
    {
        var error = failed.Error is AggregateException { InnerException: { } inner } ? inner : failed.Error;
        Fail($"Railway: {failed.What} failed: {error.Message}", []);
    }

    private void FailWithLogs(string reason)
    {
        Timers.CancelAll();
        Become(Failed);
        FetchLogs(FailureLogLines).PipeTo(Self, success: lines => new Logs(reason, lines), failure: _ => new Logs(reason, []));
    }

    private void Fail(string reason, ImmutableArray<string> lines)
    {
        Timers.CancelAll();
        _state = ProcessState.Failed;
        _detail = reason;
        Become(Failed);
        Context.Parent.Tell(new ProcessFailed(Id, reason, lines));
    }

    /// <summary>Failed: never promoted; its service stays until the deployment stops it, and after that with <c>--keep-failed</c>.</summary>
    private void Failed()
    {
        CommonCommands();
        Receive<Logs>(l => Fail(l.Reason, l.Lines));
        if (_spec.KeepWhenFailed && _service is { } kept)
        {
            Receive<StopProcess>(_ =>
            {
                Progress($"kept {kept.ServiceName} for its logs (--keep-failed): `orch railway remove --deployment-id {_spec.DeploymentId}` deletes it");
                Stopped();
            });
        }

        StopCommand();
    }

    private void Standby()
    {
        CommonCommands();
        StopCommand();
    }

    private void StopCommand() => Receive<StopProcess>(s => BeginStop(s.Reason));

    private void BeginStop(string reason)
    {
        Timers.CancelAll();
        _calls.Cancel();
        _stopReason = reason;
        _state = ProcessState.Stopping;
        if (_service is null)
        {
            Stopped();
            return;
        }

        Become(Stopping);
        AskJanitor();
    }

    private void AskJanitor() =>
        _runtime.Janitor.Ask<RailwayDeletionAccepted>(new DeleteRailwayService(_service!, _spec.App, _spec.DeploymentId, _stopReason), JanitorAskTimeout)
            .PipeTo(Self, failure: e => new JanitorUnreachable(e.Message));

    /// <summary>Waiting for the janitor to persist the deletion; from then on it retries until Railway confirms.</summary>
    private void Stopping()
    {
        CommonCommands();
        Receive<RailwayDeletionAccepted>(_ => Stopped());
        Receive<JanitorUnreachable>(f =>
        {
            _log.Warning("{0}: {1}: the janitor did not take its service ({2}); asking again", _spec.DeploymentId, Id, f.Reason);
            Timers.StartSingleTimer(JanitorKey.Instance, RetryJanitor.Instance, JanitorAskTimeout);
        });
        Receive<RetryJanitor>(_ => AskJanitor());
        Receive<StopProcess>(_ => { });
    }

    private void Stopped()
    {
        _state = ProcessState.Stopped;
        Become(Done);
        Context.Parent.Tell(new ProcessStopped(Id));
    }

    private void Done()
    {
        CommonCommands();
        Receive<StopProcess>(_ => Sender.Tell(new ProcessStopped(Id)));
    }

    // ---- what every behavior answers ----

    private void CommonCommands()
    {
        Receive<GetProcessStatus>(_ => Sender.Tell(Snapshot()));
        Receive<GetRecentOutput>(g =>
        {
            var replyTo = Sender;
            FetchLogs(g.Lines).PipeTo(replyTo, success: lines => new RecentOutput(Id, lines), failure: _ => new RecentOutput(Id, []));
        });
    }

    private void Record(RailwayServiceRecord service)
    {
        _service = service;
        Context.Parent.Tell(new RailwayServiceRecorded(Id, service));
    }

    private void Progress(string message)
    {
        _log.Info("{0}: {1}", _spec.DeploymentId, message);
        Context.Parent.Tell(new RailwayServiceProgress(Id, message));
    }

    private async Task<ImmutableArray<string>> FetchLogs(int lines)
    {
        if (_service?.RailwayDeploymentId is not { } deploymentId)
        {
            return [];
        }

        var logs = await _client.GetDeploymentLogsAsync(deploymentId, lines).ConfigureAwait(false);
        return [.. logs.Select(line => line.Message)];
    }

    private ProcessStatusSnapshot Snapshot() =>
        new(Id, ProcessPolicy.Proxied, null, _state, 0, null, null, _startedAt, LogLocation(), HealthDetail: _detail, Railway: new RailwayServiceSnapshot(
            _service?.ServiceName ?? _spec.Config.DeploymentServiceName(_spec.DeploymentId), _service?.ServiceId, _service?.RailwayDeploymentId,
            _lastStatus is { } status ? RailwayStatusRules.Display(status) : null, _service?.PrivateDomain, _spec.Config.ApiUrl));

    /// <summary>Where its output is: Railway keeps it, <c>orch railway logs</c> reads it.</summary>
    private string LogLocation() => "railway:" + (_service?.ServiceName ?? _spec.Config.DeploymentServiceName(_spec.DeploymentId));
}
