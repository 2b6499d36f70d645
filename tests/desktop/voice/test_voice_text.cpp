// Unit tests for the voice layer's pure parts: spoken numbers, the grammar and its vocabulary,
// WAV parsing and resampling, and the audio sources' behaviour without a device.
#include <QSignalSpy>
#include <QtEndian>
#include <QtTest>

#include "core/voice/audio_clip.hpp"
#include "core/voice/audio_source.hpp"
#include "core/voice/reply_speaker.hpp"
#include "core/voice/spoken_numbers.hpp"
#include "core/voice/todo_grammar.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::core::voice;

namespace {

QByteArray wavBytes(int rate, int channels, const QVector<qint16>& samples, int bits = 16) {
    QByteArray out("RIFF\0\0\0\0WAVEfmt ", 16);
    auto put32 = [&](quint32 v) { char b[4]; qToLittleEndian(v, b); out.append(b, 4); };
    auto put16 = [&](quint16 v) { char b[2]; qToLittleEndian(v, b); out.append(b, 2); };
    put32(16); put16(1); put16(quint16(channels)); put32(quint32(rate));
    put32(quint32(rate * channels * 2)); put16(quint16(channels * 2)); put16(quint16(bits));
    out.append("data", 4);
    put32(quint32(samples.size() * 2));
    for (qint16 s : samples) put16(quint16(s));
    return out;
}

}  // namespace

class TestVoiceText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void numbersBecomeDigits_data() {
        QTest::addColumn<QString>("spoken");
        QTest::addColumn<QString>("written");
        QTest::newRow("task three") << "mark task three done" << "mark task 3 done";
        QTest::newRow("teen") << "delete task fourteen" << "delete task 14";
        QTest::newRow("compound") << "complete task twenty one" << "complete task 21";
        QTest::newRow("round tens") << "task forty" << "task 40";
        QTest::newRow("hundred") << "task one hundred and five" << "task 105";
        QTest::newRow("no numbers") << "show my tasks" << "show my tasks";
        QTest::newRow("two numbers") << "move task two to task nine" << "move task 2 to task 9";
    }
    void numbersBecomeDigits() {
        QFETCH(QString, spoken);
        QFETCH(QString, written);
        QCOMPARE(digitsForSpokenNumbers(spoken), written);
    }

    void titleWordsAreCleanedAndFiltered() {
        const auto known = [](const QString& word) { return word != QLatin1String("xyzzy"); };
        const QStringList words =
            titleVocabulary({"Buy Milk!", "call mom's doctor", "pay the rent", "xyzzy 42 milk", "  'quoted'  "}, known);
        QCOMPARE(words, (QStringList{"buy", "milk", "call", "mom's", "doctor", "pay", "rent", "quoted"}));
    }

    void taskTitlesAreSpokenWhole() {
        const auto known = [](const QString& word) { return word != QLatin1String("xyzzy"); };
        QCOMPARE(spokenTitles({"Buy Milk!", "xyzzy 42", "pay the rent", "buy milk", "the end"}, known),
                 (QStringList{"buy milk", "pay the rent", "the end"}));
    }

    void grammarNamesTasksByTheirOwnWords() {
        const QString grammar = todoGrammar({"marmalade", "end"}, {"buy marmalade", "the end"});
        QVERIFY(grammar.contains("the <ownword> [<ownword>] [<ownword>] task"));
        QVERIFY(grammar.contains("<ownword> = marmalade | end;"));
        QVERIFY(grammar.contains("<owntitle> = buy marmalade | the end;"));
        const QString verbs = grammar.section(QStringLiteral("<verb> = "), 1).section(QLatin1Char(';'), 0, 0);
        QVERIFY(verbs.startsWith("buy | get"));
        QVERIFY(!verbs.split(" | ").contains("the"));  // a title's leading article is no verb
        const QString withoutTasks = todoGrammar({});
        QVERIFY(!withoutTasks.contains("<ownword>"));
        QVERIFY(!withoutTasks.contains("<owntitle>"));
        QVERIFY(withoutTasks.contains("<taskref> = /8/ task [number] <number>"));
    }

    void grammarCarriesTheUsersTitleWords() {
        const QString grammar = todoGrammar({"marmalade"});
        QVERIFY(grammar.startsWith("#JSGF V1.0;"));
        QVERIFY(grammar.contains("public <request>"));
        QVERIFY(grammar.contains("| marmalade"));
        QVERIFY(!todoGrammar({}).contains("marmalade"));
        const QStringList words = todoGrammarWords({"marmalade"});
        for (const char* word : {"mark", "done", "priority", "tomorrow", "friday", "three", "marmalade", "what's"})
            QVERIFY2(words.contains(QString::fromLatin1(word)), word);
        QVERIFY(!words.contains("public"));
    }

    void parsesPcmWav() {
        QString error;
        const AudioClip clip = parseWav(wavBytes(16000, 1, {1, -2, 3, 32767}), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(clip.sampleRate, 16000);
        QCOMPARE(clip.samples, (QVector<qint16>{1, -2, 3, 32767}));
    }

    void keepsTheFirstChannelOfStereo() {
        QString error;
        const AudioClip clip = parseWav(wavBytes(8000, 2, {10, 99, 20, 99}), &error);
        QCOMPARE(clip.samples, (QVector<qint16>{10, 20}));
    }

    void rejectsWhatIsNotPcm16() {
        QString error;
        QVERIFY(parseWav("hello", &error).isEmpty());
        QVERIFY(error.contains("not a WAV"));
        QVERIFY(parseWav(wavBytes(16000, 1, {1, 2}, 8), &error).isEmpty());
        QVERIFY2(error.contains("16-bit"), qPrintable(error));
    }

    void resamplesTo16k() {
        AudioClip clip;
        clip.sampleRate = 22050;
        clip.samples = QVector<qint16>(22050, 1000);
        const AudioClip out = resampledToSpeechRate(clip);
        QCOMPARE(out.sampleRate, 16000);
        QCOMPARE(out.samples.size(), 16000);
        QCOMPARE(out.samples[8000], qint16(1000));
    }

    void wipeClearsTheSamples() {
        AudioClip clip;
        clip.samples = {5, 6, 7};
        clip.wipe();
        QVERIFY(clip.isEmpty());
        QByteArray bytes("secret");
        wipeBytes(bytes);
        QVERIFY(bytes.isEmpty());
    }

    void noMicrophoneNamesTheFix() {
        MicrophoneSource source(QAudioDevice{}, nullptr);
        QVERIFY(!source.start());
        QVERIFY(!source.isRecording());
        QVERIFY(source.unavailableReason().contains("No microphone found"));
        QVERIFY(source.unavailableReason().contains("pactl"));
        QVERIFY(source.stop().isEmpty());
    }

    void spokenRepliesAreOffByDefault() {
        ReplySpeaker speaker;
        QVERIFY(!speaker.isEnabled());
        speaker.speak(QStringLiteral("You have 1 task."));
        QVERIFY(!speaker.isSpeaking());
        QVERIFY(speaker.engineName().isEmpty());  // no engine is even loaded until switched on
    }

    void spokenRepliesUseTheFlitePlugin() {
        ReplySpeaker speaker;
        speaker.setEnabled(true);
        HELMDECK_REQUIRE(speaker.unavailableReason().isEmpty(), "a Qt TextToSpeech engine",
                         "apt-get install qt6-speech-flite-plugin");
        QCOMPARE(speaker.engineName(), QStringLiteral("flite"));
        speaker.setEnabled(false);
        QVERIFY(!speaker.isSpeaking());
    }

    void clipSourcePlaysInRealTime() {
        AudioClip clip;
        clip.samples = QVector<qint16>(kSpeechSampleRate / 5, 16384);  // 200 ms at half scale
        ClipSource source(clip);
        QSignalSpy levels(&source, &AudioSource::levelChanged);
        QSignalSpy exhausted(&source, &ClipSource::exhausted);
        QVERIFY(source.start());
        QVERIFY(exhausted.wait(5000));
        QVERIFY(levels.size() >= 5);
        QCOMPARE(levels.last().first().toDouble(), 0.5);
        QVERIFY(source.isRecording());
        QCOMPARE(source.stop().samples.size(), clip.samples.size());
        QVERIFY(!source.isRecording());
    }
};

QTEST_GUILESS_MAIN(TestVoiceText)
#include "test_voice_text.moc"
