using Akka.Actor;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Tests.Support;
using Xunit;

namespace Orchestrator.Actors.Tests.App;

/// <summary>An app actor that fails the same way on every start stops and reports, instead of restarting forever.</summary>
public sealed class AppSupervisorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public AppSupervisorSpec()
        : base(PersistenceConfig.InMemory())
    {
    }

    [Fact]
    public async Task AppSupervisor_must_give_up_after_the_restart_limit_and_report_the_app_unavailable()
    {
        var starts = new StartCounter();
        var app = Sys.ActorOf(AppSupervisor.Props("web", Props.Create(() => new FailingOnStart(starts))), "web");

        AppUnavailable? unavailable = null;
        await AwaitAssertAsync(
            async () => unavailable = await app.Ask<AppUnavailable>(new GetAppStatus("web"), TimeSpan.FromMilliseconds(500)),
            Timeout,
            TimeSpan.FromMilliseconds(100));
        Assert.NotNull(unavailable);

        Assert.Contains("Illegal actor name [a/b]", unavailable.Reason);
        Assert.Contains($"failed {Defaults.AppMaxRestarts + 1} times", unavailable.Reason);
        Assert.Equal(Defaults.AppMaxRestarts + 1, starts.Count);

        var progress = CreateTestProbe();
        app.Tell(new DeployApp("web", null!, "", "", "", "", null, progress.Ref));
        var refused = await progress.ExpectMsgAsync<DeployRefused>(Timeout);
        Assert.Contains("app 'web' is unavailable", refused.Reason);

        // It stays down: no more starts.
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(Defaults.AppMaxRestarts + 1, starts.Count);
    }

    [Fact]
    public async Task AppSupervisor_must_forward_to_a_healthy_app_and_keep_its_sender()
    {
        var app = Sys.ActorOf(AppSupervisor.Props("web", Props.Create(() => new EchoApp())), "web");

        var reply = await app.Ask<AppStopReply>(new StopApp("web"), Timeout);

        Assert.Equal("web", reply.App);
    }

    private sealed class StartCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class FailingOnStart : ReceiveActor
    {
        public FailingOnStart(StartCounter starts)
        {
            starts.Add();
            throw new InvalidActorNameException("Illegal actor name [a/b].");
        }
    }

    private sealed class EchoApp : ReceiveActor
    {
        public EchoApp() => Receive<StopApp>(stop => Sender.Tell(new AppStopReply(stop.App, "stopped")));
    }
}
