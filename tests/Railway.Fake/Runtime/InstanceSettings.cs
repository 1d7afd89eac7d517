using System.Globalization;

namespace Orchestrator.Railway.Fake.Runtime;

/// <summary>The service instance settings a deployment runs by, read from what <c>serviceInstanceUpdate</c> wrote, with Railway's defaults.</summary>
internal sealed record InstanceSettings(
    string? Image,
    string? Repo,
    string? HealthcheckPath,
    TimeSpan HealthcheckTimeout,
    TimeSpan Overlap,
    TimeSpan Draining,
    string RestartPolicyType,
    int RestartPolicyMaxRetries)
{
    public static readonly TimeSpan DefaultHealthcheckTimeout = TimeSpan.FromSeconds(300);
    public const string DefaultRestartPolicyType = OnFailure;
    public const int DefaultRestartPolicyMaxRetries = 10;

    private const string Always = "ALWAYS";
    private const string OnFailure = "ON_FAILURE";

    /// <param name="fields">By the input's field names, as <see cref="FakeRailwayState.InstanceSettingsOf"/> keeps them.</param>
    public static InstanceSettings From(IReadOnlyDictionary<string, object?> fields)
    {
        var source = fields.GetValueOrDefault("source") as IReadOnlyDictionary<string, object?>;
        return new InstanceSettings(
            source?.GetValueOrDefault("image") as string,
            source?.GetValueOrDefault("repo") as string,
            fields.GetValueOrDefault("healthcheckPath") as string,
            Seconds(fields, "healthcheckTimeout") ?? DefaultHealthcheckTimeout,
            Seconds(fields, "overlapSeconds") ?? TimeSpan.Zero,
            Seconds(fields, "drainingSeconds") ?? TimeSpan.Zero,
            fields.GetValueOrDefault("restartPolicyType") as string ?? DefaultRestartPolicyType,
            Number(fields, "restartPolicyMaxRetries") ?? DefaultRestartPolicyMaxRetries);
    }

    /// <summary>Whether a process that exited with <paramref name="exitCode"/>, restarted <paramref name="restarts"/> times so far, starts again.</summary>
    public bool Restarts(int exitCode, int restarts) =>
        restarts < RestartPolicyMaxRetries && RestartPolicyType switch
        {
            Always => true,
            OnFailure => exitCode != 0,
            _ => false,
        };

    private static TimeSpan? Seconds(IReadOnlyDictionary<string, object?> fields, string name) =>
        Number(fields, name) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static int? Number(IReadOnlyDictionary<string, object?> fields, string name) =>
        fields.GetValueOrDefault(name) is IConvertible value ? value.ToInt32(CultureInfo.InvariantCulture) : null;
}
