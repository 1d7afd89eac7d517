namespace Orchestrator.Config;

/// <summary>Reads one of <c>[railway]</c>'s workspace, project and environment: by name (<c>key</c>) or by id (<c>key_id</c>), exactly one.</summary>
internal static class RailwayTargetReader
{
    /// <summary>The target, or null when it is missing, doubly given or empty (each reported).</summary>
    public static RailwayTarget? Read(TableReader railway, string key)
    {
        var idKey = key + "_id";
        var name = railway.NonEmptyString(key);
        var id = railway.NonEmptyString(idKey);
        if (name is not null && id is not null)
        {
            railway.Problem(key, $"'{key}' and '{idKey}' both name the {key}; give one of them");
            return null;
        }

        if (name is null && id is null)
        {
            if (!railway.Has(key) && !railway.Has(idKey))
            {
                railway.Problem(key, $"the {key} is required: its name as '{key}' or its id as '{idKey}'");
            }

            return null;
        }

        return new RailwayTarget(name, id);
    }
}
