using Orchestrator.Railway.Operations;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// What brings an existing baseline service in line with the plan: the variables to write, the instance settings to
/// update and whether it needs its public domain. Only fields the plan sets are compared; a missing
/// <c>numReplicas</c> is Railway's default of one.
/// </summary>
internal sealed record ServiceChanges(IReadOnlyDictionary<string, string> Variables, ServiceInstanceUpdateInput? Instance, bool AddDomain, IReadOnlyList<string> Descriptions)
{
    private const int RailwayDefaultReplicas = 1;

    /// <summary>A new variable or setting takes effect only with a new deployment; a new domain does not need one.</summary>
    public bool Redeploy => Variables.Count > 0 || Instance is not null;

    public bool None => !Redeploy && !AddDomain;

    public static ServiceChanges Between(DesiredService desired, ActualService actual)
    {
        var descriptions = new List<string>();
        var variables = desired.Variables
            .Where(variable => actual.Variable(variable.Key) != variable.Value)
            .ToDictionary(variable => variable.Key, variable => variable.Value, StringComparer.Ordinal);
        if (variables.Count > 0)
        {
            // Names only: the values include the Railway token, the control token and the Redis password.
            descriptions.Add($"variable{(variables.Count == 1 ? "" : "s")} {string.Join(", ", variables.Keys.Order(StringComparer.Ordinal))} set");
        }

        var instance = desired.Deployed ? InstanceChanges(desired, actual, descriptions) : null;
        var addDomain = desired.PublicPort is not null && actual.Domain is null;
        if (addDomain)
        {
            descriptions.Add($"public domain to port {desired.PublicPort}");
        }

        return new ServiceChanges(variables, instance, addDomain, descriptions);
    }

    private static ServiceInstanceUpdateInput? InstanceChanges(DesiredService desired, ActualService actual, List<string> descriptions)
    {
        var update = new ServiceInstanceUpdateInput();
        var current = actual.Instance;
        if (current.Source?.Image != desired.Image)
        {
            update = update with { Source = new ServiceSourceInput(Image: desired.Image) };
            descriptions.Add($"image {current.Source?.Image ?? current.Source?.Repo ?? "(none)"} → {desired.Image}");
        }

        if (desired.StartCommand is not null && current.StartCommand != desired.StartCommand)
        {
            update = update with { StartCommand = desired.StartCommand };
            descriptions.Add(current.StartCommand is null ? "start command set" : "start command changed");
        }

        var replicas = current.NumReplicas ?? RailwayDefaultReplicas;
        if (replicas != desired.Replicas)
        {
            update = update with { NumReplicas = desired.Replicas };
            descriptions.Add($"replicas {replicas} → {desired.Replicas}");
        }

        return update == new ServiceInstanceUpdateInput() ? null : update;
    }
}
