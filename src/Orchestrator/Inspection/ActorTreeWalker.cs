using Akka.Actor;

namespace Orchestrator.Inspection;

/// <summary>
/// Walks the live actor tree under a path with what any actor answers, <see cref="Identify"/>: the root by its path, then
/// each actor's children through the selection <c>path/*</c>, every level as soon as its parent answered. A wildcard that
/// matches nobody sends no answer, so the walk ends once nothing has answered for <see cref="QuietPeriod"/>, or at the
/// deadline; it replies one <see cref="ActorTreeWalked"/> (or <see cref="ActorTreeMissing"/>) to whoever asked, and stops.
/// </summary>
internal sealed class ActorTreeWalker : ReceiveActor, IWithTimers
{
    /// <summary>Local actors answer Identify within microseconds; this much silence means every answer is in.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    /// <summary>However busy the node, the walk answers within this long (with what it found, marked truncated).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private const string RootId = "root";

    private readonly string _root;
    private readonly int? _depth;
    private readonly int _maxActors;
    private readonly List<(ActorPath Path, int Level)> _found = [];
    private IActorRef _replyTo = ActorRefs.Nobody;
    private bool _truncated;

    public ITimerScheduler Timers { get; set; } = null!;

    public ActorTreeWalker(string root, int? depth, int maxActors)
    {
        _root = root;
        _depth = depth;
        _maxActors = maxActors;
        Receive<WalkActorTree>(_ =>
        {
            _replyTo = Sender;
            Context.ActorSelection(_root).Tell(new Identify(RootId));
            Timers.StartSingleTimer(TimerKey.Deadline, TimerKey.Deadline, Deadline);
            Become(Walking);
        });
    }

    public static Props Props(string root, int? depth, int maxActors) => Akka.Actor.Props.Create(() => new ActorTreeWalker(root, depth, maxActors));

    private enum TimerKey
    {
        Quiet,
        Deadline,
    }

    private void Walking()
    {
        Receive<ActorIdentity>(identity => identity.MessageId is RootId, HandleRoot);
        Receive<ActorIdentity>(HandleChild);
        Receive<TimerKey>(key => key == TimerKey.Quiet, _ => Finish());
        Receive<TimerKey>(key => key == TimerKey.Deadline, _ =>
        {
            _truncated = true;
            Finish();
        });
    }

    private void HandleRoot(ActorIdentity identity)
    {
        if (identity.Subject is not { } root)
        {
            _replyTo.Tell(new ActorTreeMissing(_root));
            Context.Stop(Self);
            return;
        }

        Found(root.Path, 0);
    }

    private void HandleChild(ActorIdentity identity)
    {
        if (identity is { Subject: { } child, MessageId: int level })
        {
            Found(child.Path, level);
        }
    }

    private void Found(ActorPath path, int level)
    {
        if (path == Self.Path)
        {
            return;
        }

        if (_found.Count >= _maxActors)
        {
            _truncated = true;
            return;
        }

        _found.Add((path, level));
        if (_depth is not { } depth || level < depth)
        {
            Context.ActorSelection(ChildrenOf(path)).Tell(new Identify(level + 1));
        }

        Timers.StartSingleTimer(TimerKey.Quiet, TimerKey.Quiet, QuietPeriod);
    }

    private static string ChildrenOf(ActorPath path) => path.Elements.Count == 0 ? "/*" : path.ToStringWithoutAddress() + "/*";

    private void Finish()
    {
        _replyTo.Tell(new ActorTreeWalked([.. _found.Select(f => (f.Path.ToStringWithoutAddress(), f.Level))], _truncated));
        Context.Stop(Self);
    }
}

/// <summary>Starts the walk; the answer goes to the sender.</summary>
internal sealed record WalkActorTree
{
    public static readonly WalkActorTree Instance = new();
}

/// <summary>Every actor found, in the order answers came.</summary>
internal sealed record ActorTreeWalked(IReadOnlyList<(string Path, int Level)> Actors, bool Truncated);

/// <summary>No actor lives at the path asked for.</summary>
internal sealed record ActorTreeMissing(string Path);
