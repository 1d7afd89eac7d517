namespace Orchestrator.Persistence.Query;

/// <summary>What a <see cref="PollingSource{TState,TElement}"/> does after emitting a page.</summary>
internal enum PageEnd
{
    /// <summary>More may be stored already: read the next page as soon as there is demand.</summary>
    More,

    /// <summary>Everything stored has been read: read again after the refresh interval.</summary>
    CaughtUp,

    /// <summary>The query is done: complete the stream.</summary>
    Complete,
}

/// <summary>One page of a query: the elements to emit, where the next page starts, and what follows.</summary>
internal sealed record QueryPage<TState, TElement>(IReadOnlyList<TElement> Elements, TState Next, PageEnd End);
