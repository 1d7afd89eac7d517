using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary>
/// The .NET tool package, packed once per run from this build (<c>dotnet pack --no-build</c>, as ./pack.sh packs it)
/// and installed into a temporary tool path from that directory alone: a nuget.config that clears every other source,
/// so nothing is fetched from nuget.org.
/// </summary>
public sealed class PackedTool : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-tool-").FullName;

    public string WorkingDirectory => _directory;

    /// <summary>The installed <c>orch</c> shim.</summary>
    public string Orch => Path.Combine(_directory, "tools", "orch");

    public async Task InitializeAsync()
    {
        var source = Path.Combine(_directory, "source");
        // The configuration these tests were built in (bin/CONFIGURATION/net10.0/): the one whose outputs exist to pack.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;
        var pack = await DotnetAsync("pack", Path.Combine(RepositoryRoot.Path, "src", "Cli", "Cli.csproj"),
            "-c", configuration, "--no-build", "--nologo", "-o", source);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {pack}");

        var onlyThePackedSource = Path.Combine(_directory, "nuget.config");
        await File.WriteAllTextAsync(onlyThePackedSource, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{source}" />
              </packageSources>
            </configuration>
            """);
        var install = await DotnetAsync("tool", "install", "--tool-path", Path.Combine(_directory, "tools"), "orch", "--configfile", onlyThePackedSource);
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed: {install}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private Task<ToolProcess> DotnetAsync(params string[] args) => ToolProcess.RunAsync("dotnet", args, _directory, Timeout);
}
