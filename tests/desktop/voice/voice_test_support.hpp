#pragma once
// Helpers for the voice tests: espeak-ng renders speech into memory, a blocking recognition
// with a deadline, the corpus files.

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringList>

#include "core/voice/audio_clip.hpp"
#include "core/voice/speech_recognizer.hpp"

namespace helmdeck::testing {

struct SpeakingVoice {
    QString voice;  ///< an espeak-ng voice name
    int wordsPerMinute = 160;
    QString label() const { return QStringLiteral("%1 at %2 wpm").arg(voice).arg(wordsPerMinute); }
};

/// The corpus test's renderings: two voices, two speeds.
inline QList<SpeakingVoice> corpusVoices() {
    return {{QStringLiteral("en-us"), 140}, {QStringLiteral("en-us"), 170},
            {QStringLiteral("en-us+f2"), 140}, {QStringLiteral("en-us+f2"), 170}};
}

inline QString espeakPath() { return QStandardPaths::findExecutable(QStringLiteral("espeak-ng")); }

/// espeak-ng's WAV on stdout, parsed: the speech never touches the disk.
inline helmdeck::core::voice::AudioClip speak(const QString& text, const SpeakingVoice& how, QString* error) {
    QProcess espeak;
    espeak.start(espeakPath(), {QStringLiteral("-v"), how.voice, QStringLiteral("-s"),
                                QString::number(how.wordsPerMinute), QStringLiteral("--stdout"), text});
    if (!espeak.waitForFinished(30000) || espeak.exitCode() != 0) {
        *error = QStringLiteral("espeak-ng failed: ") + QString::fromUtf8(espeak.readAllStandardError());
        return {};
    }
    return helmdeck::core::voice::parseWav(espeak.readAllStandardOutput(), error);
}

/// Runs one recognition and waits for its outcome; the transcript, or empty with `error` set.
inline QString recognizeNow(helmdeck::core::voice::SpeechRecognizer& recognizer, helmdeck::core::voice::AudioClip clip, QString* error) {
    QSignalSpy recognized(&recognizer, &helmdeck::core::voice::SpeechRecognizer::recognized);
    QSignalSpy failed(&recognizer, &helmdeck::core::voice::SpeechRecognizer::failed);
    recognizer.recognize(std::move(clip));
    for (int waited = 0; recognized.isEmpty() && failed.isEmpty() && waited < 120; ++waited)
        recognized.wait(1000);
    if (!failed.isEmpty()) {
        *error = failed.first().first().toString();
        return {};
    }
    if (recognized.isEmpty()) {
        *error = QStringLiteral("no result within 120 s");
        return {};
    }
    return recognized.first().first().toString();
}

/// Lines of a data file, without blank lines and # comments.
inline QStringList dataLines(const QString& path) {
    QFile file(path);
    QStringList lines;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return lines;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#'))) lines << line;
    }
    return lines;
}

}  // namespace helmdeck::testing
