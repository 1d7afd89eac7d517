using Orchestrator.Actors.Deployment;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

public sealed class DeploymentPhaseTests
{
    [Theory]
    [InlineData(DeploymentPhase.Pending, false, true, false)]
    [InlineData(DeploymentPhase.Starting, false, true, false)]
    [InlineData(DeploymentPhase.Probing, false, true, false)]
    [InlineData(DeploymentPhase.Switching, false, true, false)]
    [InlineData(DeploymentPhase.Active, true, false, false)]
    [InlineData(DeploymentPhase.Draining, true, false, false)]
    [InlineData(DeploymentPhase.Stopping, false, false, false)]
    [InlineData(DeploymentPhase.Failing, false, false, false)]
    [InlineData(DeploymentPhase.Retired, false, false, true)]
    [InlineData(DeploymentPhase.Failed, false, false, true)]
    public void Phase_EachValue_IsAtMostOneOfDeployingLiveFinished(DeploymentPhase phase, bool live, bool deploying, bool finished)
    {
        Assert.Equal(live, phase.IsLive());
        Assert.Equal(deploying, phase.IsDeploying());
        Assert.Equal(finished, phase.IsFinished());
    }

    [Fact]
    public void ToDisplay_IsLowerCaseName()
    {
        Assert.Equal("draining", DeploymentPhase.Draining.ToDisplay());
    }
}
