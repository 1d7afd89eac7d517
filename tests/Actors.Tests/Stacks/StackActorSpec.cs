using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Stacks;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Stacks;

/// <summary>The stack above its apps, with a probe standing in for the app region: order, parallelism, refusal, resumption.</summary>
public sealed class StackActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TestProbe _apps;

    public StackActorSpec()
        : base(PersistenceConfig.InMemory())
    {
        _apps = CreateTestProbe("apps");
    }

    [Fact]
    public async Task StackActor_must_deploy_each_app_after_its_dependencies_and_independent_ones_together()
    {
        var stack = Sys.ActorOf(StackActor.Props("planexe", _apps.Ref));
        stack.Tell(Diamond());
        await ExpectMsgAsync<StackRunAccepted>(Wait);

        await SucceedAsync(await ExpectDeployAsync("worker"));
        await SucceedAsync(await ExpectDeployAsync("db"));
        var both = new[] { await NextDeployAsync(), await NextDeployAsync() };

        Assert.Equal(["frontend", "mcp"], both.Select(d => d.App).Order());
        await SucceedAsync(both[0]);
        await SucceedAsync(both[1]);
        var run = await AwaitRunAsync(stack, r => !r.IsRunning);
        Assert.Equal(StackRun.Succeeded, run.Outcome);
    }

    [Fact]
    public async Task StackActor_must_refuse_a_second_run_while_one_runs()
    {
        var stack = Sys.ActorOf(StackActor.Props("planexe", _apps.Ref));
        stack.Tell(Diamond());
        var accepted = await ExpectMsgAsync<StackRunAccepted>(Wait);

        stack.Tell(Diamond());

        var refused = await ExpectMsgAsync<StackRunRefused>(Wait);
        Assert.Contains(accepted.RunId, refused.Reason);
        Assert.Contains("orch stack status planexe", refused.Hint);
    }

    [Fact]
    public async Task StackActor_must_start_nothing_more_after_a_failure_and_skip_the_rest()
    {
        var stack = Sys.ActorOf(StackActor.Props("planexe", _apps.Ref));
        stack.Tell(Diamond());
        await ExpectMsgAsync<StackRunAccepted>(Wait);

        await SucceedAsync(await ExpectDeployAsync("worker"));
        (await ExpectDeployAsync("db")).Progress.Tell(new DeployProgressed(DeployProgressed.Failed, "health never passed", null, "failed"));

        var run = await AwaitRunAsync(stack, r => !r.IsRunning);
        Assert.Equal(StackRun.Failed, run.Outcome);
        Assert.Equal([StackStep.Succeeded, StackStep.Failed, StackStep.Skipped, StackStep.Skipped], run.Steps.Select(s => s.State));
        Assert.Equal("health never passed", run.Step("db")!.Reason);
        Assert.DoesNotContain(_apps.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => m), m => m is DeployApp);
    }

    [Fact]
    public async Task StackActor_must_resume_after_a_restart_asking_the_app_of_the_deploy_in_flight_instead_of_sending_it_again()
    {
        var stack = Sys.ActorOf(StackActor.Props("planexe", _apps.Ref), "planexe-1");
        stack.Tell(Diamond());
        await ExpectMsgAsync<StackRunAccepted>(Wait);
        await SucceedAsync(await ExpectDeployAsync("worker"));
        var inFlight = await ExpectDeployAsync("db");
        Watch(stack);
        Sys.Stop(stack);
        await ExpectTerminatedAsync(stack, Wait);

        Sys.ActorOf(StackActor.Props("planexe", _apps.Ref), "planexe-2");

        var asked = await _apps.ExpectMsgAsync<GetAppStatus>(Wait);
        Assert.Equal("db", asked.App);
        _apps.Reply(AppWith(inFlight.DeploymentId!, DeploymentPhase.Active));
        var next = new[] { await NextDeployAsync(), await NextDeployAsync() };
        Assert.Equal(["frontend", "mcp"], next.Select(d => d.App).Order());
    }

    [Fact]
    public async Task StackActor_must_deploy_an_app_under_another_id_when_a_plain_deploy_took_the_one_it_picked()
    {
        var stack = Sys.ActorOf(StackActor.Props("planexe", _apps.Ref));
        stack.Tell(Diamond());
        await ExpectMsgAsync<StackRunAccepted>(Wait);

        var first = await ExpectDeployAsync("worker");
        first.Progress.Tell(new DeployRefused($"deployment id '{first.DeploymentId}' is already taken", "pass another --deployment-id or none", IdTaken: true));
        var again = await ExpectDeployAsync("worker");

        Assert.NotEqual(first.DeploymentId, again.DeploymentId);
        await SucceedAsync(again);
        await SucceedAsync(await ExpectDeployAsync("db"));
        var run = await AwaitRunAsync(stack, r => r.Step("worker")!.State == StackStep.Succeeded);
        Assert.Equal(again.DeploymentId, run.Step("worker")!.DeploymentId);
    }

    private static RunStack Diamond() => new("planexe",
    [
        App("worker"),
        App("db", "worker"),
        App("mcp", "db"),
        App("frontend", "db"),
    ]);

    private static StackRunApp App(string name, params string[] dependsOn) => new(name, $$"""
        app = "{{name}}"

        [[process]]
        id = "worker"
        policy = "companion"
        command = "sleep 600"
        """, $"/srv/planexe/{name}/orch.toml", $"/srv/r1/{name}", "r1", [.. dependsOn]);

    private async Task<DeployApp> ExpectDeployAsync(string app)
    {
        var deploy = await NextDeployAsync();
        Assert.Equal(app, deploy.App);
        Assert.StartsWith(app + "-", deploy.DeploymentId);
        return deploy;
    }

    /// <summary>The next deploy sent; the stack's periodic status questions in between are not what these specs look at.</summary>
    private async Task<DeployApp> NextDeployAsync() => (DeployApp)await _apps.FishForMessageAsync<object>(m => m is DeployApp, Wait);

    private static Task SucceedAsync(DeployApp deploy)
    {
        deploy.Progress.Tell(new DeployProgressed(DeployProgressed.Succeeded, "active", deploy.DeploymentId, "active"));
        return Task.CompletedTask;
    }

    private async Task<StackRun> AwaitRunAsync(IActorRef stack, Func<StackRun, bool> done)
    {
        StackRun? run = null;
        await AwaitConditionAsync(async () =>
        {
            run = (await stack.Ask<StackStatusView>(new GetStackStatus("planexe"), Wait)).Run;
            return run is not null && done(run);
        }, Wait);
        return run!;
    }

    private static AppStatusView AppWith(string deploymentId, DeploymentPhase phase)
    {
        var at = DateTimeOffset.UtcNow;
        return new AppStatusView("db", "node", null, phase == DeploymentPhase.Active ? deploymentId : null, null, [],
        [
            new DeploymentStatusView(deploymentId, "db", "r1", phase, "/srv/r1/db", at, at, null, null, null,
                ImmutableDictionary<string, int>.Empty, ConnectionCounts.Zero, ImmutableArray<ProcessStatusSnapshot>.Empty, null),
        ]);
    }
}
