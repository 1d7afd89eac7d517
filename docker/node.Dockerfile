# ghcr.io/orchestrator-dev/orch:<version>: the orch CLI with orch-daemon and orch-router beside it, for a cluster's nodes.
# Its entrypoint is `orch`, so a container runs the verb its command names, as the tests run them:
#
#   docker run ... ghcr.io/orchestrator-dev/orch:1.0.0 daemon --roles worker --seed worker1:4053 ...   # a worker node
#   docker run ... ghcr.io/orchestrator-dev/orch:1.0.0 router --seed worker1:4053 ...                  # an edge router
#
# docker/compose.cluster.yml runs three workers, two edge routers and Redis with it. Build from the repository root:
#   docker build -f docker/node.Dockerfile -t ghcr.io/orchestrator-dev/orch:1.0.0 .
# The daemon runs on the JIT (Akka.NET is no NativeAOT code); the CLI and the router are JIT builds here too.
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
VOLUME /var/lib/orch
ENTRYPOINT ["/opt/orch/orch"]
CMD ["--help"]
