using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using Orchestrator.Railway.Fake.Runtime;

namespace Orchestrator.Railway.Fake;

/// <summary>
/// Railway's schema subset, schema-first, with in-memory resolvers for the operations the client uses. A field
/// without a resolver here reads the source object's property of the same name.
/// </summary>
internal static partial class FakeRailwaySchema
{
    public const string NotAuthorized = "Not Authorized";

    // Scalars GraphQL.NET knows itself; every other scalar of the subset passes JSON through.
    private static readonly HashSet<string> BuiltInScalars = ["String", "Int", "Float", "Boolean", "ID", "DateTime"];

    /// <summary>The schema alone, for validating documents without running them.</summary>
    public static ISchema Build() => Build(new FakeRailwayState(), runner: null);

    /// <param name="runner">Runs the deployments of mapped sources; none when null.</param>
    public static ISchema Build(FakeRailwayState state, FakeDeploymentRunner? runner)
    {
        var schema = Schema.For(SchemaSubset.Sdl, builder =>
        {
            Resolve(builder, "Query", "project", context =>
            {
                var project = state.Project(context.GetArgument<string>("id")) ?? throw NotFound("Project");
                Authorize(context, project.Id, null);
                return project;
            });
            Resolve(builder, "Project", "environments", context =>
                Connection(state.EnvironmentsOf(((FakeProject)context.Source!).Id).Where(e => Principal(context).CanAccess(e.ProjectId, e.Id))));
            Resolve(builder, "Project", "services", context => Connection(state.ServicesOf(((FakeProject)context.Source!).Id)));
            Resolve(builder, "Query", "deployment", context =>
            {
                var deployment = state.Deployment(context.GetArgument<string>("id")) ?? throw NotFound("Deployment");
                Authorize(context, deployment.ProjectId, deployment.EnvironmentId);
                return deployment;
            });
            Resolve(builder, "Query", "deploymentLogs", context =>
            {
                var deployment = state.Deployment(context.GetArgument<string>("deploymentId")) ?? throw NotFound("Deployment");
                Authorize(context, deployment.ProjectId, deployment.EnvironmentId);
                var lines = state.LogsOf(deployment.Id);
                var limit = context.GetArgument<int?>("limit") ?? 100;
                return lines.Skip(Math.Max(0, lines.Count - limit)).ToList();
            });
            Resolve(builder, "Query", "variablesForServiceDeployment", context =>
            {
                var projectId = context.GetArgument<string>("projectId");
                var environmentId = context.GetArgument<string>("environmentId");
                Authorize(context, projectId, environmentId);
                var service = state.Service(context.GetArgument<string>("serviceId")) ?? throw NotFound("Service");
                return state.RenderedVariablesOf(service.Id, environmentId);
            });
            Resolve(builder, "Query", "variables", context =>
            {
                var projectId = context.GetArgument<string>("projectId");
                var environmentId = context.GetArgument<string>("environmentId");
                Authorize(context, projectId, environmentId);
                if (context.GetArgument<string?>("serviceId") is not { } serviceId)
                {
                    return new Dictionary<string, string>();
                }

                var service = state.Service(serviceId) ?? throw NotFound("Service");
                return context.GetArgument<bool?>("unrendered") is true
                    ? state.VariablesOf(service.Id, environmentId)
                    : state.RenderedVariablesOf(service.Id, environmentId);
            });
            Resolve(builder, "Mutation", "serviceCreate", context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                var projectId = (string)input["projectId"]!;
                var environmentId = input.GetValueOrDefault("environmentId") as string;
                Authorize(context, projectId, environmentId);
                var source = input.GetValueOrDefault("source") as Dictionary<string, object?>;
                return state.CreateService(
                    projectId,
                    environmentId,
                    input.GetValueOrDefault("name") as string,
                    source?.GetValueOrDefault("image") as string,
                    source?.GetValueOrDefault("repo") as string,
                    StringMap(input.GetValueOrDefault("variables")));
            });
            Resolve(builder, "Mutation", "variableCollectionUpsert", context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                var environmentId = (string)input["environmentId"]!;
                Authorize(context, (string)input["projectId"]!, environmentId);
                var serviceId = input.GetValueOrDefault("serviceId") as string ?? throw new ExecutionError("Shared variables are not modelled by the fake");
                state.UpsertVariables(serviceId, environmentId, StringMap(input["variables"]) ?? new Dictionary<string, string>(), input.GetValueOrDefault("replace") is true);
                return true;
            });
            Resolve(builder, "Mutation", "serviceInstanceUpdate", context =>
            {
                var service = state.Service(context.GetArgument<string>("serviceId")) ?? throw NotFound("Service");
                var environmentId = context.GetArgument<string?>("environmentId") ?? SingleEnvironment(state, service);
                Authorize(context, service.ProjectId, environmentId);
                state.UpdateInstance(service.Id, environmentId, context.GetArgument<Dictionary<string, object?>>("input"));
                return true;
            });
            Resolve(builder, "Mutation", "serviceInstanceDeployV2", context =>
            {
                var service = state.Service(context.GetArgument<string>("serviceId")) ?? throw NotFound("Service");
                var environmentId = context.GetArgument<string>("environmentId");
                Authorize(context, service.ProjectId, environmentId);
                var deployment = state.Deploy(service, environmentId);
                runner?.Deployed(deployment);
                return deployment.Id;
            });
            Resolve(builder, "Mutation", "serviceDelete", context =>
            {
                var service = state.Service(context.GetArgument<string>("id")) ?? throw NotFound("Service");
                Authorize(context, service.ProjectId, context.GetArgument<string?>("environmentId"));
                // Before the delete: stopping reads the service's draining time.
                runner?.RemoveDeploymentsOf(service.Id);
                return state.DeleteService(service.Id);
            });

            Resolve(builder, "Query", "projectToken", context =>
                Principal(context) is FakePrincipal.Project token
                    ? new FakeProjectToken(token.ProjectId, token.EnvironmentId)
                    : throw new ExecutionError(FakeRailway.ProjectTokenNotFound));
            Resolve(builder, "Query", "me", context =>
                Principal(context) is FakePrincipal.Account ? new FakeUser(state.Workspaces()) : throw new ExecutionError(NotAuthorized));
            Resolve(builder, "Query", "projects", context =>
            {
                var workspaceId = context.GetArgument<string?>("workspaceId") ?? throw new ExecutionError("The fake lists the projects of one workspace only: give workspaceId");
                return Connection(state.ProjectsOf(workspaceId).Where(project => Principal(context).CanAccess(project.Id, null)));
            });
            Resolve(builder, "Query", "serviceInstance", context =>
            {
                var service = state.Service(context.GetArgument<string>("serviceId")) ?? throw NotFound("ServiceInstance");
                var environmentId = context.GetArgument<string>("environmentId");
                Authorize(context, service.ProjectId, environmentId);
                return state.ServiceInstanceOf(service.Id, environmentId);
            });
            Resolve(builder, "Mutation", "serviceDomainCreate", context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                var service = state.Service((string)input["serviceId"]!) ?? throw NotFound("Service");
                var environmentId = (string)input["environmentId"]!;
                Authorize(context, service.ProjectId, environmentId);
                return state.CreateServiceDomain(service.Id, environmentId, input.GetValueOrDefault("targetPort") as int?);
            });
            Resolve(builder, "Mutation", "volumeCreate", context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                var projectId = (string)input["projectId"]!;
                var environmentId = input.GetValueOrDefault("environmentId") as string ?? throw new ExecutionError("The fake creates volumes in one environment only: give environmentId");
                Authorize(context, projectId, environmentId);
                var serviceId = input.GetValueOrDefault("serviceId") as string;
                if (serviceId is not null && state.Service(serviceId) is null)
                    throw NotFound("Service");
                return state.CreateVolume(projectId, environmentId, serviceId, (string)input["mountPath"]!);
            });

            // GraphQL.NET requires a stream resolver on every subscription field; the client subscribes to nothing.
            builder.Types.For("Subscription").FieldFor("deployment").StreamResolver = new SourceStreamResolver<object?>(
                IObservable<object?> (_) => throw new ExecutionError("Subscriptions are not modelled by the fake"));
        });

        foreach (Match scalar in ScalarDefinition().Matches(SchemaSubset.Sdl))
        {
            if (!BuiltInScalars.Contains(scalar.Groups[1].Value))
                schema.RegisterType(new OpaqueScalarGraphType(scalar.Groups[1].Value));
        }
        schema.Initialize();
        return schema;
    }

    private static void Resolve(SchemaBuilder builder, string type, string field, Func<IResolveFieldContext, object?> resolve) =>
        builder.Types.For(type).FieldFor(field).Resolver = new FuncFieldResolver<object?>(resolve);

    private static FakePrincipal Principal(IResolveFieldContext context) =>
        ((FakeRequestContext)context.UserContext).Principal;

    private static void Authorize(IResolveFieldContext context, string projectId, string? environmentId)
    {
        if (!Principal(context).CanAccess(projectId, environmentId))
            throw new ExecutionError(NotAuthorized);
    }

    private static ExecutionError NotFound(string what) => new($"{what} not found");

    private static FakeConnection Connection(IEnumerable<object> nodes) =>
        new([.. nodes.Select((node, index) => new FakeEdge(node, index.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);

    private static string SingleEnvironment(FakeRailwayState state, FakeService service) =>
        state.EnvironmentsOf(service.ProjectId).Single().Id;

    private static Dictionary<string, string>? StringMap(object? value) =>
        value is IDictionary<string, object?> map
            ? map.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString() ?? "")
            : null;

    [GeneratedRegex(@"^scalar (\w+)", RegexOptions.Multiline)]
    private static partial Regex ScalarDefinition();
}
