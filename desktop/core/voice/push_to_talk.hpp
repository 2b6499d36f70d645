#pragma once
// Push-to-talk: press starts recording from an AudioSource, release hands the clip to a
// SpeechRecognizer; the transcript comes back by signal. No widgets: the Chat page's voice bar
// drives it, and tests drive it with a ClipSource.

#include <QObject>
#include <QString>

#include "core/voice/audio_source.hpp"
#include "core/voice/speech_recognizer.hpp"

namespace helmdeck::core::voice {

class PushToTalk : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Recording, Transcribing };
    Q_ENUM(State)

    /// Takes neither object; both must outlive this one (give them the same parent).
    PushToTalk(AudioSource* source, SpeechRecognizer* recognizer, QObject* parent = nullptr);

    void press();
    void release();
    /// Drops the recording or the running recognition.
    void cancel();
    State state() const { return state_; }
    AudioSource* source() const { return source_; }
    SpeechRecognizer* recognizer() const { return recognizer_; }

Q_SIGNALS:
    void stateChanged(helmdeck::core::voice::PushToTalk::State state);
    void levelChanged(double level);
    /// The user started talking (spoken replies stop on this).
    void talkStarted();
    void transcribed(const QString& text);
    /// No device, a failed engine, nothing heard: one line with the fix.
    void problem(const QString& message);

private:
    void setState(State state);

    AudioSource* source_;
    SpeechRecognizer* recognizer_;
    State state_ = State::Idle;
};

}  // namespace helmdeck::core::voice
