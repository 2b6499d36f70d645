#include "core/ops/request_parser.hpp"

#include <QRegularExpression>
#include <QStringList>

namespace helmdeck::ops {

namespace {

using Kind = OpsRequest::Kind;

QRegularExpression re(const char* pattern) {
    return QRegularExpression(QString::fromLatin1(pattern), QRegularExpression::CaseInsensitiveOption);
}

bool has(const QString& text, const QRegularExpression& pattern) {
    return pattern.match(text).hasMatch();
}

QString capture(const QString& text, const QRegularExpression& pattern, int group = 1) {
    const QRegularExpressionMatch match = pattern.match(text);
    return match.hasMatch() ? match.captured(group) : QString();
}

// The words the user calls things by, mapped to what they name in the release.
QString subjectOf(const QString& text) {
    static const QRegularExpression named(QStringLiteral("\\b([a-z0-9]+(?:-[a-z0-9]+)+)\\b"));
    static const QStringList ignored{QStringLiteral("port-forward"), QStringLiteral("read-only"),
                                     QStringLiteral("tail-f"), QStringLiteral("re-deploy")};
    for (auto it = named.globalMatch(text); it.hasNext();) {
        const QString word = it.next().captured(1);
        if (!ignored.contains(word)) return word;
    }
    struct Alias {
        const char* pattern;
        const char* subject;
    };
    static const Alias aliases[] = {
        {"\\b(backend|back end|api|chatbot|todo-chatbot|server|app|application)\\b", "backend"},
        {"\\b(frontend|front end|web|ui|website)\\b", "web"},
        {"\\b(database|db|postgres|postgresql)\\b", "database"},
        {"\\b(release|chart|helm)\\b", "release"},
        {"\\b(pods?|containers?|replicas?)\\b", "pods"},
        {"\\b(deployments?)\\b", "deployment"},
        {"\\b(services?|svc|endpoints?)\\b", "service"},
        {"\\b(nodes?)\\b", "node"},
    };
    for (const Alias& alias : aliases)
        if (has(text, re(alias.pattern))) return QString::fromLatin1(alias.subject);
    return {};
}

QString podSelectorOf(const QString& text) {
    if (has(text, re("\\b(crash\\w*|restart(ing|ed)|oom\\w*)\\b"))) return QStringLiteral("crashing");
    if (has(text, re("\\b(pending|stuck|unscheduled|unschedulable)\\b"))) return QStringLiteral("pending");
    if (has(text, re("\\b(fail\\w*|broken|bad|unhealthy|not ready|erroring|sick)\\b"))) return QStringLiteral("failing");
    static const QRegularExpression named(QStringLiteral("\\b([a-z0-9]+(?:-[a-z0-9]+){2,})\\b"));
    return capture(text, named);
}

std::optional<int> numberIn(const QString& text, const QRegularExpression& pattern) {
    const QString digits = capture(text, pattern);
    bool ok = false;
    const int value = digits.toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

int wordNumber(const QString& word) {
    static const QStringList words{QStringLiteral("zero"), QStringLiteral("one"), QStringLiteral("two"),
                                   QStringLiteral("three"), QStringLiteral("four"), QStringLiteral("five"),
                                   QStringLiteral("six"), QStringLiteral("seven"), QStringLiteral("eight"),
                                   QStringLiteral("nine"), QStringLiteral("ten")};
    return int(words.indexOf(word.toLower()));
}

// Digits become numbers and number words become digits, so "two replicas" reads as "2 replicas".
QString normalise(const QString& input) {
    QString text = input.toLower().simplified();
    text.replace(QRegularExpression(QStringLiteral("[?!]+$")), QString());
    text.replace(QRegularExpression(QStringLiteral("[.]+$")), QString());
    text.replace(QStringLiteral("’"), QStringLiteral("'"));
    static const QRegularExpression numberWord(
        QStringLiteral("\\b(zero|one|two|three|four|five|six|seven|eight|nine|ten)\\b"));
    QString out;
    int last = 0;
    for (auto it = numberWord.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        out += text.mid(last, match.capturedStart() - last) + QString::number(wordNumber(match.captured(1)));
        last = int(match.capturedEnd());
    }
    return out + text.mid(last);
}

OpsRequest help(const QString& why) {
    OpsRequest request;
    request.kind = Kind::Help;
    request.reply = why.isEmpty() ? opsCapabilities() : why + QStringLiteral("\n\n") + opsCapabilities();
    return request;
}

OpsRequest act(ActionKind kind, const QString& subject) {
    OpsRequest request;
    request.kind = Kind::Act;
    request.subject = subject;
    Action action;
    action.kind = kind;
    request.action = action;
    return request;
}

std::optional<OpsRequest> parseRollback(const QString& text) {
    if (!has(text, re("\\b(roll ?back|rollback|revert|undo|go back|downgrade)\\b"))) return std::nullopt;
    OpsRequest request = act(ActionKind::Rollback, QStringLiteral("release"));
    static const QRegularExpression revision(
        QStringLiteral("\\b(?:revision|rev|release|version|v|#|number|to)\\s*#?\\s*(\\d+)\\b"));
    if (const auto number = numberIn(text, revision)) {
        if (*number < 1) return help(QStringLiteral("Revisions start at 1."));
        request.action->revision = *number;
    }
    return request;
}

std::optional<OpsRequest> parseScale(const QString& text) {
    static const QRegularExpression to(QStringLiteral("\\b(?:to|=|at)\\s*(\\d+)\\b"));
    static const QRegularExpression count(QStringLiteral("\\b(\\d+)\\s*(?:replicas?|pods?|instances|copies)\\b"));
    const bool scaleWord = has(text, re("\\b(scale|replicas?|instances|copies)\\b"));
    if (!scaleWord && !has(text, count)) return std::nullopt;
    std::optional<int> replicas = numberIn(text, to);
    if (!replicas) replicas = numberIn(text, count);
    const bool imperative = has(text, re("^(please )?(scale|set|run|make|change|give|use|i want|we need|can you|could you)"));
    // "how many replicas are running?" and "show 3 pods" are not orders.
    if (!imperative && (!replicas || !scaleWord)) return std::nullopt;
    if (!replicas)
        return help(QStringLiteral("How many replicas? Say it with a number, e.g. \"scale the backend to 3\"."));
    if (*replicas > 50)
        return help(QStringLiteral("%1 replicas is more than this assistant will ask for (50 at most).").arg(*replicas));
    OpsRequest request = act(ActionKind::Scale, subjectOf(text));
    if (request.subject.isEmpty() || request.subject == QLatin1String("pods") ||
        request.subject == QLatin1String("deployment"))
        request.subject = QStringLiteral("backend");
    request.action->replicas = *replicas;
    return request;
}

std::optional<OpsRequest> parseLogs(const QString& text) {
    if (!has(text, re("\\b(logs?|output|stdout|stderr|tail|print\\w*)\\b"))) return std::nullopt;
    OpsRequest request = act(ActionKind::Logs, subjectOf(text));
    request.pod = podSelectorOf(text);
    request.action->previous = has(text, re("\\b(previous|prior|before (it|the) (crash|restart)\\w*|last crash|crashed one)\\b"));
    request.action->follow = has(text, re("\\b(follow|stream|live|watch|tail -f|keep showing)\\b"));
    static const QRegularExpression lines(QStringLiteral("\\b(?:last|latest|final)?\\s*(\\d+)\\s*lines?\\b"));
    if (const auto count = numberIn(text, lines)) request.action->tailLines = qBound(1, *count, 10000);
    return request;
}

std::optional<OpsRequest> parseSetValue(const QString& text, const QString& original) {
    static const QRegularExpression set(
        QStringLiteral("\\bset\\s+(?:the\\s+)?(?:value\\s+)?([a-z][a-z0-9_.\\-]*\\.[a-z0-9_.\\-]+)\\s*(?:to|=)\\s*(\\S+)"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto match = set.match(original); match.hasMatch()) {
        OpsRequest request = act(ActionKind::SetValueUpgrade, QStringLiteral("release"));
        request.action->valueKey = match.captured(1);
        request.action->value = match.captured(2);
        return request;
    }
    static const QRegularExpression memory(
        QStringLiteral("\\b(?:raise|increase|set|bump|change|lower|reduce)\\s+(?:the\\s+)?memory(?:\\s+limit)?\\s+(?:to|=)\\s*(\\d+\\s*(?:mi|gi|m|g))\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto match = memory.match(text); match.hasMatch()) {
        OpsRequest request = act(ActionKind::SetValueUpgrade, QStringLiteral("release"));
        request.action->valueKey = QStringLiteral("resources.limits.memory");
        QString value = match.captured(1).remove(QLatin1Char(' ')).toLower();
        if (value.endsWith(QLatin1String("mi")) || value.endsWith(QLatin1String("gi")))
            value = value.left(value.size() - 2) + value.right(2).at(0).toUpper() + QLatin1Char('i');
        else
            value = value.left(value.size() - 1) + value.right(1).toUpper() + QLatin1Char('i');
        request.action->value = value;
        return request;
    }
    if (has(text, re("\\b(raise|increase|bump) (the )?memory\\b")))
        return help(QStringLiteral("To what? Say e.g. \"raise the memory limit to 256Mi\"."));
    return std::nullopt;
}

std::optional<OpsRequest> parsePortForward(const QString& text) {
    if (!has(text, re("\\b(port[- ]?forward\\w*|forward (the )?(a )?port|open (it|the (backend|app|service)) locally|reach it locally)\\b")))
        return std::nullopt;
    OpsRequest request = act(ActionKind::PortForward, QStringLiteral("service"));
    static const QRegularExpression port(QStringLiteral("\\b(?:port|on|to|at|localhost:|:)\\s*(\\d{2,5})\\b"));
    const int local = numberIn(text, port).value_or(8080);
    request.action->localPort = local >= 1 && local <= 65535 ? local : 8080;
    request.action->remotePort = 80;
    return request;
}

std::optional<OpsRequest> parseMutating(const QString& text, const QString& original) {
    if (auto request = parseRollback(text)) return request;
    if (has(text, re("\\b(uninstall|tear (it )?down|(delete|remove|destroy) (the |this )?(whole )?(release|deployment|app|application|everything))\\b")))
        return act(ActionKind::Uninstall, QStringLiteral("release"));
    if (has(text, re("\\b(delete|kill|remove|evict|nuke)\\b.*\\bpods?\\b"))) {
        OpsRequest request = act(ActionKind::DeletePod, QStringLiteral("pods"));
        request.pod = podSelectorOf(text);
        if (request.pod.isEmpty())
            return help(QStringLiteral("Which pod? Name it, or say \"delete the crashing pod\"; "
                                       "\"restart the pods\" replaces them all one by one."));
        return request;
    }
    if (has(text, re("\\b(restart|bounce|recycle|reboot|redeploy|re-deploy|cycle|reload)\\b"))) {
        OpsRequest request = act(ActionKind::RolloutRestart, subjectOf(text));
        if (request.subject.isEmpty() || request.subject == QLatin1String("pods") ||
            request.subject == QLatin1String("deployment") || request.subject == QLatin1String("release"))
            request.subject = QStringLiteral("backend");
        return request;
    }
    if (auto request = parseSetValue(text, original)) return request;
    if (auto request = parseScale(text)) return request;
    return std::nullopt;
}

}  // namespace

QString opsCapabilities() {
    return QStringLiteral(
        "I can:\n"
        "  - diagnose: \"why is the backend failing?\", \"is everything healthy?\", \"show the warnings\"\n"
        "  - look: \"show the logs of the crashing pod\", \"describe the service\", "
        "\"which pod uses the most memory?\", \"what changed in the last upgrade?\", "
        "\"port-forward the backend to 8080\"\n"
        "  - act, after you confirm: \"scale the backend to 3\", \"restart the pods\", "
        "\"roll back to revision 2\", \"set resources.limits.memory to 256Mi\", "
        "\"delete the crashing pod\", \"uninstall the release\"\n"
        "  - hand over, read-only: \"ask kubectl-ai why is the backend failing?\" (when kubectl-ai is on PATH)");
}

OpsRequest parseOpsRequest(const QString& input) {
    const QString text = normalise(input);
    if (text.isEmpty()) return help(QString());
    if (has(text, re("^(help|\\?|what can you do|commands|usage)\\b")) || has(text, re("\\bwhat can you (do|help)\\b")))
        return help(QString());
    // A negated order is not an order: "don't restart anything" must not restart anything.
    if (has(text, re("\\b(don't|do not|never|stop|without|no need to)\\b.*\\b(restart|scale|roll ?back|delete|uninstall|kill|remove|set)\\b")))
        return help(QStringLiteral("I will not act on that; nothing was changed."));

    static const QRegularExpression kubectlAi(QStringLiteral("^(?:ask\\s+)?kubectl[- ]ai\\s*[:,]?\\s*(.*)$"),
                                              QRegularExpression::CaseInsensitiveOption);
    if (const auto match = kubectlAi.match(input.simplified()); match.hasMatch()) {
        if (match.captured(1).trimmed().isEmpty())
            return help(QStringLiteral("Ask kubectl-ai what? e.g. \"ask kubectl-ai why is the backend failing?\""));
        OpsRequest request = act(ActionKind::AskKubectlAi, QString());
        request.action->value = match.captured(1).trimmed();
        return request;
    }
    const bool howTo = has(text, re("^(how (do|can|would|should) (i|we|you)|how to|what is the command to|what's the command to)\\b"));
    if (auto request = parseMutating(text, input.simplified())) {
        if (howTo && request->kind == Kind::Act) request->kind = Kind::Explain;
        return *request;
    }
    if (auto request = parseLogs(text)) return *request;
    if (auto request = parsePortForward(text)) return *request;
    if (has(text, re("\\b(describe|details (of|about|on)|inspect)\\b"))) {
        OpsRequest request = act(ActionKind::Describe, subjectOf(text));
        request.pod = podSelectorOf(text);
        return request;
    }
    if (has(text, re("\\b(memory|ram|mem|cpu)\\b")) &&
        has(text, re("\\b(most|top|highest|heaviest|biggest|largest|hungriest|uses?|using|usage|consum\\w*)\\b"))) {
        OpsRequest request;
        request.kind = Kind::TopMemory;
        return request;
    }
    if (has(text, re("\\b(what|which|show|list)\\b.*\\b(chang\\w*|differ\\w*|diff)\\b")) ||
        has(text, re("\\b(diff|compare)\\b.*\\b(revisions?|upgrade|release|values|deploy\\w*)\\b"))) {
        OpsRequest request;
        request.kind = Kind::UpgradeDiff;
        return request;
    }
    if (has(text, re("\\b(events?|warnings?)\\b"))) {
        OpsRequest request;
        request.kind = Kind::Events;
        return request;
    }
    if (has(text, re("\\b(why|what'?s wrong|wrong|fail\\w*|broken|crash\\w*|not working|doesn't work|errors?|problems?|issues?|diagnos\\w*|troubleshoot|debug|down|stuck|pending|fix|happened|going on)\\b"))) {
        OpsRequest request;
        request.kind = Kind::Diagnose;
        request.subject = subjectOf(text);
        return request;
    }
    if (has(text, re("\\bhow many\\b|\\b(health\\w*|status|ok|okay|fine|good|up|running|working|alive|ready|green|state)\\b"))) {
        OpsRequest request;
        request.kind = Kind::Health;
        request.subject = subjectOf(text);
        return request;
    }
    return help(QStringLiteral("I did not understand \"%1\", so I did nothing.").arg(input.simplified()));
}

QString summary(const OpsRequest& request) {
    static const QMap<Kind, QString> names{{Kind::Diagnose, QStringLiteral("diagnose")},
                                           {Kind::Health, QStringLiteral("health")},
                                           {Kind::Events, QStringLiteral("events")},
                                           {Kind::TopMemory, QStringLiteral("top-memory")},
                                           {Kind::UpgradeDiff, QStringLiteral("upgrade-diff")},
                                           {Kind::Act, QStringLiteral("act")},
                                           {Kind::Explain, QStringLiteral("explain")},
                                           {Kind::Help, QStringLiteral("help")}};
    QStringList words{names.value(request.kind)};
    if (request.action) {
        const Action& action = *request.action;
        words << nameOf(action.kind);
        switch (action.kind) {
            case ActionKind::Scale:
                words << QStringLiteral("replicas=%1").arg(action.replicas);
                break;
            case ActionKind::Rollback:
            case ActionKind::GetValues:
                if (action.revision > 0) words << QStringLiteral("revision=%1").arg(action.revision);
                break;
            case ActionKind::Logs:
                if (action.previous) words << QStringLiteral("previous");
                if (action.follow) words << QStringLiteral("follow");
                if (action.tailLines != 20) words << QStringLiteral("tail=%1").arg(action.tailLines);
                break;
            case ActionKind::SetValueUpgrade:
                words << QStringLiteral("%1=%2").arg(action.valueKey, action.value);
                break;
            case ActionKind::PortForward:
                words << QStringLiteral("port=%1").arg(action.localPort);
                break;
            case ActionKind::AskKubectlAi:
                words << QLatin1Char('"') + action.value + QLatin1Char('"');
                break;
            default:
                break;
        }
    }
    if (!request.pod.isEmpty()) words << QStringLiteral("pod=") + request.pod;
    if (!request.subject.isEmpty()) words << QStringLiteral("subject=") + request.subject;
    return words.join(QLatin1Char(' '));
}

}  // namespace helmdeck::ops
