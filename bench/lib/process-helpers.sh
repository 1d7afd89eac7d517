# Shell helpers the bench scripts share: waiting for processes and ports, cleaning up what an isolated daemon left,
# RSS, and the nginx reference's config. Source it; a script may define log() first to hear about leftovers.

# Waits (bounded) for a process to exit: wait_gone PID SECONDS; true when it has.
wait_gone() {
  local pid=$1 tenths=$(($2 * 10)) i
  for ((i = 0; i < tenths; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$pid" 2>/dev/null
}

# Polls until 127.0.0.1:PORT accepts a connection: wait_port PORT SECONDS.
wait_port() {
  local port=$1 tenths=$(($2 * 10)) i
  for ((i = 0; i < tenths; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# Processes an isolated daemon started and left behind (apps, routers) carry its state directory in their
# environment; nothing else on the machine can, because the directory is the run's own temp directory.
# kill_leftovers STATE_DIR
kill_leftovers() {
  local state=$1 environ pid
  [ -n "$state" ] || return 0
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    if grep -qzx "ORCH_STATE_DIR=$state" "$environ" 2>/dev/null; then
      if declare -F log >/dev/null; then
        log "killing leftover process $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
      fi
      kill -KILL "$pid" 2>/dev/null
    fi
  done
}

# VmRSS of a process in kB (empty when it is gone): rss_kb PID
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

# nginx as the issue measures it: one worker (the router is one process too, and the load and the app need the
# other core), proxy_pass with upstream keep-alive. nginx_conf DIR UPSTREAM_PORT LISTEN_PORT writes DIR/nginx.conf.
nginx_conf() {
  local dir=$1 upstream_port=$2 port=$3
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  upstream app {
    server 127.0.0.1:$upstream_port;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
}

# Stops an isolated daemon that start_daemon ran in a session of its own: `orch shutdown`, then its process group if
# that did not end it. Uses the script's daemon_pid, orch, orch_env and tmp.
# shutdown_daemon [SHUTDOWN_SECONDS [GONE_SECONDS]]
shutdown_daemon() {
  local shutdown_seconds=${1:-120} gone_seconds=${2:-60}
  [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null || return 0
  log "stopping the daemon, its router and the apps (orch shutdown)"
  timeout "$shutdown_seconds" "${orch_env[@]}" "$orch" shutdown >>"$tmp/shutdown.log" 2>&1
  if ! wait_gone "$daemon_pid" "$gone_seconds"; then
    log "daemon still running after shutdown; terminating its process group"
    kill -TERM -- "-$daemon_pid" 2>/dev/null
    wait_gone "$daemon_pid" 10 || kill -KILL -- "-$daemon_pid" 2>/dev/null
  fi
  wait "$daemon_pid" 2>/dev/null
}

# Records why a part has no result; the report shows it in place of the numbers. Uses the script's results.
fail_part() {
  log "$1: $2"
  printf '%s\n' "$2" >"$results/$1.error"
}
