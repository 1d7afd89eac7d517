using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway;

/// <summary>A project with the environments and services it holds.</summary>
internal sealed record RailwayProject(string Id, string Name, IReadOnlyList<NamedNode> Environments, IReadOnlyList<NamedNode> Services);
