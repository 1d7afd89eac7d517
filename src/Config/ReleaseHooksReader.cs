namespace Orchestrator.Config;

/// <summary><c>[hooks] pre_switch = "exec:CMD"</c>, <c>post_switch</c>, <c>timeout</c>.</summary>
internal static class ReleaseHooksReader
{
    public static ReleaseHooksConfig Read(TableReader file, bool isRailway)
    {
        if (file.Nested("hooks", ConfigSchema.Hooks) is not { } hooks)
        {
            return new ReleaseHooksConfig();
        }

        if (isRailway)
        {
            file.Problem("hooks", "release hooks run on the host of the release; a Railway app has none: run migrations in the image's start command", "remove [hooks]");
        }

        return new ReleaseHooksConfig
        {
            PreSwitch = Hook(hooks, ReleaseHookNames.PreSwitch),
            PostSwitch = Hook(hooks, ReleaseHookNames.PostSwitch),
            Timeout = hooks.Duration("timeout", positive: true) ?? Defaults.ReleaseHookTimeout,
        };
    }

    private static ExecHook? Hook(TableReader hooks, string key)
    {
        if (hooks.String(key) is not { } text)
        {
            return null;
        }

        const string exec = "exec:";
        if (!text.StartsWith(exec, StringComparison.Ordinal))
        {
            hooks.Problem(key, $"'{text}' must start with exec: (a release hook is a shell command run in the release path)");
            return null;
        }

        var command = text[exec.Length..].Trim();
        if (command.Length == 0)
        {
            hooks.Problem(key, $"'{text}': exec: needs a command after the colon");
            return null;
        }

        return new ExecHook(command);
    }
}
