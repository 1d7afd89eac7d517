using System.Collections.Immutable;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class TemplatesTests
{
    private static readonly TemplateContext Web = new(
        App: "shop",
        DeploymentId: "shop-250101-120000",
        ReleasePath: "/srv/shop/releases/abc123",
        Revision: "abc123",
        ProcessId: "web",
        Port: 18182,
        Ports: ImmutableDictionary<string, int>.Empty.Add("web", 18182).Add("cache-db", 18400),
        Environment: ImmutableDictionary<string, string>.Empty.Add("HOME", "/home/shop"));

    [Fact]
    public void Render_EveryVariable_IsReplaced() =>
        Assert.Equal(
            "shop shop-250101-120000 /srv/shop/releases/abc123 abc123 web 18182 18400 /home/shop",
            Templates.Render("{{app}} {{deployment_id}} {{release_path}} {{revision}} {{process_id}} {{port}} {{ports.cache-db}} {{env.HOME}}", Web));

    [Fact]
    public void Render_SpacesInsideBraces_AreIgnored() =>
        Assert.Equal("--port 18182", Templates.Render("--port {{ port }}", Web));

    [Fact]
    public void Render_NoVariables_ReturnsTextUnchanged() =>
        Assert.Equal("echo '}}' {x}", Templates.Render("echo '}}' {x}", Web));

    [Fact]
    public void Render_UnsetEnvironmentVariable_RendersEmpty() =>
        Assert.Equal("[]", Templates.Render("[{{env.NOT_SET}}]", Web));

    [Fact]
    public void Render_UnknownVariable_Throws()
    {
        var error = Assert.Throws<FormatException>(() => Templates.Render("--port {{prot}}", Web));
        Assert.Contains("{{prot}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PortOfProcessWithoutPort_Throws()
    {
        var error = Assert.Throws<FormatException>(() => Templates.Render("{{port}}", Web with { ProcessId = "worker", Port = null }));
        Assert.Contains("worker", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Templates.Render("{{ports.worker}}", Web));
    }

    [Fact]
    public void Render_UnclosedBraces_Throws() =>
        Assert.Throws<FormatException>(() => Templates.Render("--port {{port", Web));
}
