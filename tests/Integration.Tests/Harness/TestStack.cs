using System.Text;
using System.Text.Json;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// A stack of test apps: <c>orch.stack.toml</c> with each app's <c>orch.toml</c> in a directory of its own next to it,
/// and releases laid out the same way (<c>DIR/&lt;directory&gt;</c>), as <c>--release-path</c> expects them.
/// </summary>
internal sealed class TestStack(string root, string name)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private readonly List<(string Directory, TestApp App, string[] DependsOn)> _apps = [];

    public string Name => name;

    public string StackPath => Path.Combine(root, "stack", "orch.stack.toml");

    public TestApp this[string app] => _apps.Single(a => a.App.App == app).App;

    public TestStack Add(string directory, TestApp app, params string[] dependsOn)
    {
        _apps.Add((directory, app, dependsOn));
        return this;
    }

    /// <summary>Changes one app's config (the next <see cref="WriteRelease"/> writes it).</summary>
    public void Change(string app, Func<TestApp, TestApp> change)
    {
        var index = _apps.FindIndex(a => a.App.App == app);
        _apps[index] = _apps[index] with { App = change(_apps[index].App) };
    }

    /// <summary>Writes the stack file and the app configs, and a release with the test app in each app's directory; returns the release.</summary>
    public string WriteRelease(string revision)
    {
        var stack = new StringBuilder($"stack = \"{name}\"\n");
        var release = Path.Combine(root, "stack-releases", revision);
        foreach (var (directory, app, dependsOn) in _apps)
        {
            stack.Append($"\n[[app]]\nconfig = \"{directory}/orch.toml\"\n");
            if (dependsOn.Length > 0)
            {
                stack.Append($"depends_on = [{string.Join(", ", dependsOn.Select(d => $"\"{d}\""))}]\n");
            }

            Directory.CreateDirectory(Path.Combine(root, "stack", directory));
            File.WriteAllText(Path.Combine(root, "stack", directory, "orch.toml"), app.Toml);
            Directory.CreateDirectory(Path.Combine(release, directory));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "testapp.js"), Path.Combine(release, directory, "testapp.js"), overwrite: true);
        }

        File.WriteAllText(StackPath, stack.ToString());
        return release;
    }

    /// <summary>The run that <c>--json</c> printed (the last JSON document on stdout).</summary>
    public static StackRunStatus RunOf(CliResult result)
    {
        var json = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(line => line.StartsWith('{'));
        return JsonSerializer.Deserialize<StackStatusResponse>(json, Options)?.Run
            ?? throw new InvalidOperationException($"no stack run in the output: {result}");
    }
}
