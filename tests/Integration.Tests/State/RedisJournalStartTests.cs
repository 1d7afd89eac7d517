using System.Text.Json;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.State;

/// <summary>A Redis journal that does not answer stops the daemon at start; <c>orch doctor</c> checks the Redis the daemon uses.</summary>
public sealed class RedisJournalStartTests
{
    [Fact]
    public async Task Daemon_OnARedisJournalWithNothingListening_ExitsTwoNamingTheEndpoint()
    {
        await using var orch = OrchEnvironment.CreateWithoutDaemon();
        var journal = $"redis://127.0.0.1:{FreePorts.Any()}";

        var start = await orch.RunAsync("daemon", "--journal", journal);

        Assert.True(start.ExitCode == 2, $"the daemon did not refuse a Redis journal that does not answer: {start}");
        Assert.Contains($"journal {journal}/0 does not answer", start.Stderr);
        Assert.False(File.Exists(orch.ControlSocket), "the daemon bound its socket although its journal does not answer");
    }

    [Fact]
    public async Task Doctor_OnARedisJournalWithNothingListening_FailsTheJournalCheckNamingTheEndpoint()
    {
        await using var orch = OrchEnvironment.CreateWithoutDaemon();
        var journal = $"redis://127.0.0.1:{FreePorts.Any()}";

        var doctor = await orch.RunAsync("doctor", "--journal", journal, "--json");

        Assert.Equal(1, doctor.ExitCode);
        var (ok, detail) = JournalCheck(doctor);
        Assert.False(ok);
        Assert.Contains($"journal {journal}/0 does not answer", detail);
    }

    [Fact]
    public async Task Doctor_WithoutJournalOption_ChecksTheRedisTheDaemonUses_NotTheSqliteFile()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var orch = await OrchEnvironment.StartAsync(daemonArguments: ["--journal", redis.JournalUri]);
        await File.WriteAllTextAsync(Path.Combine(orch.StateDirectory, "journal.db"), "not a database, and not the journal in use");

        var doctor = await orch.RunAsync("doctor", "--json");

        var (ok, detail) = JournalCheck(doctor);
        Assert.True(ok, $"the journal check failed: {doctor}");
        Assert.Contains($"{redis.JournalUri} answers PING", detail);
    }

    private static (bool Ok, string Detail) JournalCheck(CliResult doctor)
    {
        using var report = JsonDocument.Parse(doctor.Stdout);
        var check = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "journal");
        return (check.GetProperty("ok").GetBoolean(), check.GetProperty("detail").GetString() ?? "");
    }
}
