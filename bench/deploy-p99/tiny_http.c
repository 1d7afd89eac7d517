// tiny_http PORT: a keep-alive HTTP/1.1 server on 127.0.0.1 that answers every request with 200 and a fixed body.
// The stand-in app of bench/deploy-p99: it sets up a connection in microseconds, where a fresh node process takes
// about a millisecond of CPU per connection, so a deploy of it measures everything orch does except that cost.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FD 65536

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: tiny_http PORT\n");
    return 2;
  }
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (bind(listener, (struct sockaddr *)&a, sizeof a) || listen(listener, 1024)) {
    perror("tiny_http: bind");
    return 1;
  }
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener};
  epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
  static const char response[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nhello world\n";
  static const char terminator[] = "\r\n\r\n";
  static int matched[MAX_FD];  // how much of "\r\n\r\n" the connection's last read ended in
  struct epoll_event events[256];
  char buf[65536];
  for (;;) {
    int k = epoll_wait(ep, events, 256, -1);
    for (int i = 0; i < k; i++) {
      int fd = events[i].data.fd;
      if (fd == listener) {
        int c;
        while ((c = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          if (c >= MAX_FD) { close(c); continue; }
          matched[c] = 0;
          struct epoll_event e = {.events = EPOLLIN, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &e);
        }
        continue;
      }
      int m = read(fd, buf, sizeof buf);
      if (m <= 0) {
        close(fd);
        continue;
      }
      int state = matched[fd], requests = 0;
      for (int j = 0; j < m; j++) {
        if (buf[j] == terminator[state]) {
          if (++state == 4) { requests++; state = 0; }
        } else {
          state = buf[j] == '\r' ? 1 : 0;
        }
      }
      matched[fd] = state;
      for (int j = 0; j < requests; j++)
        if (write(fd, response, sizeof response - 1) < 0) break;
    }
  }
}
