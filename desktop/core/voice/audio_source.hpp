#pragma once
// Where push-to-talk audio comes from: the microphone, or (for tests and scripts) a clip fed
// through the same interface. Recording goes to memory only.

#include <QAudioDevice>
#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <memory>

#include "core/voice/audio_clip.hpp"

class QAudioSource;
class QIODevice;

namespace helmdeck::core::voice {

class AudioSource : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    /// Empty when recording can start; otherwise one line naming the problem and the fix.
    virtual QString unavailableReason() const = 0;
    /// Starts recording into memory; false (and unavailableReason()) when it cannot.
    virtual bool start() = 0;
    /// Stops and hands over what was recorded (16 kHz mono); the source keeps no copy.
    virtual AudioClip stop() = 0;
    virtual bool isRecording() const = 0;

Q_SIGNALS:
    /// Peak level of the latest block, 0 to 1, while recording.
    void levelChanged(double level);
};

/// The default (or a given) input device through Qt Multimedia, 16 kHz mono 16-bit.
class MicrophoneSource : public AudioSource {
    Q_OBJECT

public:
    /// Uses the system's default input device.
    explicit MicrophoneSource(QObject* parent = nullptr);
    /// Uses `device`; a null device means "there is no microphone".
    MicrophoneSource(const QAudioDevice& device, QObject* parent);
    ~MicrophoneSource() override;

    QString unavailableReason() const override;
    bool start() override;
    AudioClip stop() override;
    bool isRecording() const override { return input_ != nullptr; }

private:
    void readAvailable();

    QAudioDevice device_;
    std::unique_ptr<QAudioSource> audio_;
    QIODevice* input_ = nullptr;
    QByteArray recorded_;
    QString startError_;
};

/// Plays a clip in real time as if spoken into a microphone: levels flow while it lasts, and
/// stop() returns the part "heard" so far. exhausted() fires when all of it was heard.
class ClipSource : public AudioSource {
    Q_OBJECT

public:
    explicit ClipSource(AudioClip clip, QObject* parent = nullptr);

    QString unavailableReason() const override { return {}; }
    bool start() override;
    AudioClip stop() override;
    bool isRecording() const override { return recording_; }

Q_SIGNALS:
    void exhausted();

private:
    void tick();

    AudioClip clip_;
    qsizetype heard_ = 0;
    bool recording_ = false;
    QTimer timer_;
};

}  // namespace helmdeck::core::voice
