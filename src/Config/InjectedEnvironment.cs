using System.Collections.Immutable;
using System.Globalization;

namespace Orchestrator.Config;

/// <summary>The variables orch sets for every process it starts, on top of the daemon's and the process's own env.</summary>
public static class InjectedEnvironment
{
    /// <summary>
    /// <c>ORCH_APP</c>, <c>ORCH_DEPLOYMENT_ID</c>, <c>ORCH_RELEASE_PATH</c>, <c>ORCH_REVISION</c>, <c>ORCH_PROCESS_ID</c>;
    /// when the process has a port, <c>ORCH_PORT</c> and <c>PORT</c> (what Heroku- and Railway-style apps read);
    /// <c>ORCH_&lt;ID&gt;_PORT</c> for every process in <see cref="TemplateContext.Ports"/>.
    /// </summary>
    /// <remarks>Apply these last: they win over the daemon's environment and the process's <c>env</c>.</remarks>
    public static ImmutableDictionary<string, string> For(TemplateContext context)
    {
        var env = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        env["ORCH_APP"] = context.App;
        env["ORCH_DEPLOYMENT_ID"] = context.DeploymentId;
        env["ORCH_RELEASE_PATH"] = context.ReleasePath;
        env["ORCH_REVISION"] = context.Revision;
        env["ORCH_PROCESS_ID"] = context.ProcessId;
        if (context.Port is { } port)
        {
            env["ORCH_PORT"] = Text(port);
            env["PORT"] = Text(port);
        }

        foreach (var (processId, processPort) in context.Ports)
        {
            env[PortVariable(processId)] = Text(processPort);
        }

        return env.ToImmutable();
    }

    /// <summary><c>ORCH_&lt;ID&gt;_PORT</c>: the id upper-cased, '-' turned into '_' (<c>web-api</c> → <c>ORCH_WEB_API_PORT</c>).</summary>
    public static string PortVariable(string processId) =>
        $"{EnvironmentName.ReservedPrefix}{processId.ToUpperInvariant().Replace('-', '_')}_PORT";

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
