// latency_client HOST PORT CONNECTIONS SECONDS OUT
// Keep-alive `GET $LAT_PATH` (default /) on CONNECTIONS connections, one request in flight on each, until SECONDS
// pass or SIGINT/SIGTERM. Writes one line per request to OUT: start (µs since the epoch), latency (µs), status
// (-1 for a socket error), and the word after "revision " in the body (the example app names its revision), else -.
// LAT_PREOPEN_MS=N connects every connection first and sends the first requests N ms later.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { CONNECTING, SENT, PREOPENED };
typedef struct { int fd; long long start; char buf[65536]; int len; int state; } conn_t;

static volatile sig_atomic_t stop_requested = 0;
static struct sockaddr_in addr;
static int ep;
static char request[512];
static int request_len;
static FILE *out;
static long long go_at = 0;
static long total = 0, errors = 0;

static void on_signal(int s) { (void)s; stop_requested = 1; }

static long long now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static void watch(conn_t *c, int op, unsigned events) {
  struct epoll_event ev = {.events = events, .data.ptr = c};
  epoll_ctl(ep, op, c->fd, &ev);
}

static void open_connection(conn_t *c) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  connect(c->fd, (struct sockaddr *)&addr, sizeof addr);
  c->state = CONNECTING;
  c->len = 0;
  c->start = now_us();
  watch(c, EPOLL_CTL_ADD, EPOLLOUT | EPOLLIN);
}

static void fail(conn_t *c) {
  errors++;
  fprintf(out, "%lld %lld -1 -\n", c->start, now_us() - c->start);
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  open_connection(c);
}

static void send_request(conn_t *c) {
  c->start = now_us();
  c->len = 0;
  if (write(c->fd, request, request_len) != request_len) {
    fail(c);
    return;
  }
  c->state = SENT;
  watch(c, EPOLL_CTL_MOD, EPOLLIN);
}

// 1 when buf holds a whole response (Content-Length or a chunked body's last chunk).
static int complete(conn_t *c, int *status) {
  c->buf[c->len] = 0;
  char *head_end = strstr(c->buf, "\r\n\r\n");
  if (!head_end) return 0;
  *status = atoi(c->buf + 9);
  char *length = strcasestr(c->buf, "content-length:");
  int body = length && length < head_end ? atoi(length + 15) : 0;
  if (strcasestr(c->buf, "transfer-encoding: chunked")) return strstr(head_end, "0\r\n\r\n") != NULL;
  return c->len >= (head_end + 4 - c->buf) + body;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: latency_client HOST PORT CONNECTIONS SECONDS OUT\n");
    return 2;
  }
  addr.sin_family = AF_INET;
  addr.sin_port = htons(atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
    fprintf(stderr, "latency_client: HOST must be an IPv4 address, got %s\n", argv[1]);
    return 2;
  }
  int n = atoi(argv[3]);
  long long end = now_us() + (long long)(atof(argv[4]) * 1e6);
  out = fopen(argv[5], "w");
  if (!out || n <= 0) {
    fprintf(stderr, "latency_client: cannot write %s, or CONNECTIONS is not positive\n", argv[5]);
    return 2;
  }
  setvbuf(out, NULL, _IOFBF, 1 << 20);
  const char *path = getenv("LAT_PATH") ? getenv("LAT_PATH") : "/";
  request_len = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s:%s\r\n\r\n", path, argv[1], argv[2]);
  if (getenv("LAT_PREOPEN_MS")) go_at = now_us() + atoll(getenv("LAT_PREOPEN_MS")) * 1000;
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGPIPE, SIG_IGN);
  ep = epoll_create1(0);
  conn_t *conns = calloc(n, sizeof(conn_t));
  for (int i = 0; i < n; i++) open_connection(&conns[i]);
  struct epoll_event events[256];
  while (!stop_requested && now_us() < end) {
    if (go_at && now_us() >= go_at) {
      for (int i = 0; i < n; i++)
        if (conns[i].state == PREOPENED) send_request(&conns[i]);
      go_at = 0;
    }
    int k = epoll_wait(ep, events, 256, 10);
    for (int i = 0; i < k; i++) {
      conn_t *c = events[i].data.ptr;
      if (c->state == CONNECTING) {
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
          fail(c);
        } else if (go_at) {
          c->state = PREOPENED;
          watch(c, EPOLL_CTL_MOD, 0);
        } else {
          send_request(c);
        }
        continue;
      }
      int m = read(c->fd, c->buf + c->len, sizeof c->buf - 1 - c->len);
      if (m < 0 && errno == EAGAIN) continue;
      if (m <= 0) {
        fail(c);
        continue;
      }
      c->len += m;
      int status;
      if (!complete(c, &status)) continue;
      char tag[32] = "-";
      char *revision = strstr(c->buf, "revision ");
      if (revision) sscanf(revision + 9, "%31s", tag);
      fprintf(out, "%lld %lld %d %s\n", c->start, now_us() - c->start, status, tag);
      total++;
      if (status < 200 || status > 299) errors++;
      send_request(c);
    }
  }
  fclose(out);
  fprintf(stderr, "requests %ld errors %ld\n", total, errors);
  return 0;
}
