namespace Orchestrator.Railway.Fake;

/// <summary>One call as the fake received it; token headers are redacted.</summary>
/// <param name="Variables">The request's <c>variables</c>, as the raw JSON the client sent.</param>
/// <param name="At">When the fake received it (wall clock, UTC).</param>
internal sealed record RecordedCall(string? OperationName, string Variables, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);
