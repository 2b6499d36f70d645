#pragma once
// Speech audio held in memory only: 16-bit mono PCM, a WAV parser and a resampler to 16 kHz.

#include <QByteArray>
#include <QString>
#include <QVector>

namespace helmdeck::core::voice {

/// The sample rate every recognizer takes.
inline constexpr int kSpeechSampleRate = 16000;

struct AudioClip {
    int sampleRate = kSpeechSampleRate;
    QVector<qint16> samples;

    bool isEmpty() const { return samples.isEmpty(); }
    double seconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0; }
    /// Overwrites the samples with zeros, then frees them (privacy: no copy outlives its use).
    void wipe();
};

/// Parses a RIFF/WAVE body (16-bit PCM, any rate, the first channel of several). On failure
/// returns an empty clip and sets `error` to one line naming what is wrong.
AudioClip parseWav(const QByteArray& wav, QString* error);
/// The clip as a 16-bit mono PCM WAV body (for `helmdeck-cli chat --wav` scripts and tests).
QByteArray encodeWav(const AudioClip& clip);
/// The clip at 16 kHz (windowed-sinc interpolation).
AudioClip resampledToSpeechRate(const AudioClip& clip);
/// Peak level of a block of 16-bit samples, 0 to 1.
double peakLevel(const qint16* samples, qsizetype count);
/// Zeroes a byte buffer in place, then releases it.
void wipeBytes(QByteArray& bytes);

}  // namespace helmdeck::core::voice
