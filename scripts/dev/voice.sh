# shellcheck shell=bash
# Sourced by ./dev: the packages of the Chat page's voice (desktop/core/voice) and its tests.
# Qt Multimedia captures the microphone; PocketSphinx (Debian's 5prealpha) and its en-us model
# recognise offline; Qt TextToSpeech with the flite plugin speaks replies; espeak-ng renders the
# tests' speech corpus. qt6-speech-dev's CMake package needs Qt6QmlIntegration, which Debian 12
# ships in qt6-declarative-dev without qt6-speech-dev depending on it.
APT_PACKAGES+=(qt6-multimedia-dev libpocketsphinx-dev pocketsphinx-en-us qt6-speech-dev
    qt6-declarative-dev qt6-speech-flite-plugin espeak-ng)
