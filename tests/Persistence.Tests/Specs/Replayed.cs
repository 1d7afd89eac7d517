using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>What a journal replayed through Akka's journal protocol: the events in order and the highest sequence nr it reported.</summary>
public sealed record Replayed(IReadOnlyList<IPersistentRepresentation> Messages, long Highest)
{
    public IReadOnlyList<long> SequenceNrs => [.. Messages.Select(m => m.SequenceNr)];

    public IReadOnlyList<object> Payloads => [.. Messages.Select(m => m.Payload)];

    /// <summary>Asks <paramref name="journal"/> to replay [from, to] of <paramref name="persistenceId"/>, at most <paramref name="max"/>, to <paramref name="probe"/>.</summary>
    public static Replayed From(IActorRef journal, TestProbe probe, long from, long to, long max, string persistenceId)
    {
        journal.Tell(new ReplayMessages(from, to, max, persistenceId, probe.Ref));
        var messages = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (probe.ExpectMsg<object>())
            {
                case ReplayedMessage replayed:
                    messages.Add(replayed.Persistent);
                    break;
                case RecoverySuccess success:
                    return new Replayed(messages, success.HighestSequenceNr);
                case var other:
                    throw new Xunit.Sdk.XunitException($"unexpected {other}");
            }
        }
    }
}
