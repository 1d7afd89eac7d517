using Akka.Configuration;
using Orchestrator.Actors.Tests.Persistence;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>orch.conf on a local provider with the in-memory journal and a local snapshot store in a temp directory.</summary>
internal static class PersistenceConfig
{
    public const string SnapshotDirectoryKey = "akka.persistence.snapshot-store.local.dir";

    public static Akka.Configuration.Config InMemory()
    {
        var snapshots = Path.Combine(Path.GetTempPath(), "orch-snapshots-" + Guid.NewGuid().ToString("N"));
        return ConfigurationFactory.ParseString($$"""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.local"
                {{SnapshotDirectoryKey}} = "{{snapshots}}"
                akka.loglevel = WARNING
                """)
            .WithFallback(OrchHocon.Local());
    }

    /// <summary>Deletes the snapshot directory <see cref="InMemory"/> chose for <paramref name="system"/>, if anything was written there.</summary>
    public static void DeleteSnapshots(Akka.Actor.ActorSystem system)
    {
        var directory = system.Settings.Config.GetString(SnapshotDirectoryKey);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
