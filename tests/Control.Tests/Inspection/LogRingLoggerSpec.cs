using Akka.Configuration;
using Akka.Event;
using Orchestrator.Control.Contracts;
using Orchestrator.Inspection;
using Xunit;

namespace Orchestrator.Control.Tests.Inspection;

public sealed class LogRingLoggerSpec() : Akka.TestKit.Xunit2.TestKit(Hocon)
{
    private static readonly Akka.Configuration.Config Hocon = ConfigurationFactory.ParseString($$"""
        akka.loglevel = INFO
        akka.loggers = ["{{LogRingLogger.TypeName}}"]
        """);

    [Fact]
    public async Task LogRingLogger_must_keep_what_the_system_logs_with_its_level_source_and_cause()
    {
        var log = Logging.GetLogger(Sys, "spec-source");

        log.Info("deployed {0}", "web-app-1");
        log.Warning("a warning");
        log.Error(new InvalidOperationException("boom"), "it failed");

        var ring = NodeLogRing.Of(Sys);
        await AwaitAssertAsync(() => Assert.Contains(ring.Recent(NodeLogLevel.Info), l => l.Message.StartsWith("it failed", StringComparison.Ordinal)));
        string[] logged = ["deployed web-app-1", "a warning", "it failed: InvalidOperationException: boom"];
        var lines = ring.Recent(NodeLogLevel.Info).Where(l => logged.Contains(l.Message)).ToList();
        Assert.Equal([NodeLogLevel.Info, NodeLogLevel.Warning, NodeLogLevel.Error], lines.Select(l => l.Level));
        Assert.Equal("deployed web-app-1", lines[0].Message);
        Assert.Equal("it failed: InvalidOperationException: boom", lines[2].Message);
        Assert.All(lines, l => Assert.Contains("spec-source", l.Source, StringComparison.Ordinal));
        Assert.Single(ring.Recent(NodeLogLevel.Error), l => l.Message == logged[2]);
    }

    [Fact]
    public void The_ring_must_hold_the_named_default_number_of_lines() =>
        Assert.Equal(Defaults.NodeLogRingLines, NodeLogRing.Of(Sys).Capacity);
}
