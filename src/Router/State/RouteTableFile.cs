using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Routing;
using Orchestrator.Routing.Feed;

namespace Orchestrator.Router.State;

/// <summary>
/// The last tables a router installed, kept in its state directory (<c>router-tables.json</c>, mode 0600) so that a
/// router started while no control plane runs serves them at once. Written whole, to a temporary file renamed over it.
/// </summary>
internal sealed class RouteTableFile(string path)
{
    public const string FileName = "router-tables.json";

    public string Path { get; } = path;

    public static RouteTableFile In(string stateDirectory) => new(System.IO.Path.Combine(stateDirectory, FileName));

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Save(ImmutableDictionary<string, RouteTable> tables)
    {
        var temporary = $"{Path}.{Environment.ProcessId}.tmp";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(tables.Values.OrderBy(t => t.App, StringComparer.Ordinal).ToArray(), FeedJsonContext.Default.RouteTableArray);
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>The saved tables; none when the file is missing. A damaged file is reported, never half-read.</summary>
    public ImmutableArray<RouteTable> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            var tables = JsonSerializer.Deserialize(File.ReadAllBytes(Path), FeedJsonContext.Default.RouteTableArray) ?? [];
            return [.. tables.Where(t => t is { App.Length: > 0, Listen.Length: > 0 }).Select(Normalized)];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path} is not a saved route table file ({e.Message}); delete it and the router starts with no tables", e);
        }
    }

    private static RouteTable Normalized(RouteTable table) => table with
    {
        Hosts = table.Hosts.IsDefault ? [] : table.Hosts,
        Deployments = (table.Deployments ?? ImmutableDictionary<string, DeploymentRoute>.Empty)
            .ToImmutableDictionary(p => p.Key, p => p.Value.Destinations.IsDefault ? p.Value with { Destinations = [] } : p.Value),
    };
}
