# ghcr.io/orchestrator-dev/orch-control:<version>: `orch daemon` on the Redis journal with the orch CLI, serving the
# control API on $PORT and the router feed on $ORCH_FEED_PORT (default 7070), both behind ORCH_TOKEN.
#
#   docker build -f docker/control.Dockerfile -t ghcr.io/orchestrator-dev/orch-control:1.0.0 .
#   docker run -e ORCH_TOKEN=... -e REDIS_URL=redis://redis:6379/0 -e PORT=8080 -p 8080:8080 -p 7070:7070 ghcr.io/orchestrator-dev/orch-control:1.0.0
#
# Build from the repository root. The daemon runs on the JIT (Akka.NET is no NativeAOT code); the CLI and the daemon's
# own router are JIT builds too, as ./orch builds them without clang.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY hocon/ hocon/
COPY src/ src/
RUN dotnet build src/Daemon/Daemon.csproj -c Release -o /app \
    && dotnet build src/RouterHost/RouterHost.csproj -c Release -o /app \
    && dotnet build src/Cli/Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN useradd --system --uid 10001 --home-dir /var/lib/orch orch \
    && install -d -o orch -g orch -m 0700 /var/lib/orch
COPY --from=build /app /opt/orch
ENV PATH=/opt/orch:$PATH \
    ORCH_STATE_DIR=/var/lib/orch
USER orch
# orch-daemon reads ORCH_TOKEN itself (and drops it before it starts any process). REDIS_URL is redis://HOST:PORT[/DB].
ENTRYPOINT ["/bin/sh", "-c", "exec /opt/orch/orch-daemon daemon --control-listen \"[::]:${PORT:-8080}\" --feed-listen \"[::]:${ORCH_FEED_PORT:-7070}\" --journal \"${REDIS_URL:?set REDIS_URL to redis://HOST:PORT[/DB]}\""]
