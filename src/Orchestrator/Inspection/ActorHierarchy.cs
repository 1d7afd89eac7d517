using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Inspection;

/// <summary><c>orch actor hierarchy</c>: the answering node's live actor tree under a path, parents before children.</summary>
internal static class ActorHierarchy
{
    /// <exception cref="ControlPlaneException">The path is not an actor path (400) or no actor lives there (404).</exception>
    public static async Task<ActorHierarchyResponse> WalkAsync(ActorSystem system, ActorHierarchyRequest request, CancellationToken cancellationToken)
    {
        var path = Normalize(request.Path);
        if (request.Depth is < 0)
        {
            throw new ControlPlaneException(400, $"depth {request.Depth} is negative", "give 0 for the actor alone, 1 for its children, and so on");
        }

        var walker = ((ExtendedActorSystem)system).SystemActorOf(ActorTreeWalker.Props(path, request.Depth, Defaults.ActorHierarchyMaxActors));
        // The walker answers by its deadline, whatever it found; twice that only guards against a walker that died.
        var answer = await walker.Ask<object>(WalkActorTree.Instance, ActorTreeWalker.Deadline * 2, cancellationToken);
        return answer switch
        {
            ActorTreeWalked walked => new ActorHierarchyResponse(
                Cluster.Get(system).SelfAddress.ToString(), path, request.Depth, DepthFirst(walked.Actors), walked.Truncated),
            ActorTreeMissing => throw new ControlPlaneException(404, $"no actor at {path} on this node",
                "start from /user or /system and narrow down with -s, e.g. /system/sharding/apps"),
            _ => throw new InvalidOperationException($"the actor tree walk answered {answer.GetType().Name}"),
        };
    }

    /// <summary>An absolute path without its address: <c>/user</c>, <c>/system/sharding/apps</c>; a trailing slash is dropped.</summary>
    private static string Normalize(string path)
    {
        if (!path.StartsWith('/') || path.Contains("//", StringComparison.Ordinal) || path.Contains('*') || path.Contains('?'))
        {
            throw new ControlPlaneException(400, $"'{path}' is not an actor path",
                "give an absolute path without wildcards, e.g. /user or /system/sharding/apps");
        }

        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>Answers come in any order: sort them into the tree, siblings by name.</summary>
    private static ImmutableArray<ActorEntry> DepthFirst(IReadOnlyList<(string Path, int Level)> actors)
    {
        var children = actors
            .Where(a => a.Level > 0)
            .GroupBy(a => ParentOf(a.Path), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.Path, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var ordered = ImmutableArray.CreateBuilder<ActorEntry>(actors.Count);
        var pending = new Stack<(string Path, int Level)>(actors.Where(a => a.Level == 0));
        while (pending.TryPop(out var actor))
        {
            ordered.Add(new ActorEntry(actor.Path, actor.Level));
            if (children.TryGetValue(actor.Path, out var below))
            {
                for (var i = below.Count - 1; i >= 0; i--)
                {
                    pending.Push(below[i]);
                }
            }
        }

        return ordered.ToImmutable();
    }

    private static string ParentOf(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : "/";
}
