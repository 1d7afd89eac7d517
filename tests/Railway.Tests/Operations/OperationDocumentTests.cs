using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQLParser.AST;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway.Tests.Operations;

public sealed class OperationDocumentTests
{
    /// <summary>Variables for each operation as the client serializes them, so their shapes are validated too.</summary>
    private static readonly Dictionary<string, string> SampleVariables = new()
    {
        [ProjectQuery.Operation.Name] = Json(new ProjectVariables("p")),
        [ServiceCreateMutation.Operation.Name] = Json(new ServiceCreateVariables(new ServiceCreateInput("p")
        {
            EnvironmentId = "e",
            Name = "shop-d1",
            Source = new ServiceSourceInput(Image: "ghcr.io/acme/shop:1"),
            Variables = new Dictionary<string, string> { ["PORT"] = "8080" },
        })),
        [VariableCollectionUpsertMutation.Operation.Name] = Json(new VariableCollectionUpsertVariables(
            new VariableCollectionUpsertInput("p", "e", new Dictionary<string, string> { ["A"] = "1" }) { ServiceId = "s", SkipDeploys = true, Replace = false })),
        [ServiceInstanceUpdateMutation.Operation.Name] = Json(new ServiceInstanceUpdateVariables("s", new ServiceInstanceUpdateInput
        {
            Source = new ServiceSourceInput(Repo: "acme/shop"),
            StartCommand = "./run",
            HealthcheckPath = "/health",
            HealthcheckTimeout = 30,
            NumReplicas = 2,
            Region = "europe-west4",
            RestartPolicyType = RestartPolicyType.OnFailure,
            RestartPolicyMaxRetries = 3,
            OverlapSeconds = 20,
            DrainingSeconds = 30,
            SleepApplication = false,
        })
        { EnvironmentId = "e" }),
        [ServiceInstanceDeployV2Mutation.Operation.Name] = Json(new ServiceInstanceDeployV2Variables("s", "e") { CommitSha = "abc" }),
        [DeploymentQuery.Operation.Name] = Json(new DeploymentVariables("d")),
        [VariablesForServiceDeploymentQuery.Operation.Name] = Json(new VariablesForServiceDeploymentVariables("p", "e", "s")),
        [VariablesQuery.Operation.Name] = Json(new VariablesVariables("p", "e") { ServiceId = "s", Unrendered = true }),
        [ServiceDeleteMutation.Operation.Name] = Json(new ServiceDeleteVariables("s") { EnvironmentId = "e" }),
        [DeploymentLogsQuery.Operation.Name] = Json(new DeploymentLogsVariables("d") { Limit = 50, Filter = "error" }),
        [ServiceInstanceQuery.Operation.Name] = Json(new ServiceInstanceVariables("e", "s")),
        [ServiceDomainCreateMutation.Operation.Name] = Json(new ServiceDomainCreateVariables(new ServiceDomainCreateInput("e", "s") { TargetPort = 8080 })),
        [ProjectTokenQuery.Operation.Name] = Json(new ProjectTokenVariables()),
        [MeWorkspacesQuery.Operation.Name] = Json(new MeWorkspacesVariables()),
        [ProjectsQuery.Operation.Name] = Json(new ProjectsVariables("w")),
        [VolumeCreateMutation.Operation.Name] = Json(new VolumeCreateVariables(new VolumeCreateInput("p", "e", "s", "/data"))),
    };

    public static TheoryData<string> OperationNames => [.. RailwayOperations.All.Select(operation => operation.Name)];

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task Document_and_variables_validate_against_the_schema(string name)
    {
        var operation = RailwayOperations.All.Single(candidate => candidate.Name == name);
        var document = GraphQLParser.Parser.Parse(operation.Document);
        var definition = Assert.Single(document.Definitions.OfType<GraphQLOperationDefinition>());
        Assert.Equal(operation.Name, definition.Name?.StringValue);

        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = Schema,
            Document = document,
            Operation = definition,
            Rules = DocumentValidator.CoreRules,
            Variables = new GraphQLSerializer().Deserialize<Inputs>(SampleVariables[name]) ?? Inputs.Empty,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(error => error.Message)));
    }

    [Fact]
    public void Every_operation_has_sample_variables()
    {
        Assert.Equal(RailwayOperations.All.Select(operation => operation.Name).Order(), SampleVariables.Keys.Order());
    }

    private static readonly GraphQL.Types.ISchema Schema = FakeRailwaySchema.Build();

    private static string Json<T>(T variables) => JsonSerializer.Serialize(variables, RailwayJson.TypeInfo<T>());
}
