using Orchestrator.Config;
using Orchestrator.Railway;
using Orchestrator.Railway.Auth;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// What an <c>orch railway</c> verb works with: the app's config, the user's Railway token (from the environment,
/// never a CLI login), a client of Railway's API and the project environment the config names.
/// </summary>
internal sealed class RailwaySession : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    private RailwaySession(AppConfig app, RailwayConfig railway, string configPath, ControlTokenSource controlToken, RailwayApiToken token, HttpClient http, RailwayClient client)
    {
        App = app;
        Railway = railway;
        ConfigPath = configPath;
        ControlToken = controlToken;
        Token = token;
        _http = http;
        Client = client;
    }

    public AppConfig App { get; }

    public RailwayConfig Railway { get; }

    public string ConfigPath { get; }

    /// <summary>Where the control service's token comes from, or goes to when it is generated.</summary>
    public ControlTokenSource ControlToken { get; }

    /// <summary>The user's token, which the control service gets too, under the same variable.</summary>
    public RailwayApiToken Token { get; }

    public RailwayClient Client { get; }

    public static async Task<RailwaySession> OpenAsync(string configPath, string? tokenFile, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(configPath);
        var loaded = AppConfigLoader.Load(await ConfigFile.ReadAsync(path, cancellationToken), path);
        if (!loaded.IsValid)
        {
            throw new CliFailureException(
                $"{path} has {loaded.Problems.Length} problem{(loaded.Problems.Length == 1 ? "" : "s")}: "
                + string.Join("; ", loaded.Problems.Select(problem => $"{problem.Key}: {problem.Problem}")),
                "`orch validate` lists each with an example fix");
        }

        var app = loaded.Config!;
        var railway = app.Railway ?? throw new CliFailureException(
            $"{path} has no [railway] table, so app {app.App} does not deploy to Railway",
            "add [railway] with workspace, project_id and environment (see the README's [railway] section)");
        var token = RailwayApiToken.FromEnvironment();
        var endpoint = Endpoint(railway.ApiUrl ?? Environment.GetEnvironmentVariable("RAILWAY_API_URL"));
        var controlToken = ControlTokenSource.For(path, tokenFile);
        var http = new HttpClient { Timeout = RequestTimeout };
        return new RailwaySession(app, railway, path, controlToken, token, http, new RailwayClient(http, token.Token, endpoint));
    }

    /// <summary>The project and environment of <c>[railway]</c>, with the project's services.</summary>
    public Task<RailwayPlacement> PlaceAsync(CancellationToken cancellationToken) =>
        RailwayPlacement.ResolveAsync(
            Client, new(Railway.Workspace.Name, Railway.Workspace.Id), new(Railway.Project.Name, Railway.Project.Id), new(Railway.Environment.Name, Railway.Environment.Id), cancellationToken);

    public void Dispose() => _http.Dispose();

    private static RailwayClientOptions Endpoint(string? apiUrl)
    {
        try
        {
            return RailwayClientOptions.ForEndpoint(apiUrl);
        }
        catch (UriFormatException)
        {
            throw new CliFailureException($"RAILWAY_API_URL '{apiUrl}' is not an absolute URL", "unset it for Railway's public API, or give https://HOST/graphql/v2");
        }
    }
}
