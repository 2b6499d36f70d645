// Times the frame parser on every phrasing of a corpus file (tests/.../phrasings.json), each
// read against its fixture of tasks and a list just shown, and prints the percentiles as JSON.
// Usage: todo-engine-bench CORPUS.json [ROUNDS]
#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "chatbot/assistant/frame_parser.hpp"

using nlohmann::json;

namespace {

std::vector<todo::Task> tasks_of(const json& specs) {
    std::vector<todo::Task> tasks;
    for (const auto& spec : specs) {
        todo::Task task;
        task.id = static_cast<std::int64_t>(tasks.size() + 1);
        task.title = spec.value("title", "");
        task.completed = spec.value("completed", false);
        if (spec.contains("due_date")) task.due_date = spec["due_date"].get<std::string>();
        tasks.push_back(std::move(task));
    }
    return tasks;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: todo-engine-bench CORPUS.json [ROUNDS]\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::fprintf(stderr, "todo-engine-bench: cannot read %s\n", argv[1]);
        return 1;
    }
    const auto corpus = json::parse(in);
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    std::vector<std::pair<std::string, todo::assistant::Context>> inputs;
    for (const auto& item : corpus["cases"]) {
        auto specs = item.contains("tasks") ? item["tasks"] : corpus["default_tasks"];
        if (specs.is_string()) specs = corpus["fixtures"][specs.get<std::string>()];
        todo::assistant::Context context;
        context.tasks = tasks_of(specs);
        for (const auto& task : context.tasks.all()) context.last_listed.push_back(task.id);
        context.today = item.value("today", corpus["today"].get<std::string>());
        inputs.emplace_back(item["say"].get<std::string>(), std::move(context));
    }
    std::vector<double> micros;
    std::size_t calls = 0;
    for (int round = 0; round < rounds; ++round)
        for (const auto& [text, context] : inputs) {
            auto start = std::chrono::steady_clock::now();
            auto plan = todo::assistant::parse_message(text, context);
            auto end = std::chrono::steady_clock::now();
            calls += plan.calls.size();
            micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
        }
    std::sort(micros.begin(), micros.end());
    auto at = [&](double q) { return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))]; };
    json out{{"scenario", "engine_per_message"},
             {"messages", micros.size()},
             {"p50_us", std::round(at(0.50) * 10) / 10},
             {"p99_us", std::round(at(0.99) * 10) / 10},
             {"max_us", std::round(micros.back() * 10) / 10},
             {"tool_calls_planned", calls}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
