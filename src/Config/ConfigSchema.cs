namespace Orchestrator.Config;

/// <summary>Every key <c>orch.toml</c> knows, table by table, with the example shown when it is wrong.</summary>
internal static class ConfigSchema
{
    public static readonly ConfigSection Root = new(
        ("app", "app = \"ticket-server\""),
        ("proxy", "[proxy] with listen = \"127.0.0.1:8182\""),
        ("process", "[[process]] with id = \"web\", policy = \"proxied\", command = \"python3 app.py --port {{port}}\""),
        ("retention", "[retention] with keep = 10"),
        ("logs", "[logs] with max_size = \"50MB\", keep = 5"),
        ("placement", "placement = { replicas = 2, role = \"worker\" }"),
        ("hooks", "[hooks] with pre_switch = \"exec:bin/migrate\""),
        ("shared_dirs", "shared_dirs = [\"data/workspace\", \"uploads\"]"),
        ("railway", "[railway] with workspace = \"acme\", project = \"shop\", environment = \"production\", image = \"ghcr.io/acme/shop:1.4.2\""));

    /// <summary>The keys of <c>orch.stack.toml</c>.</summary>
    public static readonly ConfigSection StackRoot = new(
        ("stack", "stack = \"planexe\""),
        ("app", "[[app]] with config = \"worker_plan/orch.toml\""));

    public static readonly ConfigSection StackApp = new(
        ("config", "config = \"worker_plan/orch.toml\""),
        ("depends_on", "depends_on = [\"worker_plan\"]"));

    public static readonly ConfigSection Proxy = new(
        ("listen", "listen = \"127.0.0.1:8182\""),
        ("hosts", "hosts = [\"tickets.example.com\"]"),
        ("health_path", "health_path = \"/ping\""),
        ("health_timeout", "health_timeout = \"30s\""),
        ("drain_timeout", "drain_timeout = \"60s\""),
        ("stop_timeout", "stop_timeout = \"10s\""),
        ("affinity", "affinity = true"),
        ("request_timeout", "request_timeout = \"100s\""));

    public static readonly ConfigSection Process = new(
        ("id", "id = \"web\""),
        ("policy", "policy = \"proxied\""),
        ("command", "command = \"python3 app.py --port {{port}}\""),
        ("cwd", "cwd = \"{{release_path}}\""),
        ("port", "port = \"18182-18299\""),
        ("env", "env = { RELEASE = \"{{revision}}\" }"),
        ("health", "health = { path = \"/ping\", interval = \"250ms\", start_delay = \"0s\", timeout = \"30s\" }"),
        ("restart", "restart = { max_restarts = 5, window = \"60s\", backoff_factor = 2, max_delay = \"30s\" }"),
        ("graceful_stop", "graceful_stop = \"30s\""),
        ("memory_limit", "memory_limit = \"512MB\""),
        ("memory_limit_grace", "memory_limit_grace = \"30s\""),
        ("quiet", "quiet = \"signal:USR1\""),
        ("drain_check", "drain_check = \"http:GET /busy\""),
        ("drain_check_interval", "drain_check_interval = \"1s\""),
        ("image", "image = \"postgres:16\""),
        ("volume", "volume = \"/var/lib/postgresql/data\""));

    public static readonly ConfigSection Health = new(
        ("path", "path = \"/ping\""),
        ("interval", "interval = \"250ms\""),
        ("start_delay", "start_delay = \"0s\""),
        ("timeout", "timeout = \"30s\""),
        ("interval_active", "interval_active = \"10s\""),
        ("unhealthy_after", "unhealthy_after = 3"));

    public static readonly ConfigSection Restart = new(
        ("max_restarts", "max_restarts = 5"),
        ("window", "window = \"60s\""),
        ("backoff_factor", "backoff_factor = 2"),
        ("initial_delay", "initial_delay = \"100ms\""),
        ("max_delay", "max_delay = \"30s\""));

    public static readonly ConfigSection Placement = new(
        ("replicas", "replicas = 2"),
        ("role", "role = \"worker\""));

    public static readonly ConfigSection Hooks = new(
        ("pre_switch", "pre_switch = \"exec:bin/migrate\""),
        ("post_switch", "post_switch = \"exec:bin/notify-deployed\""),
        ("timeout", "timeout = \"10m\""));

    public static readonly ConfigSection Logs = new(
        ("max_size", "max_size = \"50MB\""),
        ("keep", "keep = 5"));

    public static readonly ConfigSection Retention = new(
        ("keep", "keep = 10"));

    public static readonly ConfigSection Railway = new(
        ("workspace", "workspace = \"acme\""),
        ("workspace_id", "workspace_id = \"8d3c5b2e-0000-4000-8000-000000000001\""),
        ("project", "project = \"shop\""),
        ("project_id", "project_id = \"8d3c5b2e-0000-4000-8000-000000000002\""),
        ("environment", "environment = \"production\""),
        ("environment_id", "environment_id = \"8d3c5b2e-0000-4000-8000-000000000003\""),
        ("image", "image = \"ghcr.io/acme/shop:1.4.2\""),
        ("repo", "repo = \"acme/shop\" with branch = \"main\""),
        ("branch", "branch = \"main\""),
        ("replicas", "replicas = 2"),
        ("region", "region = \"europe-west4-drams3a\""),
        ("healthcheck_path", "healthcheck_path = \"/ping\""),
        ("healthcheck_timeout", "healthcheck_timeout = \"300s\""),
        ("restart_policy", "restart_policy = \"on_failure\""),
        ("max_retries", "max_retries = 10"),
        ("start_command", "start_command = \"node server.js\""),
        ("port", "port = 8080"),
        ("router_image", "router_image = \"ghcr.io/orchestrator-dev/orch-router:1.0.0\""),
        ("control_image", "control_image = \"ghcr.io/orchestrator-dev/orch-control:1.0.0\""),
        ("service_prefix", "service_prefix = \"shop\""),
        ("api_url", "api_url = \"https://backboard.railway.com/graphql/v2\""),
        ("volume", "[[process]] with id = \"data\", policy = \"service\", image = \"postgres:16\", volume = \"/data\""));
}
