namespace Orchestrator.Cli.Railway;

/// <summary>The secrets the baseline's variables carry. None of them is ever printed.</summary>
/// <param name="RedisPassword">The baseline's own Redis's password; unused with an external Redis.</param>
internal sealed record BaselineSecrets(RailwayApiToken RailwayToken, ControlToken ControlToken, string RedisPassword)
{
    public override string ToString() => "baseline secrets ([redacted])";
}
