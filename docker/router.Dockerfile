# ghcr.io/orchestrator-dev/orch-router:<version>: the data plane (`orch router`), compiled ahead of time, reading its route
# tables from a daemon's TCP feed (its --feed-listen) and serving every app's listener on $PORT.
#
#   docker build -f docker/router.Dockerfile -t ghcr.io/orchestrator-dev/orch-router:1.0.0 .
#   docker run -e ORCH_FEED=shop-control.railway.internal:7070 -e ORCH_TOKEN=... -e PORT=8080 -p 8080:8080 ghcr.io/orchestrator-dev/orch-router:1.0.0
#
# Build from the repository root. NativeAOT compiles for the architecture it builds on (no cross-compiling here).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY src/ src/
RUN case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;; esac \
    && dotnet publish src/RouterHost/RouterHost.csproj -c Release -r "$rid" -p:PublishAot=true -o /out

# The SDK image is Ubuntu 24.04 (.NET 10 ships no Debian images): the runtime's glibc must be as new or newer (trixie: 2.41).
FROM debian:trixie-slim
RUN useradd --system --uid 10001 --home-dir /var/lib/orch orch \
    && install -d -o orch -g orch -m 0700 /var/lib/orch
COPY --from=build /out/orch-router /usr/local/bin/orch-router
# No ICU needed (InvariantGlobalization, Directory.Build.props). The gen0 budget is the one the daemon gives the routers it
# starts (src/Orchestrator/RouterProcess/RouterRuntimeEnvironment.cs).
ENV DOTNET_GCgen0size=400000 \
    ORCH_STATE_DIR=/var/lib/orch
USER orch
# ORCH_FEED and ORCH_TOKEN are read by orch-router itself; $PORT is the platform's (Railway sets it), bound on every
# address, IPv4 and IPv6.
ENTRYPOINT ["/bin/sh", "-c", "exec /usr/local/bin/orch-router router --feed \"${ORCH_FEED:?set ORCH_FEED to the daemon feed HOST:PORT}\" --listen-host :: --listen-port \"${PORT:-8080}\""]
