// PocketSphinx behind SpeechRecognizer, on speech espeak-ng renders into memory: it hears a todo
// request with numbers as digits, learns the user's title words, can be cancelled, fails with
// a fix hint without its model, and writes no file while it listens.
#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QFileSystemWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/voice/pocketsphinx_recognizer.hpp"
#include "core/voice/todo_grammar.hpp"
#include "support/require_tool.hpp"
#include "desktop/voice/voice_test_support.hpp"

using namespace helmdeck::core::voice;
using namespace helmdeck::testing;

namespace {

const SpeakingVoice kVoice{QStringLiteral("en-us"), 150};

// Every file under `dir` with its size and modification time.
QStringList snapshot(const QString& dir) {
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries << QStringLiteral("%1 %2 %3").arg(info.filePath()).arg(info.size())
                       .arg(info.lastModified().toMSecsSinceEpoch());
    }
    entries.sort();
    return entries;
}

}  // namespace

class TestPocketSphinx : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        HELMDECK_REQUIRE(PocketSphinxModel::installed().problem().isEmpty(), "the PocketSphinx model",
                         "apt-get install pocketsphinx-en-us libpocketsphinx-dev");
        HELMDECK_REQUIRE(!espeakPath().isEmpty(), "espeak-ng", "apt-get install espeak-ng");
    }

    void everyGrammarWordIsInTheDictionary() {
        QFile dict(PocketSphinxModel::installed().dictionary);
        QVERIFY(dict.open(QIODevice::ReadOnly));
        QSet<QString> known;
        for (const QByteArray& line : dict.readAll().split('\n'))
            known.insert(QString::fromUtf8(line.left(line.indexOf(' '))));
        for (const QString& word : todoGrammarWords({}))
            QVERIFY2(known.contains(word), qPrintable(word + " is not in the dictionary"));
    }

    void hearsATodoRequestWithDigits() {
        PocketSphinxRecognizer recognizer;
        QString error;
        AudioClip clip = speak(QStringLiteral("mark task three done"), kVoice, &error);
        QVERIFY2(!clip.isEmpty(), qPrintable(error));
        QCOMPARE(recognizeNow(recognizer, std::move(clip), &error), QStringLiteral("mark task 3 done"));
        QVERIFY(!recognizer.isBusy());
    }

    void learnsTheUsersTitleWords() {
        PocketSphinxRecognizer recognizer;
        QString error;
        const QString said = QStringLiteral("delete the marmalade task");
        QVERIFY(recognizeNow(recognizer, speak(said, kVoice, &error), &error) != said);
        recognizer.setTaskTitles({QStringLiteral("Buy marmalade")});
        QCOMPARE(recognizeNow(recognizer, speak(said, kVoice, &error), &error), said);
    }

    void canBeCancelled() {
        PocketSphinxRecognizer recognizer;
        QString error;
        AudioClip clip = speak(QStringLiteral("add a task to buy milk"), kVoice, &error);
        // Twenty copies: long enough that the cancel lands while the decoder still runs.
        AudioClip longer;
        longer.sampleRate = clip.sampleRate;
        for (int i = 0; i < 20; ++i) longer.samples += clip.samples;
        QSignalSpy cancelled(&recognizer, &SpeechRecognizer::cancelled);
        QSignalSpy recognized(&recognizer, &SpeechRecognizer::recognized);
        recognizer.recognize(std::move(longer));
        QVERIFY(recognizer.isBusy());
        recognizer.cancel();
        QVERIFY(cancelled.wait(60000));
        QVERIFY(recognized.isEmpty());
        QTest::qWait(0);
        QVERIFY(!recognizer.isBusy());
        // Still usable afterwards.
        QCOMPARE(recognizeNow(recognizer, speak(QStringLiteral("show my tasks"), kVoice, &error), &error),
                 QStringLiteral("show my tasks"));
    }

    void missingModelNamesTheFix() {
        PocketSphinxRecognizer recognizer(nullptr, {QStringLiteral("/nonexistent/en-us"),
                                                    QStringLiteral("/nonexistent/dict")});
        QString error;
        AudioClip clip;
        clip.samples = QVector<qint16>(1600, 0);
        QVERIFY(recognizeNow(recognizer, std::move(clip), &error).isEmpty());
        QVERIFY2(error.contains("apt-get install pocketsphinx-en-us"), qPrintable(error));
    }

    // Privacy: a whole recognition, model loading included, creates or changes no file in the
    // data dir or the temp dir.
    void writesNoFileWhileListening() {
        QString error;
        AudioClip clip = speak(QStringLiteral("show my tasks"), kVoice, &error);
        QVERIFY2(!clip.isEmpty(), qPrintable(error));
        QTemporaryDir temp, data;
        QVERIFY(temp.isValid() && data.isValid());
        qputenv("TMPDIR", temp.path().toLocal8Bit());
        qputenv("HELMDECK_DATA_DIR", data.path().toLocal8Bit());
        const QStringList dirs{temp.path(), data.path(), QDir::tempPath()};
        QCOMPARE(QDir::tempPath(), temp.path());
        QMap<QString, QStringList> before;
        for (const QString& dir : dirs) before[dir] = snapshot(dir);
        QFileSystemWatcher watcher(dirs);
        QSignalSpy changed(&watcher, &QFileSystemWatcher::directoryChanged);

        {
            PocketSphinxRecognizer recognizer;
            QCOMPARE(recognizeNow(recognizer, std::move(clip), &error), QStringLiteral("show my tasks"));
        }
        QCoreApplication::processEvents();
        QVERIFY2(changed.isEmpty(), qPrintable(changed.isEmpty() ? QString() : changed.first().first().toString()));
        for (const QString& dir : dirs) QCOMPARE(snapshot(dir), before[dir]);
        qunsetenv("TMPDIR");
        qunsetenv("HELMDECK_DATA_DIR");
    }
};

QTEST_GUILESS_MAIN(TestPocketSphinx)
#include "test_pocketsphinx.moc"
