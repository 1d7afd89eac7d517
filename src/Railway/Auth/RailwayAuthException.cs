namespace Orchestrator.Railway.Auth;

/// <summary>Railway refused the token; the message names the variable to set and the kind of token it must hold.</summary>
internal sealed class RailwayAuthException(
    string operationName, string message, string variableToSet, RailwayTokenKind requiredKind, string? traceId)
    : RailwayException(operationName, message, traceId)
{
    /// <summary>The environment variable the user should set.</summary>
    public string VariableToSet { get; } = variableToSet;

    /// <summary>The kind of token that variable must hold.</summary>
    public RailwayTokenKind RequiredKind { get; } = requiredKind;
}
