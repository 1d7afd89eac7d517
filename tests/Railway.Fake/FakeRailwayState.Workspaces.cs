namespace Orchestrator.Railway.Fake;

/// <summary>Workspaces, which hold the seeded projects, so a project can be found by name as an account token finds it.</summary>
internal sealed partial class FakeRailwayState
{
    private readonly Dictionary<string, FakeWorkspace> _workspaces = [];

    public IReadOnlyList<FakeWorkspace> Workspaces()
    {
        lock (_lock)
            return [.. _workspaces.Values];
    }

    public IReadOnlyList<FakeProject> ProjectsOf(string workspaceId)
    {
        lock (_lock)
            return [.. _projects.Values.Where(project => project.WorkspaceId == workspaceId)];
    }

    private FakeWorkspace WorkspaceNamed(string name)
    {
        var workspace = _workspaces.Values.FirstOrDefault(each => each.Name == name);
        if (workspace is null)
        {
            workspace = new FakeWorkspace(NewId(), name);
            _workspaces[workspace.Id] = workspace;
        }

        return workspace;
    }
}
