using Orchestrator.Actors.Deployment;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

public sealed class DrainDecisionTests
{
    [Fact]
    public void MayRetire_NoChecks_FollowsTheConnections()
    {
        Assert.True(DrainDecision.MayRetire(true, [], new Dictionary<string, bool>()));
        Assert.False(DrainDecision.MayRetire(false, [], new Dictionary<string, bool>()));
    }

    [Fact]
    public void MayRetire_EveryCheckIdleAndNoConnections_True()
    {
        Assert.True(DrainDecision.MayRetire(true, ["worker", "mailer"], new Dictionary<string, bool> { ["worker"] = true, ["mailer"] = true }));
    }

    [Fact]
    public void MayRetire_OneCheckBusy_False()
    {
        Assert.False(DrainDecision.MayRetire(true, ["worker", "mailer"], new Dictionary<string, bool> { ["worker"] = true, ["mailer"] = false }));
    }

    [Fact]
    public void MayRetire_CheckNotYetAnswered_CountsAsBusy()
    {
        Assert.False(DrainDecision.MayRetire(true, ["worker"], new Dictionary<string, bool>()));
    }

    [Fact]
    public void MayRetire_ChecksIdleButConnectionsOpen_False()
    {
        Assert.False(DrainDecision.MayRetire(false, ["worker"], new Dictionary<string, bool> { ["worker"] = true }));
    }
}
