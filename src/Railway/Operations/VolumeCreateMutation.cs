namespace Orchestrator.Railway.Operations;

/// <summary><c>volumeCreate(input)</c>: a persistent volume mounted on one service of one environment.</summary>
internal static class VolumeCreateMutation
{
    public static readonly RailwayOperation Operation = new("VolumeCreate", """
        mutation VolumeCreate($input: VolumeCreateInput!) {
          volumeCreate(input: $input) { id name }
        }
        """);
}

/// <summary>Railway's <c>VolumeCreateInput</c>; an unset environment would create the volume in every environment.</summary>
internal sealed record VolumeCreateInput(string ProjectId, string EnvironmentId, string ServiceId, string MountPath);

internal sealed record VolumeCreateVariables(VolumeCreateInput Input);

internal sealed record VolumeCreateData(NamedNode VolumeCreate);
