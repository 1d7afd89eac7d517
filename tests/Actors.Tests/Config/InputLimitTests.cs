using System.Text;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary>The limits a config must stay within, each refused with one problem that names the limit.</summary>
public sealed class InputLimitTests
{
    [Fact]
    public void Load_MoreProcessesThanAnAppMayHave_IsOneProblemNamingTheLimit()
    {
        var toml = new StringBuilder("app = \"many\"\n");
        for (var i = 0; i <= Defaults.MaxProcessesPerApp; i++)
        {
            toml.Append($"[[process]]\nid = \"p{i}\"\npolicy = \"service\"\ncommand = \"true\"\n");
        }

        var problem = ConfigAssert.Problem(toml.ToString(), "process", $"an app has at most {Defaults.MaxProcessesPerApp}");

        Assert.Contains($"{Defaults.MaxProcessesPerApp + 1} [[process]] entries", problem.Problem);
    }

    [Fact]
    public void Load_AsManyProcessesAsAnAppMayHave_IsValid()
    {
        var toml = new StringBuilder("app = \"many\"\n");
        for (var i = 0; i < Defaults.MaxProcessesPerApp; i++)
        {
            toml.Append($"[[process]]\nid = \"p{i}\"\npolicy = \"service\"\ncommand = \"true\"\n");
        }

        Assert.Equal(Defaults.MaxProcessesPerApp, ConfigAssert.Valid(toml.ToString()).Processes.Length);
    }

    [Fact]
    public void Load_ConfigLargerThanTheLimit_IsRefusedBeforeParsingSayingTheLimit()
    {
        var toml = ConfigAssert.WebApp + "\n# " + new string('x', Defaults.MaxConfigBytes) + "\n";

        var result = AppConfigLoader.Load(toml, ConfigAssert.Source);

        var problem = Assert.Single(result.Problems);
        Assert.Null(result.Config);
        Assert.Contains($"at most {Defaults.MaxConfigBytes} bytes", problem.Problem);
    }

    [Fact]
    public void SizeProblem_CountsUtf8BytesNotCharacters()
    {
        var justOver = new string('é', (Defaults.MaxConfigBytes / 2) + 1);

        Assert.NotNull(AppConfigLoader.SizeProblem(justOver));
        Assert.Null(AppConfigLoader.SizeProblem(new string('e', Defaults.MaxConfigBytes)));
    }
}
