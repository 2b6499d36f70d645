#include "core/tools/tool_command.hpp"

#include <QFileInfo>

namespace helmdeck::core {

QString ToolCommand::display() const {
    QStringList words{QFileInfo(program).fileName()};
    for (const QString& argument : arguments)
        words << (argument.contains(QLatin1Char(' ')) || argument.isEmpty()
                      ? QLatin1Char('\'') + argument + QLatin1Char('\'')
                      : argument);
    return words.join(QLatin1Char(' '));
}

void startCommand(ToolRunner& runner, const ToolCommand& command) {
    runner.start(command.program, command.arguments, command.environment, command.timeoutMs,
                 command.workingDirectory);
}

}  // namespace helmdeck::core
