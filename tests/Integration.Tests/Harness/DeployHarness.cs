namespace Orchestrator.Integration.Tests.Harness;

/// <summary>Deploying a test app's release with the real CLI.</summary>
internal static class DeployHarness
{
    public static Task<CliResult> DeployAsync(this OrchEnvironment orch, TestApp app, string revision)
    {
        var release = app.WriteRelease(orch.Root, revision);
        return orch.RunAsync("deploy", "--config", Path.Combine(release, "orch.toml"), "--release-path", release, "--revision", revision);
    }

    /// <summary>Deploys the release as a canary (<c>--canary RULE</c>) beside the active deployment.</summary>
    public static Task<CliResult> DeployCanaryAsync(this OrchEnvironment orch, TestApp app, string revision, string rule)
    {
        var release = app.WriteRelease(orch.Root, revision);
        return orch.RunAsync("deploy", "--config", Path.Combine(release, "orch.toml"), "--release-path", release, "--revision", revision, "--canary", rule);
    }

    /// <summary>Deploys and fails the test, with everything the CLI and daemon said, unless the deploy succeeded.</summary>
    public static async Task DeployOkAsync(this OrchEnvironment orch, TestApp app, string revision)
    {
        var result = await orch.DeployAsync(app, revision);
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"deploy of {revision} failed: {result}\n--- daemon ---\n{orch.ReadDaemonLog()}");
        }
    }

    public static async Task<string> GetAsync(Uri uri)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await client.GetStringAsync(uri);
    }
}
