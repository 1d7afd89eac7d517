namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>An event Newtonsoft (Akka's default serializer) fails on, because of the throwing getter.</summary>
public sealed class Unserializable
{
    public string Value => throw new InvalidOperationException("not serializable");
}
