namespace Orchestrator.Router.Feed;

/// <summary>A daemon's TCP feed refused this router; the message is the daemon's, naming what to fix.</summary>
internal sealed class FeedRefusedException(string message) : Exception(message);
