using Orchestrator.Actors.Railway;
using Orchestrator.Railway;
using Xunit;

namespace Orchestrator.Actors.Tests.Railway;

/// <summary>Every one of Railway's deployment statuses, and one the client does not know, has an outcome; no wait is unbounded.</summary>
public sealed class RailwayStatusRulesTests
{
    private static readonly RailwayWaitLimits Limits = RailwayWaitLimits.For(TimeSpan.FromSeconds(300));

    public static TheoryData<string> EveryStatus => [.. Enum.GetNames<DeploymentStatus>()];

    [Fact]
    public void The_client_knows_Railways_13_statuses_and_one_for_any_other()
    {
        Assert.Equal(14, Enum.GetValues<DeploymentStatus>().Length);
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Every_status_has_an_outcome_and_every_wait_a_limit_and_advice(string name)
    {
        var status = Enum.Parse<DeploymentStatus>(name);
        var outcome = RailwayStatusRules.BeforeServing(status, Limits);

        switch (outcome)
        {
            case RailwayStatusOutcome.Wait wait:
                Assert.InRange(wait.Limit, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
                Assert.False(string.IsNullOrWhiteSpace(wait.Advice));
                break;
            case RailwayStatusOutcome.Failed failed:
                Assert.Contains(RailwayStatusRules.Display(status), failed.Reason);
                break;
            default:
                Assert.IsType<RailwayStatusOutcome.Ready>(outcome);
                break;
        }
    }

    [Theory]
    [InlineData(nameof(DeploymentStatus.Failed))]
    [InlineData(nameof(DeploymentStatus.Crashed))]
    [InlineData(nameof(DeploymentStatus.Removing))]
    [InlineData(nameof(DeploymentStatus.Removed))]
    [InlineData(nameof(DeploymentStatus.Skipped))]
    public void A_deployment_that_ended_is_never_promoted(string name)
    {
        Assert.IsType<RailwayStatusOutcome.Failed>(RailwayStatusRules.BeforeServing(Enum.Parse<DeploymentStatus>(name), Limits));
    }

    [Theory]
    [InlineData(nameof(DeploymentStatus.Failed), true)]
    [InlineData(nameof(DeploymentStatus.Crashed), true)]
    [InlineData(nameof(DeploymentStatus.Skipped), false)]
    public void Only_an_app_that_ran_is_explained_by_its_logs(string name, bool withLogs)
    {
        Assert.Equal(withLogs, Assert.IsType<RailwayStatusOutcome.Failed>(RailwayStatusRules.BeforeServing(Enum.Parse<DeploymentStatus>(name), Limits)).WithLogs);
    }

    [Theory]
    [InlineData(nameof(DeploymentStatus.Success))]
    [InlineData(nameof(DeploymentStatus.Sleeping))]
    public void A_running_deployment_is_ready_to_be_probed(string name)
    {
        Assert.IsType<RailwayStatusOutcome.Ready>(RailwayStatusRules.BeforeServing(Enum.Parse<DeploymentStatus>(name), Limits));
    }

    [Fact]
    public void Deploying_waits_for_the_health_check_timeout_and_a_minute_more()
    {
        var wait = Assert.IsType<RailwayStatusOutcome.Wait>(RailwayStatusRules.BeforeServing(DeploymentStatus.Deploying, Limits));
        Assert.Equal(TimeSpan.FromSeconds(360), wait.Limit);
        Assert.Contains("healthcheck_path", wait.Advice);
    }

    [Fact]
    public void A_status_this_build_does_not_know_waits_bounded_and_says_so()
    {
        var wait = Assert.IsType<RailwayStatusOutcome.Wait>(RailwayStatusRules.BeforeServing(DeploymentStatus.Unknown, Limits));
        Assert.Contains("does not know", wait.Advice);
        Assert.Equal("a status this build does not know", RailwayStatusRules.Display(DeploymentStatus.Unknown));
        Assert.Equal("NEEDS_APPROVAL", RailwayStatusRules.Display(DeploymentStatus.NeedsApproval));
    }
}
