#include "core/voice/push_to_talk.hpp"

namespace helmdeck::core::voice {

PushToTalk::PushToTalk(AudioSource* source, SpeechRecognizer* recognizer, QObject* parent)
    : QObject(parent), source_(source), recognizer_(recognizer) {
    connect(source_, &AudioSource::levelChanged, this, &PushToTalk::levelChanged);
    connect(recognizer_, &SpeechRecognizer::recognized, this, [this](const QString& text) {
        setState(State::Idle);
        if (text.trimmed().isEmpty())
            Q_EMIT problem(tr("Nothing was recognised. Hold the button (or Ctrl+Space) while you speak."));
        else
            Q_EMIT transcribed(text);
    });
    connect(recognizer_, &SpeechRecognizer::failed, this, [this](const QString& reason) {
        setState(State::Idle);
        Q_EMIT problem(tr("Speech recognition failed: %1").arg(reason));
    });
    connect(recognizer_, &SpeechRecognizer::cancelled, this, [this] { setState(State::Idle); });
}

void PushToTalk::setState(State state) {
    if (state_ == state) return;
    state_ = state;
    Q_EMIT stateChanged(state);
}

void PushToTalk::press() {
    if (state_ == State::Recording) return;
    if (state_ == State::Transcribing) recognizer_->cancel();
    Q_EMIT talkStarted();
    if (!source_->start()) {
        Q_EMIT problem(source_->unavailableReason());
        return;
    }
    setState(State::Recording);
}

void PushToTalk::release() {
    if (state_ != State::Recording) return;
    AudioClip clip = source_->stop();
    Q_EMIT levelChanged(0);
    if (clip.seconds() < 0.2) {
        clip.wipe();
        setState(State::Idle);
        Q_EMIT problem(tr("That was too short. Hold the button (or Ctrl+Space) while you speak."));
        return;
    }
    setState(State::Transcribing);
    recognizer_->recognize(std::move(clip));
}

void PushToTalk::cancel() {
    if (state_ == State::Recording) {
        AudioClip dropped = source_->stop();
        dropped.wipe();
        setState(State::Idle);
    } else if (state_ == State::Transcribing) {
        recognizer_->cancel();
    }
}

}  // namespace helmdeck::core::voice
