using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Actors.Ports;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Ports;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Reserve_FreeRange_ReturnsFirstPortThenTheNext()
    {
        var range = FreeRange(3);
        var allocator = new PortAllocator();

        Assert.Equal(range.First, allocator.Reserve(range, "web-1").Port);
        Assert.Equal(range.First + 1, allocator.Reserve(range, "web-2").Port);
        Assert.Equal("web-2", allocator.OwnerOf(range.First + 1));
    }

    [Fact]
    public void Reserve_PortBoundByAnotherListener_SkipsIt()
    {
        using var busy = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        busy.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        busy.Listen();
        var port = ((IPEndPoint)busy.LocalEndPoint!).Port;
        var allocator = new PortAllocator();

        var reservation = allocator.Reserve(new PortRange(port, port), "web-1");

        Assert.Null(reservation.Port);
        Assert.Contains("1 in use by other programs", reservation.Error);
    }

    [Fact]
    public void Reserve_ExhaustedRange_SaysWhoHoldsWhatAndHowToFix()
    {
        var range = FreeRange(5);
        var allocator = new PortAllocator();
        foreach (var owner in new[] { "a-1", "b-1", "c-1", "d-1" })
        {
            Assert.NotNull(allocator.Reserve(range, owner).Port);
        }

        using var busy = new TcpListener(IPAddress.Loopback, range.Last);
        busy.Start();

        var reservation = allocator.Reserve(range, "e-1");

        Assert.Null(reservation.Port);
        Assert.Equal(
            $"no free port in {range} (5 ports): 4 reserved by deployments (a-1, b-1, c-1 and 1 more), " +
            "1 in use by other programs; widen `port` in orch.toml or stop old deployments",
            reservation.Error);
    }

    [Fact]
    public void Reserve_ConcurrentCallers_NeverShareAPort()
    {
        var range = FreeRange(40);
        var allocator = new PortAllocator();
        var ports = new ConcurrentBag<int?>();

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => ports.Add(allocator.Reserve(range, $"d-{i}").Port));

        Assert.Equal(40, ports.Count(p => p is not null));
        Assert.Equal(40, ports.Distinct().Count());
    }

    [Fact]
    public void TryReserve_PortInUse_ReservesItAnywayForRecovery()
    {
        using var adopted = new TcpListener(IPAddress.Loopback, 0);
        adopted.Start();
        var port = ((IPEndPoint)adopted.LocalEndpoint).Port;
        var allocator = new PortAllocator();

        Assert.True(allocator.TryReserve(port, "web-1"));
        Assert.True(allocator.TryReserve(port, "web-1"));
        Assert.False(allocator.TryReserve(port, "web-2"));
        Assert.Equal("web-1", allocator.OwnerOf(port));
    }

    [Fact]
    public void Release_ByOwnerOrPort_FreesOnlyWhatThatOwnerHolds()
    {
        var range = FreeRange(3);
        var allocator = new PortAllocator();
        var a = allocator.Reserve(range, "a").Port!.Value;
        var b = allocator.Reserve(range, "b").Port!.Value;
        var a2 = allocator.Reserve(range, "a").Port!.Value;

        allocator.Release("b", a);
        Assert.Equal("a", allocator.OwnerOf(a));

        allocator.Release("a", a);
        Assert.Null(allocator.OwnerOf(a));
        Assert.Equal("a", allocator.OwnerOf(a2));

        allocator.Release("a");
        Assert.Null(allocator.OwnerOf(a2));
        Assert.Equal("b", allocator.OwnerOf(b));
        Assert.Equal(a, allocator.Reserve(range, "c").Port);
    }

    /// <summary>A run of <paramref name="count"/> consecutive ports that were free a moment ago, above the ephemeral range.</summary>
    private static PortRange FreeRange(int count)
    {
        for (var first = 20000 + Random.Shared.Next(0, 8000); ; first = 20000 + Random.Shared.Next(0, 8000))
        {
            if (Enumerable.Range(first, count).All(PortProbe.CanBind))
            {
                return new PortRange(first, first + count - 1);
            }
        }
    }
}
