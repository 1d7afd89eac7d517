using Orchestrator.Hosting;
using Xunit;

namespace Orchestrator.Control.Tests.Hosting;

public sealed class ClusterMembershipTests
{
    [Fact]
    public void Parse_NothingGiven_IsAClusterOfOneWithBothRoles()
    {
        var membership = ClusterMembership.Parse(null, "", " ", null, null, out var problems);

        Assert.Empty(problems);
        Assert.True(membership.IsClusterOfOne);
        Assert.True(membership.IsRouter);
        Assert.True(membership.IsWorker);
        Assert.Equal("127.0.0.1", membership.Host);
        Assert.Equal(0, membership.Port);
        Assert.Empty(membership.SeedAddresses("orch"));
    }

    [Fact]
    public void Parse_ValidValues_JoinsTheSeedsWithTheGivenRoles()
    {
        var membership = ClusterMembership.Parse(" 10.0.0.5 ", "4053", "10.0.0.5:4053, 10.0.0.6:4053", "Router", null, out var problems);

        Assert.Empty(problems);
        Assert.False(membership.IsClusterOfOne);
        Assert.Equal("10.0.0.5", membership.Host);
        Assert.Equal(4053, membership.Port);
        Assert.Equal(["akka.ssl.tcp://orch@10.0.0.5:4053", "akka.ssl.tcp://orch@10.0.0.6:4053"], membership.SeedAddresses("orch"));
        Assert.Equal(["router"], membership.Roles.AsEnumerable());
        Assert.True(membership.IsRouter);
        Assert.False(membership.IsWorker);
    }

    [Theory]
    [InlineData("*", null, null, null, "cluster host '*'", "--cluster-host 10.0.0.5")]
    [InlineData("0.0.0.0", null, null, null, "cluster host '0.0.0.0'", "--cluster-host 10.0.0.5")]
    [InlineData(null, "70000", null, null, "cluster port '70000'", "--cluster-port 4053")]
    [InlineData(null, "-1", null, null, "cluster port '-1'", "--cluster-port 4053")]
    [InlineData(null, null, "10.0.0.5", null, "seed '10.0.0.5' is not host:port", "--seed 10.0.0.5:4053")]
    [InlineData(null, null, "10.0.0.5:4053,10.0.0.6:0", null, "seed '10.0.0.6:0' is not host:port", "--seed 10.0.0.5:4053")]
    [InlineData(null, null, null, "router,chef", "role 'chef' is unknown", "--roles router,worker")]
    [InlineData(null, null, null, ",", "--roles names no role", "router, worker or both")]
    public void Parse_InvalidValue_ReportsItWithAnExampleFix(string? host, string? port, string? seeds, string? roles, string names, string fix)
    {
        ClusterMembership.Parse(host, port, seeds, roles, null, out var problems);

        var problem = Assert.Single(problems);
        Assert.Contains(names, problem, StringComparison.Ordinal);
        Assert.Contains(fix, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralInvalidValues_ReportsEachOne()
    {
        ClusterMembership.Parse("*", "70000", "nope", "chef", "keep-nothing", out var problems);

        Assert.Collection(
            problems,
            p => Assert.Contains("cluster host '*'", p, StringComparison.Ordinal),
            p => Assert.Contains("cluster port '70000'", p, StringComparison.Ordinal),
            p => Assert.Contains("seed 'nope'", p, StringComparison.Ordinal),
            p => Assert.Contains("role 'chef'", p, StringComparison.Ordinal),
            p => Assert.Contains("split brain strategy 'keep-nothing' is unknown; use keep-majority or keep-oldest", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, SplitBrainStrategy.KeepOldest)]
    [InlineData("10.0.0.5:4053", null, SplitBrainStrategy.KeepMajority)]
    [InlineData("10.0.0.5:4053", "keep-oldest", SplitBrainStrategy.KeepOldest)]
    [InlineData(null, "Keep-Majority", SplitBrainStrategy.KeepMajority)]
    public void Parse_SplitBrain_KeepsTheMajorityOfACluster_UnlessTold(string? seeds, string? strategy, SplitBrainStrategy expected)
    {
        var membership = ClusterMembership.Parse(null, null, seeds, null, strategy, out var problems);

        Assert.Empty(problems);
        Assert.Equal(expected, membership.EffectiveSplitBrain);
    }

    [Fact]
    public void AsEdgeRouter_AnnouncesTheRouterRoleAlone()
    {
        var daemon = ClusterMembership.Parse(null, null, "10.0.0.5:4053", null, null, out _);

        Assert.Equal(["control", "router", "worker"], daemon.MemberRoles.ToArray());
        Assert.Equal(["router"], daemon.AsEdgeRouter().MemberRoles.ToArray());
        Assert.True(daemon.AsEdgeRouter().IsRouter);
        Assert.False(daemon.AsEdgeRouter().IsWorker);
    }
}
