using System.Collections;
using System.Collections.Immutable;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>Turns an app config and a deployment's ports into rendered process specs. Pure apart from reading the environment.</summary>
internal static class ProcessPlanner
{
    public static ProcessSpec Plan(
        AppConfig config,
        ProcessConfig process,
        string deploymentId,
        string releasePath,
        string revision,
        IReadOnlyDictionary<string, int> ports,
        string logDirectory)
    {
        var environment = DaemonEnvironment().SetItems(process.Env);
        var context = new TemplateContext(
            config.App,
            deploymentId,
            releasePath,
            revision,
            process.Id,
            ports.TryGetValue(process.Id, out var port) ? port : null,
            ports,
            environment);
        var rendered = process.Env.ToImmutableDictionary(e => e.Key, e => Templates.Render(e.Value, context));
        var cwd = process.Cwd is { } template ? Templates.Render(template, context) : releasePath;
        var grace = process.Policy == ProcessPolicy.Proxied && config.Proxy is { } proxy ? proxy.StopTimeout : process.GracefulStop;
        return new ProcessSpec(
            config.App,
            deploymentId,
            process.Id,
            process.Policy,
            Templates.Render(process.Command, context),
            Path.GetFullPath(cwd, releasePath),
            InjectedEnvironment.For(context).SetItems(rendered),
            Path.Combine(logDirectory, process.Id + ".log"),
            grace,
            process.Restart,
            process.MemoryLimit is { } limit ? new MemoryLimit(limit, process.MemoryLimitGrace) : null,
            config.Logs);
    }

    private static ImmutableDictionary<string, string> DaemonEnvironment() =>
        Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToImmutableDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
}
