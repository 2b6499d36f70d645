// The voice path end to end on a corpus of typed todo requests: espeak-ng speaks each (two
// voices, two speeds, in memory), PocketSphinx transcribes it, and a real todo-chatbot answers
// both the typed text and the transcript. Measures the word error rate and the share of
// requests whose tool calls match the typed text's; writes them to build/voice-corpus.json.
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QtTest>

#include "core/voice/pocketsphinx_recognizer.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"
#include "desktop/voice/voice_test_support.hpp"

using namespace helmdeck::core::voice;
using namespace helmdeck::testing;

namespace {

const QString kUser = QStringLiteral("voice");

QStringList words(const QString& text) {
    QString clean = text.toLower();
    clean.replace(QRegularExpression(QStringLiteral("[^a-z0-9' ]")), QStringLiteral(" "));
    return clean.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Word-level Levenshtein distance.
int editDistance(const QStringList& a, const QStringList& b) {
    QVector<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j) row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// A fresh backend holding the seed tasks (ids 1..n in seed order).
std::unique_ptr<BackendProcess> seededBackend(const QStringList& seeds, QString* why) {
    auto backend = std::make_unique<BackendProcess>();
    if (!backend->start({QStringLiteral("--database-url"), QStringLiteral("sqlite::memory:")}, why)) return {};
    for (const QString& title : seeds) {
        const auto reply = http_request("POST", backend->base_url() + "/api/" + kUser + "/tasks",
                                        QJsonDocument(QJsonObject{{"title", title}}).toJson(),
                                        {{"Content-Type", "application/json"}});
        if (reply.status != 201) {
            *why = QStringLiteral("seeding failed: %1 %2").arg(reply.status).arg(QString::fromUtf8(reply.body));
            return {};
        }
    }
    return backend;
}

// The tool calls of one chat turn (name and arguments, case folded), as comparable text.
QString toolCalls(BackendProcess& backend, const QString& message) {
    const auto reply = http_request("POST", backend.base_url() + "/api/" + kUser + "/chat",
                                    QJsonDocument(QJsonObject{{"message", message}}).toJson(),
                                    {{"Content-Type", "application/json"}});
    if (reply.status != 200) return QStringLiteral("HTTP %1").arg(reply.status);
    QJsonArray calls;
    for (const QJsonValue& call : reply.json().object().value("tool_calls").toArray())
        calls.append(QJsonObject{{"name", call["name"]}, {"arguments", call["arguments"]}});
    return QString::fromUtf8(QJsonDocument(calls).toJson(QJsonDocument::Compact)).toLower();
}

QStringList taskTitles(BackendProcess& backend) {
    QStringList titles;
    const auto reply = http_request("GET", backend.base_url() + "/api/" + kUser + "/tasks?status=all");
    for (const QJsonValue& task : reply.json().array()) titles << task["title"].toString();
    return titles;
}

}  // namespace

class TestVoiceCorpus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transcriptsMakeTheTypedToolCalls() {
        HELMDECK_REQUIRE(PocketSphinxModel::installed().problem().isEmpty(), "the PocketSphinx model",
                         "apt-get install pocketsphinx-en-us libpocketsphinx-dev");
        HELMDECK_REQUIRE(!espeakPath().isEmpty(), "espeak-ng", "apt-get install espeak-ng");
        const QStringList requests = dataLines(QFINDTESTDATA("data/todo_requests.txt"));
        const QStringList seeds = dataLines(QFINDTESTDATA("data/seed_tasks.txt"));
        QVERIFY(requests.size() >= 40);

        QString why;
        auto typedBackend = seededBackend(seeds, &why);
        QVERIFY2(typedBackend, qPrintable(why));
        QStringList expected;
        int withTools = 0;
        for (const QString& request : requests) {
            expected << toolCalls(*typedBackend, request);
            if (expected.last() != QLatin1String("[]") && !expected.last().startsWith("http")) ++withTools;
        }
        // The comparison means something only when typed requests do call tools.
        QVERIFY2(withTools >= requests.size() * 3 / 4,
                 qPrintable(QStringLiteral("only %1 of %2 typed requests called a tool").arg(withTools).arg(requests.size())));

        PocketSphinxRecognizer recognizer;
        QJsonArray perVoice;
        int totalMatched = 0, totalRequests = 0, totalErrors = 0, totalWords = 0;
        for (const SpeakingVoice& voice : corpusVoices()) {
            auto backend = seededBackend(seeds, &why);
            QVERIFY2(backend, qPrintable(why));
            recognizer.setTaskTitles(taskTitles(*backend));
            int matched = 0, errors = 0, wordCount = 0;
            for (int i = 0; i < requests.size(); ++i) {
                QString error;
                AudioClip clip = speak(requests[i], voice, &error);
                QVERIFY2(!clip.isEmpty(), qPrintable(error));
                const QString transcript = recognizeNow(recognizer, std::move(clip), &error);
                QVERIFY2(error.isEmpty(), qPrintable(error));
                const QStringList reference = words(requests[i]);
                errors += editDistance(reference, words(transcript));
                wordCount += int(reference.size());
                const QString calls = toolCalls(*backend, transcript);
                if (calls == expected[i]) ++matched;
                else qInfo().noquote() << voice.label() << "| said:" << requests[i] << "| heard:" << transcript
                                       << "\n    typed:" << expected[i] << "\n    voice:" << calls;
            }
            qInfo().noquote() << QStringLiteral("%1: intent %2/%3, WER %4 %")
                                     .arg(voice.label()).arg(matched).arg(requests.size())
                                     .arg(100.0 * errors / wordCount, 0, 'f', 1);
            perVoice.append(QJsonObject{{"voice", voice.voice}, {"wpm", voice.wordsPerMinute},
                                        {"requests", int(requests.size())}, {"intentMatched", matched},
                                        {"wordErrors", errors}, {"words", wordCount}});
            totalMatched += matched;
            totalRequests += int(requests.size());
            totalErrors += errors;
            totalWords += wordCount;
        }
        const double intentShare = double(totalMatched) / totalRequests;
        const double wer = double(totalErrors) / totalWords;
        qInfo().noquote() << QStringLiteral("overall: intent %1/%2 = %3 %, WER %4 %")
                                 .arg(totalMatched).arg(totalRequests).arg(100 * intentShare, 0, 'f', 1)
                                 .arg(100 * wer, 0, 'f', 1);
        QSaveFile out(QStringLiteral(HELMDECK_BINARY_DIR "/voice-corpus.json"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(QJsonObject{{"requests", int(requests.size())},
                                            {"typedWithToolCalls", withTools},
                                            {"intentShare", intentShare}, {"wordErrorRate", wer},
                                            {"perVoice", perVoice}}).toJson());
        QVERIFY(out.commit());
        // Known gap: espeak-ng's voices through PocketSphinx's en-us model mishear title words
        // (2026-12-02: 66.1 % intent, WER 14.4 %). An XPASS here means the target is reached.
        QEXPECT_FAIL("", "intent match is under the 85 % target (see the README's voice figures)", Continue);
        QVERIFY2(intentShare >= 0.85, qPrintable(QStringLiteral("intent match %1 % is under the 85 % target")
                                                     .arg(100 * intentShare, 0, 'f', 1)));
    }
};

QTEST_GUILESS_MAIN(TestVoiceCorpus)
#include "test_voice_corpus.moc"
