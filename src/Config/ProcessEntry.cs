namespace Orchestrator.Config;

/// <summary>
/// One <c>[[process]]</c> as read, before the checks that span processes. <see cref="Id"/> and <see cref="Policy"/>
/// are null when missing or invalid (already reported); <see cref="Config"/> then holds placeholders and is only
/// handed out when the whole file has no problems.
/// </summary>
internal sealed record ProcessEntry(int Index, string? Id, ProcessPolicy? Policy, ProcessConfig Config)
{
    public string Key => $"process[{Index}]";

    public string KeyOf(string key) => $"{Key}.{key}";
}
