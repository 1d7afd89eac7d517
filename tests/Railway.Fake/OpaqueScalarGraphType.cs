using GraphQL.Types;

namespace Orchestrator.Railway.Fake;

/// <summary>
/// One of Railway's custom scalars (<c>JSON</c>, <c>EnvironmentVariables</c>...): any JSON value, passed through as
/// parsed. Railway's own validation of their contents is not modelled.
/// </summary>
internal sealed class OpaqueScalarGraphType : ComplexScalarGraphType
{
    public OpaqueScalarGraphType(string name)
    {
        Name = name;
    }
}
