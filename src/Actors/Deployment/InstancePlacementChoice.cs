using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// Which workers run an app's other instances: rendezvous hashing of app and node, so one app's deployments land on
/// the same nodes release after release and different apps spread over the cluster. Pure.
/// </summary>
internal static class InstancePlacementChoice
{
    /// <summary>Up to <paramref name="count"/> of <paramref name="candidates"/> (node addresses), none of <paramref name="exclude"/>, best first.</summary>
    public static IReadOnlyList<string> Choose(IEnumerable<string> candidates, string app, int count, IReadOnlySet<string> exclude) =>
        [.. candidates
            .Where(node => !exclude.Contains(node))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(node => Weight(app, node))
            .ThenBy(node => node, StringComparer.Ordinal)
            .Take(count)];

    private static ulong Weight(string app, string node) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(app + "\n" + node)));
}
