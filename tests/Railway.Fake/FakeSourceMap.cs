using System.Collections.Concurrent;

namespace Orchestrator.Railway.Fake;

/// <summary>
/// The sources (images, or repos) a test maps to local commands. A deployment of a mapped source runs its command;
/// one of an unmapped source runs nothing, and its status is the test's to set.
/// </summary>
internal sealed class FakeSourceMap
{
    private readonly ConcurrentDictionary<string, FakeCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>Deployments of <paramref name="source"/> run <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public void Map(string source, string fileName, IReadOnlyList<string> arguments) => Map(source, new FakeCommand(fileName, arguments));

    /// <summary>Deployments of <paramref name="source"/> run <paramref name="commandLine"/> under <c>/bin/sh -c</c>.</summary>
    public void MapShell(string source, string commandLine) => Map(source, FakeCommand.Shell(commandLine));

    public void Map(string source, FakeCommand command) => _commands[source] = command;

    public FakeCommand? CommandFor(string? source) => source is not null && _commands.TryGetValue(source, out var command) ? command : null;
}
