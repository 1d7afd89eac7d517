namespace Orchestrator.Railway.Operations;

/// <summary>Railway's <c>ServiceSourceInput</c>: an image (Docker Hub, GHCR) or a repo (<c>owner/name</c>).</summary>
internal sealed record ServiceSourceInput(string? Image = null, string? Repo = null);
