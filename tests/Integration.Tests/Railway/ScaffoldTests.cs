using System.Text.Json;
using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary><c>orch railway scaffold</c> and <c>ensure</c>, the real CLI against the fake Railway.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ScaffoldTests
{
    private static readonly string[] Mutations =
        ["ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceInstanceDeployV2", "ServiceDomainCreate", "VolumeCreate", "ServiceDelete"];

    private static readonly string[] Baseline = ["shop-env", "shop-redis", "shop-control", "shop-router", "shop-db"];

    [Fact]
    public async Task Scaffold_creates_exactly_the_baseline_refuses_a_partial_one_and_ensure_completes_it()
    {
        await using var railway = await RailwayCliHarness.StartAsync();
        var state = railway.Fake.State;
        var environment = railway.Seed.EnvironmentId;

        var scaffold = await railway.RailwayAsync("scaffold", "--json");

        Assert.True(scaffold.ExitCode == 0, scaffold.ToString());
        Assert.Equal(Baseline.Order(), state.ServicesOf(railway.Seed.ProjectId).Select(service => service.Name).Order());
        Assert.Equal(
            [
                "Project",
                "ServiceCreate",
                "ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "VolumeCreate", "ServiceInstanceDeployV2",
                "ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceDomainCreate", "ServiceInstanceDeployV2",
                "ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceDomainCreate", "ServiceInstanceDeployV2",
                "ServiceCreate", "ServiceInstanceUpdate", "VolumeCreate", "ServiceInstanceDeployV2",
            ],
            railway.Fake.Calls.Select(call => call.OperationName));
        Assert.All(
            railway.Fake.Calls.Where(call => call.OperationName == "VariableCollectionUpsert"),
            call => Assert.Contains("\"skipDeploys\":true", call.Variables, StringComparison.Ordinal));

        var controlToken = File.ReadAllText(railway.TokenFile).Trim();
        Assert.Equal(43, controlToken.Length); // 32 random bytes, base64url
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(railway.TokenFile));
        Assert.DoesNotContain(controlToken, scaffold.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(railway.AccountToken, scaffold.Output, StringComparison.Ordinal);

        var env = railway.ServiceId("shop-env");
        Assert.Empty(state.VariablesOf(env, environment));
        Assert.Empty(state.DeploymentsOf(env));
        Assert.Null(state.ServiceInstanceOf(env, environment).Source);

        var redis = railway.ServiceId("shop-redis");
        var redisVariables = state.VariablesOf(redis, environment);
        Assert.Equal("redis:7", state.ServiceInstanceOf(redis, environment).Source?.Image);
        Assert.Contains("--requirepass \"$REDIS_PASSWORD\"", state.ServiceInstanceOf(redis, environment).StartCommand, StringComparison.Ordinal);
        Assert.Equal("redis://default:${{REDIS_PASSWORD}}@${{RAILWAY_PRIVATE_DOMAIN}}:6379", redisVariables["REDIS_URL"]);
        Assert.Equal(43, redisVariables["REDIS_PASSWORD"].Length);
        Assert.Equal("/data", Assert.Single(state.VolumesOf(redis)).MountPath);

        var control = railway.ServiceId("shop-control");
        Assert.Equal("ghcr.io/acme/orch-control:1", state.ServiceInstanceOf(control, environment).Source?.Image);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["RAILWAY_API_TOKEN"] = railway.AccountToken,
                ["ORCH_TOKEN"] = controlToken,
                ["REDIS_URL"] = "${{shop-redis.REDIS_URL}}",
                ["ORCH_FEED_PORT"] = "7070",
                ["PORT"] = "8080",
            },
            state.VariablesOf(control, environment));
        var redisHost = state.RenderedVariablesOf(redis, environment)["RAILWAY_PRIVATE_DOMAIN"];
        Assert.Equal($"redis://default:{redisVariables["REDIS_PASSWORD"]}@{redisHost}:6379", state.RenderedVariablesOf(control, environment)["REDIS_URL"]);

        var router = railway.ServiceId("shop-router");
        Assert.Equal("ghcr.io/acme/orch-router:1", state.ServiceInstanceOf(router, environment).Source?.Image);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ORCH_FEED"] = "${{shop-control.RAILWAY_PRIVATE_DOMAIN}}:7070",
                ["ORCH_TOKEN"] = controlToken,
                ["PORT"] = "8080",
            },
            state.VariablesOf(router, environment));
        var controlHost = state.RenderedVariablesOf(control, environment)["RAILWAY_PRIVATE_DOMAIN"];
        Assert.Equal($"{controlHost}:7070", state.RenderedVariablesOf(router, environment)["ORCH_FEED"]);

        var db = railway.ServiceId("shop-db");
        Assert.Equal("postgres:16", state.ServiceInstanceOf(db, environment).Source?.Image);
        Assert.Equal("postgres -c fsync=off", state.ServiceInstanceOf(db, environment).StartCommand);
        Assert.Equal("/var/lib/postgresql/data", Assert.Single(state.VolumesOf(db)).MountPath);

        foreach (var deployed in new[] { redis, control, router, db })
        {
            Assert.Single(state.DeploymentsOf(deployed));
        }

        var controlDomain = Assert.Single(state.DomainsOf(control));
        Assert.Equal(8080, controlDomain.TargetPort);
        Assert.Equal(8080, Assert.Single(state.DomainsOf(router)).TargetPort);
        Assert.Empty(state.DomainsOf(redis));
        using (var report = JsonDocument.Parse(scaffold.Stdout))
        {
            Assert.Equal($"https://{controlDomain.Domain}", report.RootElement.GetProperty("controlUrl").GetString());
            Assert.Equal(railway.TokenFile, report.RootElement.GetProperty("controlToken").GetProperty("file").GetString());
            Assert.Contains($"orch --control https://{controlDomain.Domain} railway deploy", report.RootElement.GetProperty("controlToken").GetProperty("usage").GetString(), StringComparison.Ordinal);
        }

        // Take one baseline service away: scaffold refuses and lists what is there and what is not.
        state.DeleteService(router);
        var callsBefore = railway.Fake.Calls.Count;
        var again = await railway.RailwayAsync("scaffold");

        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("exists:  shop-env, shop-redis, shop-control, shop-db", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("missing: shop-router", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("orch railway ensure", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(["Project"], railway.Fake.Calls.Skip(callsBefore).Select(call => call.OperationName));

        // ensure brings the router back, with the control token the others have, and touches nothing else.
        callsBefore = railway.Fake.Calls.Count;
        var ensure = await railway.RailwayAsync("ensure", "--json");

        Assert.True(ensure.ExitCode == 0, ensure.ToString());
        Assert.Equal(
            ["ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceDomainCreate", "ServiceInstanceDeployV2"],
            railway.Fake.Calls.Skip(callsBefore).Select(call => call.OperationName).Where(Mutations.Contains));
        var recreated = railway.ServiceId("shop-router");
        Assert.Equal(controlToken, state.VariablesOf(recreated, environment)["ORCH_TOKEN"]);
        Assert.Single(state.DomainsOf(recreated));
        using (var report = JsonDocument.Parse(ensure.Stdout))
        {
            var outcomes = report.RootElement.GetProperty("services").EnumerateArray()
                .ToDictionary(service => service.GetProperty("name").GetString()!, service => service.GetProperty("outcome").GetString());
            Assert.Equal("Created", outcomes["shop-router"]);
            Assert.All(Baseline.Where(name => name != "shop-router"), name => Assert.Equal("Unchanged", outcomes[name]));
        }

        // Everything equal now: a further ensure only reads.
        callsBefore = railway.Fake.Calls.Count;
        var noop = await railway.RailwayAsync("ensure");

        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Contains("matches orch.toml: nothing changed", noop.Stdout, StringComparison.Ordinal);
        var reads = railway.Fake.Calls.Skip(callsBefore).Select(call => call.OperationName).ToList();
        Assert.Equal("Project", reads[0]);
        Assert.DoesNotContain(reads, Mutations.Contains);
        Assert.All(reads, operation => Assert.Contains(operation, new[] { "Project", "Variables", "ServiceInstance" }));
    }

    [Fact]
    public async Task Scaffold_of_an_app_with_a_shared_dir_creates_its_volume_on_the_service_process_under_app()
    {
        await using var railway = await RailwayCliHarness.StartAsync();
        railway.WriteConfig(
            controlImage: "ghcr.io/acme/orch-control:1",
            topLevel: "shared_dirs = [\"uploads\"]",
            services: RailwayCliHarness.DbService + """

                [[process]]
                id = "files"
                policy = "service"
                image = "ghcr.io/acme/shop-files:1"
                """);

        var scaffold = await railway.RailwayAsync("scaffold", "--json");

        Assert.True(scaffold.ExitCode == 0, scaffold.ToString());
        var files = railway.ServiceId("shop-files");
        var db = railway.ServiceId("shop-db");
        var volumeCalls = railway.Fake.Calls.Where(call => call.OperationName == "VolumeCreate").ToList();
        var filesVolume = Assert.Single(volumeCalls, call => call.Variables.Contains($"\"serviceId\":\"{files}\"", StringComparison.Ordinal));
        Assert.Contains("\"mountPath\":\"/app/uploads\"", filesVolume.Variables, StringComparison.Ordinal);
        Assert.Equal("/app/uploads", Assert.Single(railway.Fake.State.VolumesOf(files)).MountPath);
        Assert.Equal("/var/lib/postgresql/data", Assert.Single(railway.Fake.State.VolumesOf(db)).MountPath);
        using var report = JsonDocument.Parse(scaffold.Stdout);
        var filesReport = report.RootElement.GetProperty("services").EnumerateArray().Single(service => service.GetProperty("name").GetString() == "shop-files");
        Assert.Contains("volume at /app/uploads", filesReport.GetProperty("changes").EnumerateArray().Select(change => change.GetString()));
    }

    [Fact]
    public async Task Ensure_after_a_new_control_image_updates_and_redeploys_the_control_service_only()
    {
        await using var railway = await RailwayCliHarness.StartAsync();
        var scaffold = await railway.RailwayAsync("scaffold");
        Assert.True(scaffold.ExitCode == 0, scaffold.ToString());
        var control = railway.ServiceId("shop-control");
        railway.WriteConfig(controlImage: "ghcr.io/acme/orch-control:2");
        var callsBefore = railway.Fake.Calls.Count;

        var ensure = await railway.RailwayAsync("ensure");

        Assert.True(ensure.ExitCode == 0, ensure.ToString());
        var mutations = railway.Fake.Calls.Skip(callsBefore).Where(call => Mutations.Contains(call.OperationName)).ToList();
        Assert.Equal(["ServiceInstanceUpdate", "ServiceInstanceDeployV2"], mutations.Select(call => call.OperationName));
        Assert.All(mutations, call => Assert.Contains($"\"serviceId\":\"{control}\"", call.Variables, StringComparison.Ordinal));
        Assert.Equal("ghcr.io/acme/orch-control:2", railway.Fake.State.ServiceInstanceOf(control, railway.Seed.EnvironmentId).Source?.Image);
        Assert.Equal(2, railway.Fake.State.DeploymentsOf(control).Count);
        Assert.Contains("image ghcr.io/acme/orch-control:1 → ghcr.io/acme/orch-control:2", ensure.Stdout, StringComparison.Ordinal);
    }
}
