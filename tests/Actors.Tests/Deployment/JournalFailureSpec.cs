using Akka.Actor;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Tests.Support;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>A journal that refuses writes fails the deploy waiting on it at once, with its error, and leaks no port.</summary>
public sealed class JournalFailureSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly DeploymentSandbox _sandbox = new();
    private readonly NodeTestApp _app = new("web", PortBlocks.Next());

    public JournalFailureSpec()
        : base(RefusingJournal.Config())
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            PersistenceConfig.DeleteSnapshots(Sys);
            _sandbox.Dispose();
        }
    }

    [Fact]
    public async Task DeploymentActor_must_fail_the_deploy_with_the_journals_error_and_return_its_ports_when_its_first_write_fails()
    {
        var progress = CreateTestProbe();
        var deployment = Sys.ActorOf(DeploymentActor.Props("web-1", _sandbox.Services(CreateTestProbe().Ref)), "web-1");
        Watch(deployment);

        var plan = _sandbox.Plan("web-1", _app);
        deployment.Tell(new StartDeployment(plan, progress.Ref));

        var failed = await progress.FishForMessageAsync<DeployProgressed>(p => p.IsFinal, Timeout);
        Assert.Equal(DeployProgressed.Failed, failed.Kind);
        Assert.Contains($"journal write failed: {RefusingJournal.Error}", failed.Message);
        await ExpectTerminatedAsync(deployment, Timeout);
        var range = plan.Config.Processes.Single(p => p.Port is not null).Port!;
        Assert.All(Enumerable.Range(range.First, range.Count), port => Assert.Null(_sandbox.Ports.OwnerOf(port)));
    }

    [Fact]
    public async Task AppActor_must_fail_the_deploy_with_the_journals_error_when_its_start_cannot_be_written()
    {
        var progress = CreateTestProbe();
        var app = Sys.ActorOf(AppActor.Props("web", _sandbox.Services(CreateTestProbe().Ref)));

        app.Tell(_sandbox.Deploy("web-1", _app, progress.Ref));

        var failed = await progress.FishForMessageAsync<DeployProgressed>(p => p.IsFinal, Timeout);
        Assert.Equal(DeployProgressed.Failed, failed.Kind);
        Assert.Contains($"journal write failed: {RefusingJournal.Error}", failed.Message);
    }
}
