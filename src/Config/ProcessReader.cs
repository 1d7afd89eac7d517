using System.Collections.Immutable;
using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>Reads one <c>[[process]]</c> table; checks that need the other processes come later.</summary>
internal static class ProcessReader
{
    private static readonly ImmutableDictionary<string, ProcessPolicy> Policies = new Dictionary<string, ProcessPolicy>
    {
        ["proxied"] = ProcessPolicy.Proxied,
        ["companion"] = ProcessPolicy.Companion,
        ["singleton"] = ProcessPolicy.Singleton,
        ["service"] = ProcessPolicy.Service,
    }.ToImmutableDictionary();

    public static ProcessEntry Read(TomlTable table, int index, ProxyConfig? proxy, ConfigProblems problems)
    {
        var process = new TableReader(table, $"process[{index}]", ConfigSchema.Process, problems);
        process.RejectUnknownKeys();

        var id = ReadId(process);
        var policy = ReadPolicy(process);
        var command = process.String("command", required: true);
        if (command is not null && string.IsNullOrWhiteSpace(command))
        {
            process.Problem("command", "must not be empty");
        }

        var cwd = process.String("cwd");
        if (cwd is not null && string.IsNullOrWhiteSpace(cwd))
        {
            process.Problem("cwd", "must not be empty; leave it out to run in the release path");
        }

        foreach (var key in RailwayServiceReader.RailwayOnlyKeys.Where(process.Has))
        {
            process.Problem(key, $"'{key}' is only for a service process of a Railway app", $"remove '{key}', or deploy the app to Railway with a [railway] table");
        }

        var port = ReadPort(process, policy);
        var config = new ProcessConfig
        {
            Id = id ?? string.Empty,
            Policy = policy ?? ProcessPolicy.Companion,
            Command = command ?? string.Empty,
            Cwd = cwd,
            Port = port,
            Env = ReadEnv(process),
            Health = HealthReader.Read(process, policy, port, proxy),
            Restart = RestartReader.Read(process),
            GracefulStop = process.Duration("graceful_stop") ?? Defaults.GracefulStop,
            MemoryLimit = ReadMemoryLimit(process),
            MemoryLimitGrace = process.Duration("memory_limit_grace") ?? Defaults.MemoryLimitGrace,
            Quiet = ReadDrainHook(process, "quiet", port, signals: true),
            DrainCheck = ReadDrainHook(process, "drain_check", port, signals: false),
            DrainCheckInterval = process.Duration("drain_check_interval", positive: true) ?? Defaults.DrainCheckInterval,
        };
        return new ProcessEntry(index, id, policy, config);
    }

    private static DrainHook? ReadDrainHook(TableReader process, string key, PortRange? port, bool signals)
    {
        if (process.String(key) is not { } text)
        {
            return null;
        }

        var (hook, problem) = DrainHookSyntax.Parse(text, signals);
        if (problem is not null)
        {
            process.Problem(key, problem);
        }
        else if (hook is HttpHook && port is null)
        {
            process.Problem(key, $"'{text}' is sent to the process's port, but it has none; give it a port or use exec:CMD",
                $"{key} = \"exec:test ! -e busy.flag\"");
            return null;
        }

        return hook;
    }

    private static long? ReadMemoryLimit(TableReader process)
    {
        switch (process.Value("memory_limit"))
        {
            case null:
                return null;
            case string text when ByteSize.TryParse(text, out var bytes) && bytes > 0:
                return bytes;
            case string text:
                process.Problem("memory_limit", $"'{text}' is not a memory size; write a positive number with a unit: KB, MB, GB (powers of 1024, e.g. 512MB, 1.5GB)");
                return null;
            case var other:
                process.Problem("memory_limit", $"must be a size string such as \"512MB\", not {TableReader.Describe(other)}");
                return null;
        }
    }

    internal static string? ReadId(TableReader process)
    {
        var id = process.String("id", required: true);
        if (id is not null && !Identifier.IsValid(id))
        {
            process.Problem("id", $"'{id}' is not a valid id: use {Identifier.Rule}");
            return null;
        }

        return id;
    }

    internal static ProcessPolicy? ReadPolicy(TableReader process)
    {
        var text = process.String("policy", required: true);
        if (text is null)
        {
            return null;
        }

        if (Policies.TryGetValue(text, out var policy))
        {
            return policy;
        }

        var suggestion = KeySuggestion.Nearest(text, Policies.Keys);
        var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
        process.Problem("policy", $"unknown policy '{text}'{hint}; use proxied, companion, singleton or service", $"policy = \"{suggestion ?? "proxied"}\"");
        return null;
    }

    private static PortRange? ReadPort(TableReader process, ProcessPolicy? policy)
    {
        if (process.Value("port") is not { } raw)
        {
            if (policy == ProcessPolicy.Proxied)
            {
                process.Problem("port", "a proxied process needs a port range to take each deployment's port from");
            }

            return null;
        }

        var (range, problem) = PortRangeSyntax.Parse(raw);
        if (problem is not null)
        {
            process.Problem("port", problem);
        }

        return range;
    }

    private static ImmutableDictionary<string, string> ReadEnv(TableReader process)
    {
        if (process.Table("env") is not { } table)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var env = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in table)
        {
            var key = $"{process.KeyOf("env")}.{name}";
            if (!EnvironmentName.IsValid(name))
            {
                process.Problems.Add(key, $"'{name}' is not an environment variable name: use letters, digits and '_', not starting with a digit", "env = { RELEASE = \"{{revision}}\" }");
            }
            else if (name.StartsWith(EnvironmentName.ReservedPrefix, StringComparison.Ordinal))
            {
                process.Problems.Add(key, $"'{name}' starts with {EnvironmentName.ReservedPrefix}, which is reserved for the variables orch injects", $"MY_{name[EnvironmentName.ReservedPrefix.Length..]} = \"...\"");
            }

            if (value is string text)
            {
                env[name] = text;
            }
            else
            {
                process.Problems.Add(key, $"must be a string, not {TableReader.Describe(value)}", $"{name} = \"{value}\"");
            }
        }

        return env.ToImmutable();
    }
}
