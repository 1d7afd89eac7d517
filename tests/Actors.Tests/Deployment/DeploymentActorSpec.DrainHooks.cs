using Akka.Actor;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>Workers that drain: <c>quiet</c> once, then the deployment waits for <c>drain_check</c> to say idle.</summary>
public sealed partial class DeploymentActorSpec
{
    [Fact]
    public async Task DeploymentActor_must_keep_draining_while_its_drain_check_says_busy_even_after_a_failed_quiet()
    {
        var app = TestApp with
        {
            WebExtra = """
                quiet = "exec:echo quiet >> quiet.flag; exit 7"
                drain_check = "exec:test -e idle.flag"
                drain_check_interval = "100ms"
                """,
        };
        var (deployment, port, process) = await DeployActiveAsync("web-1", app);
        var release = Path.Combine(_sandbox.Root, "releases", "web-1");

        deployment.Tell(new BeginDrain("replaced by web-2"));

        await ExpectPhaseAsync(DeploymentPhase.Active, DeploymentPhase.Draining);
        await _routes.ExpectMsgAsync<RegisterDrainingRoute>(ProcessTimeout);
        var quieted = Path.Combine(release, "quiet.flag");
        await AnswerDrainPollsIdleUntilAsync(() => File.Exists(quieted));
        Assert.Equal("quiet\n", await File.ReadAllTextAsync(quieted));
        for (var i = 0; i < 10; i++)
        {
            await AnswerDrainPollsIdleUntilAsync(() => false, once: true);
        }

        await _phases.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        AssertRunning(process);

        await File.WriteAllTextAsync(Path.Combine(release, "idle.flag"), "");

        RemoveRoute? remove = null;
        while (remove is null)
        {
            switch (await _routes.ExpectMsgAsync<IRouteTableCommand>(ProcessTimeout))
            {
                case GetDrainStatus:
                    _routes.Reply(new DrainStatus("web-1", ConnectionCounts.Zero, Fresh: true));
                    break;
                case RemoveRoute removed:
                    remove = removed;
                    break;
            }
        }

        Assert.Equal("web-1", remove.DeploymentId);
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        var retired = await ExpectPhaseAsync(DeploymentPhase.Draining, DeploymentPhase.Stopping);
        await ExpectPhaseAsync(DeploymentPhase.Stopping, DeploymentPhase.Retired);
        Assert.Contains("drain_check", retired.Reason, StringComparison.Ordinal);
        AssertNothingRuns(process, port);
    }

    /// <summary>Answers the route table's drain polls with "no connections" until <paramref name="done"/> holds.</summary>
    private async Task AnswerDrainPollsIdleUntilAsync(Func<bool> done, bool once = false)
    {
        do
        {
            var command = await _routes.ExpectMsgAsync<IRouteTableCommand>(ProcessTimeout);
            Assert.IsType<GetDrainStatus>(command);
            _routes.Reply(new DrainStatus("web-1", ConnectionCounts.Zero, Fresh: true));
        }
        while (!once && !done());
    }
}
