// todo-chatbot: wires configuration, store, assistant, API and HTTP server together.

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "chatbot/api/application.hpp"
#include "chatbot/app/config.hpp"
#include "chatbot/app/healthcheck.hpp"
#include "chatbot/app/store_supervisor.hpp"
#include "chatbot/assistant/engine.hpp"
#include "chatbot/http/server.hpp"
#include "chatbot/store/store.hpp"
#include "chatbot/telemetry/logger.hpp"
#include "chatbot/telemetry/metrics.hpp"
#include "chatbot/version.hpp"

namespace {

using namespace todo;

// After the drain delay, how long requests already started may take to finish.
constexpr auto kDrainBudget = std::chrono::seconds(20);

int serve(const app::Config& config) {
    telemetry::Logger logger(*telemetry::parse_log_level(config.log_level),
                             *telemetry::parse_log_format(config.log_format));
    telemetry::Metrics metrics;

    // Signals go to one waiting thread only, so a worker is never interrupted mid-request.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    // Handlers block on the database, so the pool of workers is wider than the core count:
    // a worker waiting on PostgreSQL must not idle a core. One connection per worker.
    const std::size_t workers =
        config.threads != 0 ? config.threads
                            : std::max<std::size_t>(8, 2 * std::thread::hardware_concurrency());

    // The store opens in the background: the server listens at once, readiness waits for it.
    std::unique_ptr<app::StoreSupervisor> store;
    try {
        store = std::make_unique<app::StoreSupervisor>(
            config.database_url,
            [&metrics](std::string_view operation, double seconds) {
                metrics.observe_store_query(operation, seconds);
            },
            workers, logger);
    } catch (const store::BadDatabaseUrl& error) {
        std::cerr << "todo-chatbot: " << error.what() << '\n';
        return 2;
    }

    auto engine = assistant::make_builtin_engine();
    if (!config.llm_base_url.empty()) {
        assistant::LlmSettings settings{config.llm_base_url, config.llm_api_key, config.llm_model};
        engine = assistant::make_llm_engine(
            settings, std::move(engine), [&logger, &metrics](const std::string& reason) {
                metrics.count_llm_fallback();
                logger.warn("llm_fallback", {{"reason", reason},
                                             {"engine", "built-in"}});
            });
    }
    if (config.jwt_secret.empty())
        logger.warn("auth_disabled",
                    {{"hint", "set AUTH_JWT_SECRET to require bearer tokens on /api/{user_id}"}});

    api::Application application({*store, *engine, metrics, logger, config.jwt_secret, kVersion,
                                  config.max_tasks_per_user, [&store] { return store->ready(); },
                                  config.auth_allow_no_exp});

    http::ServerOptions options;
    options.host = config.host;
    options.port = config.port;
    options.threads = workers;
    options.queue_limit = config.queue_limit;
    options.max_connections = config.max_connections;
    options.max_connections_per_peer = config.max_connections_per_peer;
    // Probes and metrics never wait for a worker: a pool full of slow chats must not fail them.
    options.runs_on_io_thread = [](const http::Request& request) {
        return (request.method == "GET" || request.method == "HEAD") &&
               (request.path == "/api/health" || request.path == "/api/ready" ||
                request.path == "/metrics");
    };
    http::Server server(
        options,
        [&application, &metrics](http::Request& request) {
            metrics.request_started();
            auto response = application.handle(request);
            metrics.request_finished();
            return response;
        },
        [&metrics, &logger](const http::Request& request, const http::Response& response,
                            double seconds) {
            metrics.observe_request(request.method, request.route, response.status, seconds);
            // The fields are a JSON object built per request: skip it when the line is dropped.
            if (!logger.enabled(telemetry::LogLevel::Info)) return;
            logger.info("request", {{"method", request.method},
                                    {"route", request.route},
                                    {"status", response.status},
                                    {"duration_ms", seconds * 1000.0},
                                    {"request_id", request.request_id}});
        });
    try {
        server.listen();
    } catch (const std::exception& error) {
        std::cerr << "todo-chatbot: " << error.what() << '\n';
        return 1;
    }
    metrics.watch_server([&server] {
        return telemetry::ServerGauges{server.queue_depth(), server.queue_rejections(),
                                       server.connection_rejections()};
    });
    logger.info("listening", {{"host", config.host},
                              {"port", server.port()},
                              {"store", std::string(store->kind())},
                              {"version", kVersion}});
    store->start();

    std::thread signal_waiter([&] {
        int received = 0;
        sigwait(&signals, &received);
        logger.info("shutting_down", {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"},
                                      {"in_flight", server.in_flight()},
                                      {"drain_delay_s", config.drain_delay_seconds}});
        // Readiness 503 while still serving, so the load balancer stops routing here before
        // the listener closes; responses meanwhile say Connection: close.
        application.set_draining(true);
        server.begin_drain();
        std::this_thread::sleep_for(std::chrono::seconds(config.drain_delay_seconds));
        server.stop(kDrainBudget);
    });

    server.run();
    signal_waiter.join();
    logger.info("stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    todo::app::Invocation invocation;
    try {
        invocation = todo::app::parse_invocation(args, todo::app::process_environment());
    } catch (const todo::app::UsageError& error) {
        std::cerr << "todo-chatbot: " << error.what() << '\n';
        return 2;
    }
    switch (invocation.command) {
        case todo::app::Command::Help:
            std::cout << todo::app::usage_text();
            return 0;
        case todo::app::Command::Version:
            std::cout << "todo-chatbot " << todo::kVersion << '\n';
            return 0;
        case todo::app::Command::Healthcheck: {
            std::string why;
            if (todo::app::probe_health(invocation.healthcheck_url, 3000, &why)) return 0;
            std::cerr << "todo-chatbot healthcheck: " << invocation.healthcheck_url << ": " << why
                      << '\n';
            return 1;
        }
        case todo::app::Command::Serve:
            break;
    }
    return serve(invocation.config);
}
