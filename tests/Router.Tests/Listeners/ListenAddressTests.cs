using System.Net;
using Orchestrator.Router.Listeners;
using Xunit;

namespace Orchestrator.Router.Tests.Listeners;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8182", "127.0.0.1:8182")]
    [InlineData("localhost:8182", "127.0.0.1:8182")]
    [InlineData("*:8182", "*:8182")]
    [InlineData("0.0.0.0:8182", "*:8182")]
    [InlineData("[::]:8182", "*:8182")]
    [InlineData(":8182", "*:8182")]
    [InlineData("[::1]:8182", "[::1]:8182")]
    public void Parse_KnownForms_Normalizes(string listen, string expected) =>
        Assert.Equal(expected, ListenAddress.Parse(listen).ToString());

    [Fact]
    public void Parse_AnyAddressSpellings_AreOneListener() =>
        Assert.Equal(ListenAddress.Parse("*:8182"), ListenAddress.Parse("0.0.0.0:8182"));

    [Fact]
    public void Parse_Loopback_KeepsTheAddress() =>
        Assert.Equal(new ListenAddress(IPAddress.Loopback, 8182), ListenAddress.Parse("127.0.0.1:8182"));

    [Theory]
    [InlineData("")]
    [InlineData("8182")]
    [InlineData("127.0.0.1:http")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("example.com:8182")]
    public void Parse_Invalid_ThrowsWithExample(string listen)
    {
        var error = Assert.Throws<FormatException>(() => ListenAddress.Parse(listen));
        Assert.Contains("invalid listen address", error.Message, StringComparison.Ordinal);
    }
}
