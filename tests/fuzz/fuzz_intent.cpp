// libFuzzer target: the built-in engine's parser on a message plus a small conversation
// context, and the confirmation question it may ask.

#include <cstddef>
#include <cstdint>
#include <string>

#include "chatbot/assistant/frame_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    todo::assistant::Context context;
    context.today = "2026-12-01";
    const std::uint8_t shape = data[0];
    for (int i = 0; i < (shape & 3); ++i) {
        todo::Task task;
        task.id = i + 1;
        task.title = i == 0 ? "buy milk" : i == 1 ? "call the dentist" : "water the plants";
        task.completed = (shape >> (2 + i)) & 1;
        context.tasks.push_back(task);
    }
    if (shape & 0x80) context.last_task_id = 1;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    auto plan = todo::assistant::parse_message(text, context);
    if (plan.confirm) (void)todo::assistant::confirmation_question(plan, context);
    return 0;
}
