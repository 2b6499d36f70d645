// helmdeck-cli chat --wav: a 16 kHz mono WAV (espeak-ng speech, resampled, in the test's temp
// dir) is transcribed offline and sent to the real local backend; bad input exits 2.
#include <QTemporaryDir>
#include <QtTest>

#include "core/voice/pocketsphinx_recognizer.hpp"
#include "desktop/cli_test_support.hpp"
#include "desktop/voice/voice_test_support.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::core::voice;
using namespace helmdeck::testing;

class TestCliWav : public QObject {
    Q_OBJECT

    QTemporaryDir temp_;

    QString writeFile(const QString& name, const QByteArray& bytes) {
        const QString path = temp_.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) return {};
        file.write(bytes);
        return path;
    }

private Q_SLOTS:
    void transcribesAndSends() {
        HELMDECK_REQUIRE(PocketSphinxModel::installed().problem().isEmpty(), "the PocketSphinx model",
                         "apt-get install pocketsphinx-en-us libpocketsphinx-dev");
        HELMDECK_REQUIRE(!espeakPath().isEmpty(), "espeak-ng", "apt-get install espeak-ng");
        QString error;
        const AudioClip spoken = speak(QStringLiteral("show my tasks"), {QStringLiteral("en-us"), 150}, &error);
        QVERIFY2(!spoken.isEmpty(), qPrintable(error));
        const QString wav = writeFile("request.wav", encodeWav(resampledToSpeechRate(spoken)));
        const QString data = temp_.filePath("data");
        QDir().mkpath(data);
        const CliResult result =
            runCli({"chat", "--wav", wav, "--target", "local", "--profile", writeProfile(data)},
                   cliEnvironment(data));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains("heard: show my tasks"), qPrintable(result.err));
        QVERIFY2(result.out.contains("[list_tasks"), qPrintable(result.out));
    }

    void badInputExitsTwo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a wav") << QStringList{"chat", "--wav", "NOTWAV"} << "not a WAV file";
        QTest::newRow("missing file") << QStringList{"chat", "--wav", "/nonexistent.wav"} << "cannot read /nonexistent.wav";
        QTest::newRow("both") << QStringList{"chat", "hello", "--wav", "x.wav"} << "not both";
        QTest::newRow("other command") << QStringList{"status", "--wav", "x.wav"} << "--wav is an option of chat only";
    }
    void badInputExitsTwo() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        arguments.replaceInStrings("NOTWAV", writeFile("text.wav", "just text"));
        const CliResult result = runCli(arguments, cliEnvironment(temp_.filePath("data")));
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QCOMPARE(result.err.trimmed().count('\n'), 0);  // one line
    }
};

QTEST_GUILESS_MAIN(TestCliWav)
#include "test_cli_wav.moc"
