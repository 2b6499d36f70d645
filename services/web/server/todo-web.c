// todo-web: the web image's entry point. The image has no shell, so this small program does what
// an entrypoint script would: it turns API_UPSTREAM into nginx's /api/ configuration (or, for a
// bad value, into a clear log line and a JSON 502 on /api/ while / is still served), then execs
// nginx. `todo-web healthcheck` is the HEALTHCHECK and the `helm test` probe.
//
//   todo-web [run]            render /tmp/todo-web/*.conf from the environment, exec nginx
//   todo-web render DIR       only render (tests use it)
//   todo-web healthcheck [URL...]  exit 0 when each URL (default http://127.0.0.1:8080/healthz)
//                                  answers 200; `helm test` passes the web Service's URLs

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define DEFAULT_UPSTREAM "http://todo-chatbot:8080"
#define RUNTIME_DIR "/tmp/todo-web"
#define NGINX "/usr/sbin/nginx"
#define NGINX_CONF "/etc/nginx/nginx.conf"

static void log_line(const char* level, const char* message) {
    fprintf(stderr, "todo-web: %s: %s\n", level, message);
}

// Accepts http://HOST[:PORT][/] where HOST is a DNS name or an IPv4 address; writes "HOST:PORT".
// Returns NULL when valid, else the reason.
static const char* parse_upstream(const char* url, char* host_port, size_t size, int* is_ip) {
    const char* prefix = "http://";
    if (strncmp(url, prefix, strlen(prefix)) != 0)
        return "it must start with http:// (TLS to the backend is not supported inside the cluster)";
    const char* host = url + strlen(prefix);
    size_t host_len = strcspn(host, ":/");
    if (host_len == 0) return "the host is empty";
    if (host_len > 253) return "the host is longer than 253 characters";
    int digits_and_dots = 1;
    for (size_t i = 0; i < host_len; ++i) {
        unsigned char c = (unsigned char)host[i];
        if (!(isalnum(c) || c == '-' || c == '.')) return "the host may hold only letters, digits, '-' and '.'";
        if (!(isdigit(c) || c == '.')) digits_and_dots = 0;
    }
    if (host[0] == '-' || host[0] == '.' || host[host_len - 1] == '-')
        return "the host must start and end with a letter or digit";
    long port = 80;
    const char* rest = host + host_len;
    if (*rest == ':') {
        char* end = NULL;
        errno = 0;
        port = strtol(rest + 1, &end, 10);
        if (end == rest + 1 || errno != 0 || port < 1 || port > 65535) return "the port must be a number from 1 to 65535";
        rest = end;
    }
    if (strcmp(rest, "") != 0 && strcmp(rest, "/") != 0)
        return "it must not have a path (the page calls /api/... and that path is passed on as it is)";
    struct in_addr ignored;
    char host_only[256];
    memcpy(host_only, host, host_len);
    host_only[host_len] = '\0';
    *is_ip = digits_and_dots && inet_pton(AF_INET, host_only, &ignored) == 1;
    if (digits_and_dots && !*is_ip) return "the host looks like an IPv4 address but is not one";
    snprintf(host_port, size, "%s:%ld", host_only, port);
    return NULL;
}

// The name servers of /etc/resolv.conf, as nginx's `resolver` wants them ("[v6]" bracketed).
static void read_resolvers(char* out, size_t size) {
    out[0] = '\0';
    FILE* file = fopen("/etc/resolv.conf", "r");
    if (!file) return;
    char line[512];
    while (fgets(line, sizeof line, file)) {
        char address[128];
        if (sscanf(line, " nameserver %127s", address) != 1) continue;
        size_t used = strlen(out);
        if (strchr(address, ':')) snprintf(out + used, size - used, " [%s]", address);
        else snprintf(out + used, size - used, " %s", address);
    }
    fclose(file);
}

// Keeps what may go inside an nginx string and a JSON string without escaping.
static void printable_copy(const char* in, char* out, size_t size) {
    size_t j = 0;
    for (size_t i = 0; in[i] && j + 1 < size; ++i) {
        unsigned char c = (unsigned char)in[i];
        out[j++] = (isalnum(c) || strchr(":/._-@+=,", c)) ? (char)c : '?';
    }
    out[j] = '\0';
}

static int write_file(const char* dir, const char* name, const char* text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE* file = fopen(path, "w");
    if (!file || fputs(text, file) < 0 || fclose(file) != 0) {
        fprintf(stderr, "todo-web: error: cannot write %s: %s (mount a writable tmpfs at /tmp)\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

// Writes DIR/http.conf (http level: the resolver) and DIR/api.conf (inside `location /api/`).
static int render(const char* dir) {
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "todo-web: error: cannot create %s: %s (mount a writable tmpfs at /tmp)\n", dir, strerror(errno));
        return -1;
    }
    const char* url = getenv("API_UPSTREAM");
    if (!url || !*url) url = DEFAULT_UPSTREAM;
    char host_port[300], resolvers[1024], http_conf[1400], api_conf[2048], shown[300];
    int is_ip = 0;
    const char* problem = parse_upstream(url, host_port, sizeof host_port, &is_ip);
    printable_copy(url, shown, sizeof shown);
    if (problem) {
        fprintf(stderr,
                "todo-web: error: API_UPSTREAM=\"%s\" is not usable: %s. Expected http://HOST[:PORT], "
                "for example " DEFAULT_UPSTREAM ". The page is served; /api/ answers 502 until this is fixed.\n",
                shown, problem);
        snprintf(api_conf, sizeof api_conf,
                 "default_type application/json;\n"
                 "return 502 '{\"error\":{\"code\":\"bad_upstream\",\"message\":\"the web service is misconfigured: "
                 "API_UPSTREAM=%s is not an http://HOST[:PORT] URL\"}}\\n';\n",
                 shown);
        return write_file(dir, "http.conf", "# API_UPSTREAM is invalid: no resolver needed\n") ||
               write_file(dir, "api.conf", api_conf);
    }
    read_resolvers(resolvers, sizeof resolvers);
    if (is_ip) {
        snprintf(http_conf, sizeof http_conf, "# the upstream is an IP address: no resolver needed\n");
    } else if (!resolvers[0]) {
        log_line("warning", "/etc/resolv.conf names no nameserver: the API host cannot be resolved");
        snprintf(http_conf, sizeof http_conf, "# no nameserver in /etc/resolv.conf\n");
    } else {
        // Resolved per request (valid 10 s), so a backend that starts later or moves is found.
        snprintf(http_conf, sizeof http_conf, "resolver%s valid=10s ipv6=off;\nresolver_timeout 3s;\n", resolvers);
    }
    snprintf(api_conf, sizeof api_conf,
             "set $api_upstream \"http://%s\";\n"
             "proxy_pass $api_upstream;\n"
             "include /etc/nginx/api-proxy.conf;\n",
             host_port);
    fprintf(stderr, "todo-web: info: proxying /api/ to http://%s\n", host_port);
    return write_file(dir, "http.conf", http_conf) || write_file(dir, "api.conf", api_conf);
}

// GET http://HOST[:PORT]/PATH answered 200? (HTTP/1.0, one request, 3 s deadline.)
static int get_ok(const char* url) {
    char host[256], port[8] = "80", path[512] = "/";
    if (strncmp(url, "http://", 7) != 0) return 0;
    const char* at = url + 7;
    size_t host_len = strcspn(at, ":/");
    if (host_len == 0 || host_len >= sizeof host) return 0;
    memcpy(host, at, host_len);
    host[host_len] = '\0';
    at += host_len;
    if (*at == ':') {
        size_t port_len = strcspn(++at, "/");
        if (port_len == 0 || port_len >= sizeof port) return 0;
        memcpy(port, at, port_len);
        port[port_len] = '\0';
        at += port_len;
    }
    if (*at == '/') snprintf(path, sizeof path, "%s", at);

    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *found = NULL;
    if (getaddrinfo(host, port, &hints, &found) != 0 || !found) return 0;
    int fd = socket(found->ai_family, found->ai_socktype, 0);
    int ok = 0;
    if (fd >= 0) {
        struct timeval timeout = {3, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        char request[1024], answer[64] = {0};
        int length = snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, host);
        ok = connect(fd, found->ai_addr, found->ai_addrlen) == 0 && write(fd, request, (size_t)length) == length &&
             read(fd, answer, sizeof answer - 1) > 12 && strncmp(answer + 8, " 200", 4) == 0;
        close(fd);
    }
    freeaddrinfo(found);
    return ok;
}

// Every URL given (default: the local /healthz) must answer 200.
static int healthcheck(int count, char** urls) {
    static char* local[] = {"http://127.0.0.1:8080/healthz"};
    if (count == 0) {
        count = 1;
        urls = local;
    }
    for (int i = 0; i < count; ++i) {
        if (!get_ok(urls[i])) {
            fprintf(stderr, "todo-web: healthcheck: GET %s did not answer 200\n", urls[i]);
            return 1;
        }
        fprintf(stderr, "todo-web: healthcheck: GET %s answered 200\n", urls[i]);
    }
    return 0;
}

int main(int argc, char** argv) {
    const char* command = argc > 1 ? argv[1] : "run";
    if (strcmp(command, "healthcheck") == 0) return healthcheck(argc - 2, argv + 2);
    if (strcmp(command, "render") == 0 && argc == 3) return render(argv[2]) == 0 ? 0 : 1;
    if (strcmp(command, "run") != 0) {
        fprintf(stderr, "usage: todo-web [run | render DIR | healthcheck [URL...]]\n");
        return 2;
    }
    if (render(RUNTIME_DIR) != 0) return 1;
    execl(NGINX, "nginx", "-c", NGINX_CONF, "-e", "stderr", "-g", "daemon off;", (char*)NULL);
    fprintf(stderr, "todo-web: error: cannot start " NGINX ": %s\n", strerror(errno));
    return 1;
}
