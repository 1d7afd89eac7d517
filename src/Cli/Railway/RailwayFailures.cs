using Orchestrator.Railway;
using Orchestrator.Railway.Auth;

namespace Orchestrator.Cli.Railway;

/// <summary>Turns what Railway's client throws into a <see cref="CliFailureException"/>: a message and a fix, no stack trace, exit 1.</summary>
internal static class RailwayFailures
{
    public static async Task<int> Explained(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (RailwayAuthException ex)
        {
            throw new CliFailureException(ex.Message, $"the token must be a {Kind(ex.RequiredKind)} in {ex.VariableToSet}{TraceOf(ex)}");
        }
        catch (RailwayException ex)
        {
            throw new CliFailureException($"Railway's API failed on {ex.OperationName}: {ex.Message}", TraceOf(ex) is { Length: > 0 } trace ? trace.TrimStart(';', ' ') : null);
        }
        catch (RailwayTokenMissingException ex)
        {
            throw new CliFailureException(ex.Message, "a project token (Project Settings → Tokens) covers one environment, which is all the baseline needs");
        }
        catch (RailwayPlacementException ex)
        {
            throw new CliFailureException(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            throw new CliFailureException($"could not reach Railway's API: {ex.Message}", "check the network, or RAILWAY_API_URL / [railway] api_url");
        }
    }

    private static string Kind(RailwayTokenKind kind) => kind == RailwayTokenKind.Project ? "project token" : "account or workspace token";

    private static string TraceOf(RailwayException ex) => ex.TraceId is { } id ? $"; Railway's trace id: {id}" : "";
}
