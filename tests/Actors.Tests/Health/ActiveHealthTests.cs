using Orchestrator.Actors.Health;
using Xunit;

namespace Orchestrator.Actors.Tests.Health;

public sealed class ActiveHealthTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HealthResult Ok = new(HealthResultKind.Healthy, "GET /ping answered 200 OK");
    private static readonly HealthResult Timeout = new(HealthResultKind.Unhealthy, "GET /ping: no answer within 1000ms");

    [Fact]
    public void Decide_FailuresInARowReachTheThreshold_BecomesUnhealthyOnce()
    {
        var state = ActiveHealthState.Healthy;
        var verdicts = new List<HealthVerdict>();
        for (var i = 0; i < 5; i++)
        {
            (state, var verdict) = ActiveHealth.Decide(state, Timeout, T0, unhealthyAfter: 3);
            verdicts.Add(verdict);
        }

        Assert.Equal([HealthVerdict.None, HealthVerdict.None, HealthVerdict.BecameUnhealthy, HealthVerdict.None, HealthVerdict.None], verdicts);
        Assert.True(state.Unhealthy);
        Assert.True(state.RestartPending);
    }

    [Fact]
    public void Decide_APassInBetween_StartsTheCountOver()
    {
        var (state, _) = ActiveHealth.Decide(ActiveHealthState.Healthy, Timeout, T0, 3);
        (state, _) = ActiveHealth.Decide(state, Timeout, T0, 3);
        (state, _) = ActiveHealth.Decide(state, Ok, T0, 3);
        (state, var verdict) = ActiveHealth.Decide(state, Timeout, T0, 3);

        Assert.Equal(HealthVerdict.None, verdict);
        Assert.Equal(1, state.Failures);
    }

    [Fact]
    public void Decide_AfterARestart_FailuresInTheGraceDoNotCountAndAPassRecovers()
    {
        var state = ActiveHealth.Restarted(new ActiveHealthState(0, true, true, DateTimeOffset.MinValue, null), T0.AddSeconds(30));

        for (var i = 0; i < 5; i++)
        {
            (state, var during) = ActiveHealth.Decide(state, Timeout, T0.AddSeconds(i), 3);
            Assert.Equal(HealthVerdict.None, during);
        }

        var (healthy, verdict) = ActiveHealth.Decide(state, Ok, T0.AddSeconds(6), 3);
        Assert.Equal(HealthVerdict.Recovered, verdict);
        Assert.Equal(ActiveHealthState.Healthy, healthy);
    }

    [Fact]
    public void Decide_RestartedProcessNeverHealthyPastTheGrace_IsUnhealthyAgain()
    {
        var state = ActiveHealth.Restarted(new ActiveHealthState(0, true, true, DateTimeOffset.MinValue, null), T0);
        var verdict = HealthVerdict.None;
        for (var i = 1; i <= 3; i++)
        {
            (state, verdict) = ActiveHealth.Decide(state, Timeout, T0.AddSeconds(i), 3);
        }

        Assert.Equal(HealthVerdict.BecameUnhealthy, verdict);
    }

    [Fact]
    public void Decide_WhileTheProcessIsDown_FailuresDoNotCount()
    {
        var state = ActiveHealth.Down(ActiveHealthState.Healthy);
        for (var i = 0; i < 5; i++)
        {
            (state, var verdict) = ActiveHealth.Decide(state, Timeout, T0, 3);
            Assert.Equal(HealthVerdict.None, verdict);
        }
    }

    [Fact]
    public void Reason_NamesTheCountAndTheLastFailure() =>
        Assert.Equal("3 health checks in a row failed: GET /ping: no answer within 1000ms", ActiveHealth.Reason(3, Timeout.Detail));
}
